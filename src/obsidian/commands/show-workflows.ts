/** Command "Show workflows": opens (or reveals) the workflows view in the right sidebar. */
import type { App, Command } from "obsidian";
import { WORKFLOWS_VIEW_TYPE } from "../workflows/workflows-view";
import { revealSidebarView } from "./sidebar-view";

export function showWorkflowsCommand(app: App): Command {
	return { id: "show-workflows", name: "Show workflows", callback: () => void showWorkflows(app) };
}

export function showWorkflows(app: App): Promise<void> {
	return revealSidebarView(app, WORKFLOWS_VIEW_TYPE);
}
