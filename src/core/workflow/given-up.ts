/** Occurrences the scheduler gave up on (their next occurrence came first), in the one sentence every place shows. */
import { wallTimeWords } from "../run/local-time";
import type { LedgerEntry } from "./workflow-ledger";

/** `The run for Mon 2026-11-30 09:00 was given up after 6 attempts: <last error>` */
export function givenUpSentence(occurrence: string, attempts: number, lastError: string | null): string {
	const error = (lastError ?? "").trim().replace(/\.?$/, ".");
	const tries = `${attempts} attempt${attempts === 1 ? "" : "s"}`;
	return `The run for ${wallTimeWords(occurrence, "short")} was given up after ${tries}, as the next occurrence came${error === "." ? "." : `: ${error}`}`;
}

/** The newest occurrence of a workflow that was given up, with its sentence; null when none is in the ledger. */
export function latestGivenUp(entry: LedgerEntry | null): { occurrence: string; sentence: string } | null {
	let latest: { occurrence: string; at: number; sentence: string } | null = null;
	for (const [occurrence, record] of Object.entries(entry?.occurrences ?? {})) {
		const at = Date.parse(occurrence);
		if (record.givenUp !== true || !Number.isFinite(at) || (latest && latest.at >= at)) continue;
		latest = { occurrence, at, sentence: record.error ?? givenUpSentence(occurrence, record.attempts, null) };
	}
	return latest ? { occurrence: latest.occurrence, sentence: latest.sentence } : null;
}
