/** Finds a deliverable already in the vault for a workflow occurrence: the check that survives a lost ledger and a second device. */
import type { VaultReader } from "../ports/vault-reader";
import type { VaultLinks } from "../ports/vault-links";
import { parseNote } from "../notes/parse-note";
import { isInFolder } from "../notes/note-path";

/** The folder part of an output template before any placeholder (`Reports/{{date}}/x` → `Reports`). */
export function staticFolderOf(template: string): string {
	const beforePlaceholder = template.split("{{")[0] ?? "";
	const slash = beforePlaceholder.lastIndexOf("/");
	return slash < 0 ? "" : beforePlaceholder.slice(0, slash);
}

/**
 * The path of a deliverable whose properties name this workflow (a link resolving to it) and this
 * occurrence, among the notes under the workflow's output folder; null when there is none.
 */
export async function findDeliverable(reader: VaultReader, links: VaultLinks, workflowPath: string, outputTemplate: string, occurrence: string): Promise<string | null> {
	const folder = staticFolderOf(outputTemplate);
	const candidates = (await reader.listMarkdownFiles()).filter((file) => isInFolder(file.path, folder));
	for (const file of candidates) {
		let text: string;
		try {
			text = await reader.read(file.path);
		} catch {
			continue;
		}
		// Only the frontmatter matters; a cheap test first spares parsing every note in a big folder. (The
		// occurrence itself is compared as an instant below: `…+01:00` and `…Z` name the same one.)
		if (!text.startsWith("---") || !text.includes("occurrence:")) continue;
		const properties = parseNote(file.path, text).properties;
		if (properties.coworker !== "deliverable" || typeof properties.occurrence !== "string" || typeof properties.workflow !== "string") continue;
		if (Date.parse(properties.occurrence) !== Date.parse(occurrence)) continue;
		const link = properties.workflow.replace(/^\[\[|\]\]$/g, "").split("|")[0] ?? "";
		if (links.resolve(link, file.path) === workflowPath) return file.path;
	}
	return null;
}

/**
 * The deliverable a workflow's next run builds on: its newest approved one, else null (the caller falls back
 * to the last successful run's). Approved work is what the user stood behind; drafts may hold what they rejected.
 */
export async function findApprovedDeliverable(reader: VaultReader, links: VaultLinks, workflowPath: string, outputTemplate: string): Promise<string | null> {
	const folder = staticFolderOf(outputTemplate);
	let best: { path: string; created: number } | null = null;
	for (const file of (await reader.listMarkdownFiles()).filter((candidate) => isInFolder(candidate.path, folder))) {
		let text: string;
		try {
			text = await reader.read(file.path);
		} catch {
			continue;
		}
		if (!text.startsWith("---") || !/^status:\s*"?approved"?\s*$/m.test(text)) continue;
		const properties = parseNote(file.path, text).properties;
		if (properties.coworker !== "deliverable" || properties.status !== "approved" || typeof properties.workflow !== "string") continue;
		const link = properties.workflow.replace(/^\[\[|\]\]$/g, "").split("|")[0] ?? "";
		if (links.resolve(link, file.path) !== workflowPath) continue;
		const created = typeof properties.created === "string" ? Date.parse(properties.created) || 0 : 0;
		if (!best || created > best.created) best = { path: file.path, created };
	}
	return best?.path ?? null;
}
