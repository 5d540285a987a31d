/** The settings tab. It edits a settings object and reports changes through callbacks, never through the plugin class. */
import { PluginSettingTab, type App, type Plugin } from "obsidian";
import type { SettingsHost } from "./settings-host";
import { displayIndexSettings } from "./index-settings-section";
import { displaySemanticSettings } from "./semantic-settings-section";
import { displayModelSettings } from "./model-settings-section";
import { displayOutputSettings } from "./output-settings-section";
import { displayWorkflowSettings } from "./workflow-settings-section";
import { displayToolSettings } from "./tool-settings-section";
import { displayPriceSettings } from "./price-settings-section";

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
		// The model section redraws itself when the provider changes (its URL and model fill in).
		const modelEl = this.containerEl.createDiv();
		const drawModel = (): void => {
			modelEl.empty();
			displayModelSettings(modelEl, this.app, this.host, drawModel);
		};
		drawModel();
		displayPriceSettings(this.containerEl, this.host);
		displayOutputSettings(this.containerEl, this.host);
		displayWorkflowSettings(this.containerEl, this.host);
		displayToolSettings(this.containerEl, this.app, this.host);
		displayIndexSettings(this.containerEl, this.host);
		displaySemanticSettings(this.containerEl, this.host);
	}
}
