/** The MCP servers of a command-line run: `--mcp-config FILE` or the vault's setting, `--allow-tool` grants, a workflow's `tools:` and MCP resource sources. */
import { readFile } from "node:fs/promises";
import { parseMcpConfig, parseMcpConfigText, type McpConfigRead, type McpServerConfig } from "../core/tools/mcp-config";
import type { ToolSession } from "../core/tools/tool-session";
import { openRunTools } from "../core/tools/run-servers";
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
	let read: McpConfigRead;
	const lookup = (name: string): string | null => options.env[name] ?? null;
	if (options.configFile !== undefined) {
		let json: unknown;
		try {
			json = JSON.parse(await readFile(options.configFile, "utf8"));
		} catch (error) {
			throw new UsageError(`--mcp-config ${options.configFile} could not be read as JSON (${error instanceof Error ? error.message : String(error)}).`);
		}
		read = parseMcpConfig(json, options.configFile, lookup);
	} else {
		read = parseMcpConfigText(options.settings.mcpServers, "the mcpServers setting in data.json", lookup);
	}
	if (read.servers.length === 0) return { servers: [], problems: read.problems };
	const { settings } = options;
	return {
		servers: read.servers,
		problems: read.problems,
		// The command line is unattended: a tool that is not allowed is denied unless granted. Its configuration
		// problems are printed as warnings before the run, so the session does not carry them too.
		open: (request) =>
			openRunTools({
				servers: read.servers,
				configProblems: [],
				request,
				extraGrants: options.allowTools,
				settings,
				toolsOf: (servers) => nodeMcpConnections(settings.mcpCallTimeoutSeconds * 1000).session(servers),
				attended: false,
				now: () => Date.now(),
			}),
	};
}
