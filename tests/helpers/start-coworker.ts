/** Starts the plugin in the test double as Obsidian does: load, lay out the workspace, then wait for the index. */
import type { PluginManifest } from "obsidian";
import CoworkerPlugin from "../../src/obsidian/main";
import manifestJson from "../../manifest.json";
import { loadPlugin, unloadPlugin, type FakeObsidianApp } from "./fake-obsidian-app";
import { PLUGIN_DIR } from "./plugin-settings";

/** The manifest as Obsidian hands it to the plugin, with the folder it was installed in. */
export const COWORKER_MANIFEST: PluginManifest = { ...manifestJson, dir: PLUGIN_DIR };

/**
 * `loaded` receives the plugin as soon as it is loaded, before the wait, so the test's afterEach unloads it
 * even when the index never becomes ready.
 */
export async function startCoworker(fake: FakeObsidianApp, loaded: (plugin: CoworkerPlugin) => void): Promise<CoworkerPlugin> {
	const plugin = await loadPlugin(CoworkerPlugin, fake.app, COWORKER_MANIFEST);
	loaded(plugin);
	fake.bootLayout();
	// The index's own signal, not a poll: the test's timeout covers a build that never ends.
	await plugin.indexSync.whenReady();
	return plugin;
}

/**
 * Unloads the plugin as Obsidian does, then waits for the work its onunload set going (the last cache write, a
 * scheduler tick), so nothing writes into the vault while the test removes it.
 */
export async function stopCoworker(plugin: CoworkerPlugin): Promise<void> {
	unloadPlugin(plugin);
	await plugin.unloaded;
}
