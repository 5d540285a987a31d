/** Finds a deliverable already in the vault for a workflow occurrence: the check that survives a lost ledger and a second device. */
import type { VaultReader } from "../ports/vault-reader";
import type { VaultLinks } from "../ports/vault-links";
import { parseNote } from "../notes/parse-note";
import { isInFolder } from "../notes/note-path";
import { linkpathOf } from "../notes/links";
import type { PropertyValue } from "../notes/parsed-note";

/** The folder part of an output template before any placeholder (`Reports/{{date}}/x` → `Reports`). */
export function staticFolderOf(template: string): string {
	const beforePlaceholder = template.split("{{")[0] ?? "";
	const slash = beforePlaceholder.lastIndexOf("/");
	return slash < 0 ? "" : beforePlaceholder.slice(0, slash);
}

/**
 * The deliverables of one workflow under its output folder, with their properties: every note whose
 * properties say `coworker: deliverable` and whose `workflow` link resolves to the workflow. `mayMatch` is a
 * cheap test on the raw text that spares parsing notes that cannot be wanted.
 */
async function* workflowDeliverables(
	reader: VaultReader,
	links: VaultLinks,
	workflowPath: string,
	outputTemplate: string,
	mayMatch: (text: string) => boolean,
): AsyncGenerator<{ path: string; properties: Record<string, PropertyValue> }> {
	const folder = staticFolderOf(outputTemplate);
	for (const file of (await reader.listMarkdownFiles()).filter((candidate) => isInFolder(candidate.path, folder))) {
		let text: string;
		try {
			text = await reader.read(file.path);
		} catch {
			continue;
		}
		if (!text.startsWith("---") || !mayMatch(text)) continue;
		const properties = parseNote(file.path, text).properties;
		if (properties.coworker !== "deliverable" || typeof properties.workflow !== "string") continue;
		if (links.resolve(linkpathOf(properties.workflow), file.path) === workflowPath) yield { path: file.path, properties };
	}
}

/**
 * The path of a deliverable whose properties name this workflow (a link resolving to it) and this
 * occurrence, among the notes under the workflow's output folder; null when there is none.
 */
export async function findDeliverable(reader: VaultReader, links: VaultLinks, workflowPath: string, outputTemplate: string, occurrence: string): Promise<string | null> {
	// The occurrence is compared as an instant: `…+01:00` and `…Z` name the same one.
	for await (const { path, properties } of workflowDeliverables(reader, links, workflowPath, outputTemplate, (text) => text.includes("occurrence:"))) {
		if (typeof properties.occurrence === "string" && Date.parse(properties.occurrence) === Date.parse(occurrence)) return path;
	}
	return null;
}

/**
 * The deliverable a workflow's next run builds on: its newest approved one, else null (the caller falls back
 * to the last successful run's). Approved work is what the user stood behind; drafts may hold what they rejected.
 */
export async function findApprovedDeliverable(reader: VaultReader, links: VaultLinks, workflowPath: string, outputTemplate: string): Promise<string | null> {
	let best: { path: string; created: number } | null = null;
	for await (const { path, properties } of workflowDeliverables(reader, links, workflowPath, outputTemplate, (text) => /^status:\s*"?approved"?\s*$/m.test(text))) {
		if (properties.status !== "approved") continue;
		const created = typeof properties.created === "string" ? Date.parse(properties.created) || 0 : 0;
		if (!best || created > best.created) best = { path, created };
	}
	return best?.path ?? null;
}
