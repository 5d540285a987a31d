/**
 * The coworker's own earlier deliverables as context: which ones a search, folder, tag or linked-notes source
 * may bring in, and how each is labelled. Drafts may hold what the user rejected, so by default only approved
 * ones come in, and a status that is missing or unknown counts as not approved (failing closed).
 */
import type { ParsedNote } from "../notes/parsed-note";
import { propertyTextAsWritten } from "../notes/frontmatter";
import type { EarlierOutput } from "./context-piece";

/** The setting "Earlier deliverables as context": approved ones only, all of them, or none. */
export type EarlierDeliverablesPolicy = "approved" | "all" | "none";

export const EARLIER_DELIVERABLES_POLICIES: readonly EarlierDeliverablesPolicy[] = ["approved", "all", "none"];

export const DEFAULT_EARLIER_DELIVERABLES: EarlierDeliverablesPolicy = "approved";

export function isEarlierDeliverablesPolicy(value: unknown): value is EarlierDeliverablesPolicy {
	return typeof value === "string" && (EARLIER_DELIVERABLES_POLICIES as readonly string[]).includes(value);
}

/**
 * How a deliverable is labelled for the model, or null when the note is no deliverable (`coworker: deliverable`).
 * A workflow's previous deliverable is labelled so even if its properties were edited away: it is what it is.
 */
export function earlierOutputOf(note: ParsedNote, text: string, previous = false): EarlierOutput | null {
	if (note.properties.coworker !== "deliverable" && !previous) return null;
	const status = typeof note.properties.status === "string" && note.properties.status.trim() !== "" ? note.properties.status.trim().toLowerCase() : "unknown";
	return { status, date: createdDate(text), previous };
}

/** Whether a deliverable may come in through a broad source (search, folder, tag, linked notes) under the policy. */
export function admitsDeliverable(policy: EarlierDeliverablesPolicy, earlier: EarlierOutput): boolean {
	if (policy === "none") return false;
	return policy === "all" || earlier.status === "approved";
}

/** One warning for every deliverable a policy left out of the broad sources: counted, not named. */
export function leftOutWarning(policy: EarlierDeliverablesPolicy, count: number): string {
	const which = policy === "none" ? "" : " that are not approved";
	const noun = count === 1 ? "earlier deliverable" : "earlier deliverables";
	return `${count} ${noun}${which} ${count === 1 ? "was" : "were"} left out of the search, folder, tag and linked-note sources (setting "Earlier deliverables as context": ${policy}); name one as a source to use it.`;
}

/**
 * The local date of `created` as written (`2026-11-30T09:15:00+01:00` → `2026-11-30`): the YAML reader turns the
 * value into an instant in UTC, which may fall on another day.
 */
function createdDate(text: string): string | null {
	return /^\d{4}-\d{2}-\d{2}/.exec(propertyTextAsWritten(text, "created") ?? "")?.[0] ?? null;
}
