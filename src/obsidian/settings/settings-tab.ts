/** The settings tab. It edits a settings object and reports changes through callbacks, never through the plugin class. */
import { PluginSettingTab, type App, type Plugin } from "obsidian";
import type { PluginSettings } from "../../core/settings/plugin-settings";
import type { McpConfigRead } from "../../core/tools/mcp-config";
import { displayIndexSettings } from "./index-settings-section";
import { displaySemanticSettings } from "./semantic-settings-section";
import { displayModelSettings } from "./model-settings-section";
import { displayOutputSettings } from "./output-settings-section";
import { displayWorkflowSettings } from "./workflow-settings-section";
import { displayToolSettings } from "./tool-settings-section";
import { displayPriceSettings } from "./price-settings-section";

export interface SettingsHost {
	settings: PluginSettings;
	/** Persists the settings; `indexChanged` is true when what the index covers changed. */
	saveSettings(indexChanged: boolean): Promise<void>;
	rebuildIndex(): Promise<void>;
	/** Semantic search was turned on or off, or its model changed (already saved). */
	semanticSearchChanged?(): void;
	/** One sentence: the models the endpoint lists, or why it could not be reached. */
	testConnection(): Promise<string>;
	/** The per-device switch for scheduled runs (local storage, not data.json). */
	runsOnThisDevice(): boolean;
	setRunsOnThisDevice(on: boolean): void;
	/** The MCP servers setting as runs would read it (secrets filled in), for checking while it is typed. */
	readMcpConfig(text: string): McpConfigRead;
	/** Starts each MCP server; one line per server: its tools, or why it could not be used. */
	testMcpServers(): Promise<string[]>;
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
