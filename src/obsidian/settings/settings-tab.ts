/** The settings tab. It edits a settings object and reports changes through callbacks, never through the plugin class. */
import { PluginSettingTab, type App, type Plugin } from "obsidian";
import type { PluginSettings } from "../../core/settings/plugin-settings";
import { displayIndexSettings } from "./index-settings-section";

export interface SettingsHost {
	settings: PluginSettings;
	/** Persists the settings; `indexChanged` is true when what the index covers changed. */
	saveSettings(indexChanged: boolean): Promise<void>;
	rebuildIndex(): Promise<void>;
}

export class CoworkerSettingTab extends PluginSettingTab {
	constructor(
		app: App,
		plugin: Plugin,
		private readonly host: SettingsHost,
	) {
		super(app, plugin);
	}

	override display(): void {
		this.containerEl.empty();
		displayIndexSettings(this.containerEl, this.host);
	}
}
