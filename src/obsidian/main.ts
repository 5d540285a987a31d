/** The plugin entry point: builds the adapters and services and registers commands and settings. It wires; it does not think. */
import { debounce, Notice, normalizePath, Plugin } from "obsidian";
import { settingsFromData, type PluginSettings } from "../core/settings/plugin-settings";
import { RunLog } from "../core/ledger/run-log";
import { PluginDataStore } from "./adapters/plugin-data-store";
import { IndexStatus } from "./index/index-status";
import { IndexSync } from "./index/index-sync";
import { TaskRunner } from "./tasks/task-runner";
import { testConnection } from "./model/test-connection";
import { searchVaultContextCommand } from "./commands/search-vault-context";
import { rebuildIndexCommand } from "./commands/rebuild-index";
import { delegateTaskCommand, previewContextCommand } from "./commands/delegate-task";
import { cancelRunningTaskCommand } from "./commands/cancel-running-task";
import { CoworkerSettingTab } from "./settings/settings-tab";

/** Exclusions are applied this long after the last keystroke in the settings, not on every key. */
const APPLY_INDEX_SETTINGS_DELAY_MS = 1_500;

export default class CoworkerPlugin extends Plugin {
	override settings!: PluginSettings;
	/** Public so later commands (and tests) reach the index; only main.ts assigns it. */
	indexSync!: IndexSync;
	/** Public for tests; only main.ts assigns it. */
	taskRunner!: TaskRunner;

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
		const settings = (): PluginSettings => this.settings;
		this.taskRunner = new TaskRunner({
			app: this.app,
			settings,
			indexSync: this.indexSync,
			runLog: new RunLog(new PluginDataStore(this.app.vault.adapter, normalizePath(`${pluginFolder}/runs`))),
		});

		this.addCommand(delegateTaskCommand(this.app, this.taskRunner, settings));
		this.addCommand(previewContextCommand(this.app, this.taskRunner, settings));
		this.addCommand(cancelRunningTaskCommand(this.taskRunner));
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
				testConnection: () => testConnection(this.app, this.settings),
			}),
		);

		// Indexing waits for the layout: nothing heavy may run while Obsidian is still starting.
		this.app.workspace.onLayoutReady(() => void this.indexSync.start());
	}

	override onunload(): void {
		this.taskRunner.cancel();
		void this.indexSync.save();
	}
}
