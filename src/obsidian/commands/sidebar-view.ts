/** Opens a view of ours in the right sidebar, or reveals it where it already is. */
import type { App } from "obsidian";

export async function revealSidebarView(app: App, viewType: string): Promise<void> {
	const { workspace } = app;
	let leaf = workspace.getLeavesOfType(viewType)[0] ?? null;
	if (!leaf) {
		leaf = workspace.getRightLeaf(false);
		if (!leaf) return;
		await leaf.setViewState({ type: viewType, active: true });
	}
	await workspace.revealLeaf(leaf);
}
