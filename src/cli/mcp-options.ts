/**
 * The MCP servers of a command-line run: `--mcp-config FILE` or the vault's setting (the vault's only as far as
 * the operator trusts it, see mcp-trust.ts), `--allow-tool` grants, a workflow's `tools:` and MCP resource sources.
 */
import { readFile } from "node:fs/promises";
import { parseMcpConfig, type McpConfigRead, type McpServerConfig } from "../core/tools/mcp-config";
import type { ToolSession } from "../core/tools/tool-session";
import { openRunTools } from "../core/tools/run-servers";
import { isToolGrant } from "../core/tools/tool-permissions";
import type { TaskRequest } from "../core/run/task-request";
import type { PluginSettings } from "../core/settings/plugin-settings";
import type { McpConnections } from "../core/tools/mcp-connections";
import { UsageError } from "./usage-error";
import { isInsideVault, mcpTrustFrom, readVaultMcpConfig } from "./mcp-trust";

export interface McpOptions {
	/** `--mcp-config FILE`: replaces the vault's setting for this run. */
	configFile: string | undefined;
	/** A `--mcp-config` inside this folder counts as the vault's configuration. */
	vaultRoot: string;
	allowTools: string[];
	/** `--trust-vault-mcp SHA256` and `--allow-env NAME`, repeated; the environment adds its own. */
	trustVaultMcp?: readonly string[] | undefined;
	allowEnv?: readonly string[] | undefined;
	env: Readonly<Record<string, string | undefined>>;
	settings: PluginSettings;
	/** A fresh pool for each run's session (the composition root's Node one): nothing is kept between runs. */
	connections: () => McpConnections;
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
	const trust = mcpTrustFrom(options, options.env);
	let read: McpConfigRead;
	if (options.configFile !== undefined) {
		let text: string;
		let json: unknown;
		try {
			text = await readFile(options.configFile, "utf8");
			json = JSON.parse(text);
		} catch (error) {
			throw new UsageError(`--mcp-config ${options.configFile} could not be read as JSON (${error instanceof Error ? error.message : String(error)}).`);
		}
		// A file in the vault syncs with it, so it is trusted no more than data.json.
		read = (await isInsideVault(options.configFile, options.vaultRoot))
			? readVaultMcpConfig(text, `--mcp-config ${options.configFile} (inside the vault)`, trust, options.env)
			: parseMcpConfig(json, options.configFile, (name) => options.env[name] ?? null);
	} else {
		read = readVaultMcpConfig(options.settings.mcpServers, "the mcpServers setting in data.json", trust, options.env);
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
				toolsOf: (servers) => options.connections().session(servers),
				attended: false,
				now: () => Date.now(),
			}),
	};
}
