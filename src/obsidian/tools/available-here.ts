/** Which MCP servers this device can reach: the mobile apps cannot start programs. Kept apart from the transports so checking loads no SDK. */
import { Platform } from "obsidian";
import type { McpServerConfig } from "../../core/tools/mcp-config";

export function availableHere(server: McpServerConfig): boolean {
	return server.transport === "http" || Platform.isDesktopApp;
}
