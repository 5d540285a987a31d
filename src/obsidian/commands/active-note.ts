/** The note in view, when it is one of the coworker's own kinds (a workflow, a deliverable): what the review and workflow commands act on. */
import type { App, TFile } from "obsidian";

/**
 * Read from Obsidian's metadata cache, not from the vault index: a deliverable in an excluded folder is not
 * indexed, yet it can still be reviewed, and the cache follows an edit of `coworker:` without the index's delay.
 */
export function activeNoteOfKind(app: App, kind: "workflow" | "deliverable"): TFile | null {
	const file = app.workspace.getActiveFile();
	if (!file) return null;
	const value: unknown = app.metadataCache.getFileCache(file)?.frontmatter?.coworker;
	return typeof value === "string" && value.trim().toLowerCase() === kind ? file : null;
}
