/** Command "Open coworker panel": opens (or reveals) the panel in the right sidebar. No hotkey: the user picks one. */
import type { App, Command } from "obsidian";
import { revealSidebarView } from "../commands/sidebar-view";
import { COWORKER_PANEL_VIEW_TYPE } from "./coworker-panel-view";

export function openCoworkerPanelCommand(app: App): Command {
	return { id: "open-coworker-panel", name: "Open coworker panel", callback: () => void revealSidebarView(app, COWORKER_PANEL_VIEW_TYPE) };
}
