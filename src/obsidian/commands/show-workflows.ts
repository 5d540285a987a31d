/** Command "Show workflows": opens (or reveals) the workflows view in the right sidebar. */
import type { App, Command } from "obsidian";
import { WORKFLOWS_VIEW_TYPE } from "../workflows/workflows-view";

export function showWorkflowsCommand(app: App): Command {
	return { id: "show-workflows", name: "Show workflows", callback: () => void showWorkflows(app) };
}

export async function showWorkflows(app: App): Promise<void> {
	const { workspace } = app;
	let leaf = workspace.getLeavesOfType(WORKFLOWS_VIEW_TYPE)[0] ?? null;
	if (!leaf) {
		leaf = workspace.getRightLeaf(false);
		if (!leaf) return;
		await leaf.setViewState({ type: WORKFLOWS_VIEW_TYPE, active: true });
	}
	await workspace.revealLeaf(leaf);
}
