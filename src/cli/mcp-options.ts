/** `--mcp-config FILE` and `--allow-tool`: the run's MCP servers and the grants of a run nobody watches. */
import { readFile } from "node:fs/promises";
import { parseMcpConfig } from "../core/tools/mcp-config";
import { ToolSession } from "../core/tools/tool-session";
import type { TaskRequest } from "../core/run/run-task";
import { McpTools } from "./mcp-tools";
import { UsageError } from "./usage-error";

/** Bounds for a command-line run; the app's are in its settings. */
const MAX_RESULT_BYTES = 20_000;
const CALL_TIMEOUT_MS = 30_000;

export interface McpOptions {
	configFile: string | undefined;
	allowTools: string[];
	env: Readonly<Record<string, string | undefined>>;
}

/** The session factory for RunServices, or undefined when no servers are configured; problems are sentences to print. */
export async function mcpToolsFor(options: McpOptions): Promise<{ open?: (request: TaskRequest) => Promise<ToolSession | null>; problems: string[] }> {
	for (const grant of options.allowTools) {
		if (!/^[A-Za-z0-9_-]+\/(\*|[^/\s]+)$/.test(grant)) throw new UsageError(`--allow-tool takes server/tool or server/* (got "${grant}").`);
	}
	if (options.configFile === undefined) return { problems: [] };
	let json: unknown;
	try {
		json = JSON.parse(await readFile(options.configFile, "utf8"));
	} catch (error) {
		throw new UsageError(`--mcp-config ${options.configFile} could not be read as JSON (${error instanceof Error ? error.message : String(error)}).`);
	}
	const read = parseMcpConfig(json, options.configFile, (name) => options.env[name] ?? null);
	if (read.servers.length === 0) return { problems: read.problems };
	return {
		problems: read.problems,
		open: () =>
			ToolSession.open({
				tools: new McpTools(read.servers),
				overrides: {},
				grants: options.allowTools,
				// The command line is unattended: a tool that is not allowed is denied unless granted.
				attended: false,
				maxResultBytes: MAX_RESULT_BYTES,
				callTimeoutMs: CALL_TIMEOUT_MS,
				now: () => Date.now(),
			}),
	};
}
