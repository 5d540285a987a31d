/** The plugin entry point: builds the adapters and services and registers commands and settings. It wires; it does not think. */
import { debounce, Notice, Plugin } from "obsidian";
import { settingsFromData, type PluginSettings } from "../core/settings/plugin-settings";
import { PluginDataStore } from "./adapters/plugin-data-store";
import { IndexStatus } from "./index/index-status";
import { IndexSync } from "./index/index-sync";
import { searchVaultContextCommand } from "./commands/search-vault-context";
import { rebuildIndexCommand } from "./commands/rebuild-index";
import { CoworkerSettingTab } from "./settings/settings-tab";

/** Exclusions are applied this long after the last keystroke in the settings, not on every key. */
const APPLY_INDEX_SETTINGS_DELAY_MS = 1_500;

export default class CoworkerPlugin extends Plugin {
	override settings!: PluginSettings;
	/** Public so later commands (and tests) reach the index; only main.ts assigns it. */
	indexSync!: IndexSync;

	override async onload(): Promise<void> {
		const read = settingsFromData(await this.loadData(), "AI Coworker settings");
		this.settings = read.settings;
		for (const problem of read.problems) new Notice(problem);

		const pluginFolder = this.manifest.dir ?? `${this.app.vault.configDir}/plugins/${this.manifest.id}`;
		this.indexSync = new IndexSync({
			vault: this.app.vault,
			store: new PluginDataStore(this.app.vault.adapter, pluginFolder),
			status: new IndexStatus(this.addStatusBarItem()),
			owner: this,
			settings: this.settings,
		});

		this.addCommand(searchVaultContextCommand(this.app, this.indexSync));
		this.addCommand(rebuildIndexCommand(this.indexSync));

		const applyIndexSettings = debounce(() => void this.indexSync.applySettings(this.settings), APPLY_INDEX_SETTINGS_DELAY_MS, true);
		this.addSettingTab(
			new CoworkerSettingTab(this.app, this, {
				settings: this.settings,
				saveSettings: async (indexChanged) => {
					await this.saveData(this.settings);
					if (indexChanged) applyIndexSettings();
				},
				rebuildIndex: async () => {
					await this.indexSync.rebuild();
				},
			}),
		);

		// Indexing waits for the layout: nothing heavy may run while Obsidian is still starting.
		this.app.workspace.onLayoutReady(() => void this.indexSync.start());
	}

	override onunload(): void {
		void this.indexSync.save();
	}
}
