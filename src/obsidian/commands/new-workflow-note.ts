/** Command "New workflow note": a workflow from the commented template, in the workflows folder, opened for editing. */
import { normalizePath, type App, type Command } from "obsidian";
import type { PluginSettings } from "../../core/settings/plugin-settings";
import { WORKFLOW_TEMPLATE } from "../../core/workflow/workflow-template";

export function newWorkflowNoteCommand(app: App, settings: () => PluginSettings): Command {
	return {
		id: "new-workflow-note",
		name: "New workflow note",
		callback: () => void createWorkflowNote(app, settings().workflowFolder),
	};
}

export async function createWorkflowNote(app: App, folder: string): Promise<string> {
	const base = normalizePath(folder.trim() === "" ? "/" : folder);
	if (base !== "/" && app.vault.getFolderByPath(base) === null) await app.vault.createFolder(base);
	const prefix = base === "/" ? "" : `${base}/`;
	let path = `${prefix}New workflow.md`;
	for (let n = 2; app.vault.getAbstractFileByPath(path) !== null; n++) path = `${prefix}New workflow ${n}.md`;
	const file = await app.vault.create(path, WORKFLOW_TEMPLATE);
	await app.workspace.getLeaf("tab").openFile(file);
	return path;
}
