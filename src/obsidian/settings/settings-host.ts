/** What the settings tab and its sections may do: edit the settings object and call back, never reach the plugin class. */
import type { PluginSettings } from "../../core/settings/plugin-settings";
import type { McpConfigRead } from "../../core/tools/mcp-config";

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
