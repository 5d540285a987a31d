/** The note in view, when it is one of the coworker's own kinds (a workflow, a deliverable): what the review and workflow commands act on. */
import type { App, TFile } from "obsidian";
import type { IndexSync } from "../index/index-sync";

export function activeNoteOfKind(app: App, indexSync: IndexSync, kind: "workflow" | "deliverable"): TFile | null {
	const file = app.workspace.getActiveFile();
	return file && indexSync.index.noteInfo(file.path)?.coworker === kind ? file : null;
}
