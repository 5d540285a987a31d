/** Commands "Show tools" (the tools view in the right sidebar) and "Test MCP servers" (connect to each, list its tools or the error). */
import { Notice, type App, type Command } from "obsidian";
import type { McpService, ToolServerStatus } from "../tools/mcp-service";
import { TOOLS_VIEW_TYPE } from "../tools/tools-view";
import { revealSidebarView } from "./sidebar-view";

export function showToolsCommand(app: App): Command {
	return { id: "show-tools", name: "Show tools", callback: () => void showTools(app) };
}

export function testMcpServersCommand(app: App, service: McpService): Command {
	return {
		id: "test-mcp-servers",
		name: "Test MCP servers",
		callback: async () => {
			const read = service.readConfig();
			if (read.servers.length === 0) {
				new Notice(read.problems[0] ?? "No MCP servers are configured yet. Paste them into the plugin settings.");
				return;
			}
			const notice = new Notice(`Connecting to ${read.servers.length} MCP server${read.servers.length === 1 ? "" : "s"}…`, 0);
			try {
				new Notice([...read.problems, ...(await service.test()).map(describeServer)].join("\n"), 15_000);
			} finally {
				notice.hide();
			}
			await showTools(app);
		},
	};
}

/** One line per server: its tools, or why it could not be used. */
export function describeServer(status: ToolServerStatus): string {
	if (status.state === "running") return `${status.name}: ${status.tools.length} tool${status.tools.length === 1 ? "" : "s"} (${status.tools.map((tool) => tool.name).join(", ")})`;
	if (status.state === "unavailable") return `${status.name}: unavailable on this device (it runs a program)`;
	return `${status.name}: ${status.error ?? status.state}`;
}

export function showTools(app: App): Promise<void> {
	return revealSidebarView(app, TOOLS_VIEW_TYPE);
}
