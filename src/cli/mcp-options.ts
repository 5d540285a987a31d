/** The MCP servers of a command-line run: `--mcp-config FILE` or the vault's setting, `--allow-tool` grants, a workflow's `tools:` and MCP resource sources. */
import { readFile } from "node:fs/promises";
import { parseMcpConfig, type McpServerConfig } from "../core/tools/mcp-config";
import { ToolSession } from "../core/tools/tool-session";
import { resourceServersOf, serversForRun } from "../core/tools/run-servers";
import { isToolGrant } from "../core/tools/tool-permissions";
import type { TaskRequest } from "../core/run/run-task";
import type { PluginSettings } from "../core/settings/plugin-settings";
import { nodeMcpConnections } from "./mcp-tools";
import { UsageError } from "./usage-error";

export interface McpOptions {
	/** `--mcp-config FILE`: replaces the vault's setting for this run. */
	configFile: string | undefined;
	allowTools: string[];
	env: Readonly<Record<string, string | undefined>>;
	settings: PluginSettings;
}

export interface McpSetup {
	servers: McpServerConfig[];
	/** The session factory for RunServices; undefined when no server is configured. */
	open?: (request: TaskRequest) => Promise<ToolSession | null>;
	problems: string[];
}

export async function mcpToolsFor(options: McpOptions): Promise<McpSetup> {
	for (const grant of options.allowTools) {
		if (!isToolGrant(grant)) throw new UsageError(`--allow-tool takes server/tool or server/* (got "${grant}").`);
	}
	let json: unknown = null;
	let source = "the mcpServers setting in data.json";
	if (options.configFile !== undefined) {
		source = options.configFile;
		try {
			json = JSON.parse(await readFile(options.configFile, "utf8"));
		} catch (error) {
			throw new UsageError(`--mcp-config ${options.configFile} could not be read as JSON (${error instanceof Error ? error.message : String(error)}).`);
		}
	} else if (options.settings.mcpServers.trim() !== "") {
		try {
			json = JSON.parse(options.settings.mcpServers);
		} catch (error) {
			return { servers: [], problems: [`${source} is not valid JSON (${error instanceof Error ? error.message : String(error)}); no MCP server is used.`] };
		}
	}
	const read = parseMcpConfig(json, source, (name) => options.env[name] ?? null);
	if (read.servers.length === 0) return { servers: [], problems: read.problems };
	const { settings } = options;
	return {
		servers: read.servers,
		problems: read.problems,
		open: (request) => {
			// A workflow's tools: names the servers whose tools its runs may use; a delegated task may use them all.
			const grants = [...options.allowTools, ...(request.toolGrants ?? [])];
			const { start, toolServers } = serversForRun(read.servers, request.toolGrants === undefined ? undefined : grants, resourceServersOf(request.sources), request.servers);
			if (start.length === 0) return Promise.resolve(null);
			return ToolSession.open({
				tools: nodeMcpConnections(settings.mcpCallTimeoutSeconds * 1000).session(start),
				toolServers,
				overrides: settings.toolPermissions,
				grants,
				// The command line is unattended: a tool that is not allowed is denied unless granted.
				attended: false,
				maxResultBytes: settings.mcpMaxResultBytes,
				callTimeoutMs: settings.mcpCallTimeoutSeconds * 1000,
				now: () => Date.now(),
			});
		},
	};
}
