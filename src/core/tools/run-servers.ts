/** Which configured MCP servers one run starts, whose tools it offers to the model, and the run's tool session over them. */
import type { McpServerConfig } from "./mcp-config";
import type { SourceSpec } from "../context/source-spec";
import type { TaskRequest } from "../run/task-request";
import type { ToolSettings } from "../settings/plugin-settings";
import type { ExternalTools } from "../ports/external-tools";
import { ToolSession, type ToolSessionOptions } from "./tool-session";

export interface RunServers {
	/** The servers to start for the run. */
	start: McpServerConfig[];
	/** The names of the servers whose tools the model is offered (for `ToolSessionOptions.toolServers`). */
	toolServers: string[];
}

/**
 * A delegated task (`grants` undefined) may use every server; a workflow only those its `tools:` grants name.
 * Either also starts the servers its MCP resource sources read, without offering their tools: reading a
 * resource changes nothing, while a tool the workflow never named might.
 */
export function serversForRun(servers: readonly McpServerConfig[], grants: readonly string[] | undefined, resourceServers: readonly string[], picked?: readonly string[]): RunServers {
	const granted = grants === undefined ? [...servers] : servers.filter((server) => grants.some((grant) => grant.startsWith(`${server.name}/`)));
	// A delegated task may pick some servers in its form; the others' tools are not offered.
	const offered = picked === undefined ? granted : granted.filter((server) => picked.includes(server.name));
	return {
		start: servers.filter((server) => offered.includes(server) || resourceServers.includes(server.name)),
		toolServers: offered.map((server) => server.name),
	};
}

/** The servers a run's `mcp:` sources read from. */
function resourceServersOf(sources: readonly SourceSpec[]): string[] {
	return sources.flatMap((source) => (source.kind === "mcp" ? [source.server] : []));
}

export interface RunToolsOptions {
	/** The configured servers this platform can reach. */
	servers: readonly McpServerConfig[];
	/** Problems of the configuration, said in the run's deliverable ("Not available: …"). */
	configProblems: readonly string[];
	request: Pick<TaskRequest, "toolGrants" | "sources" | "servers">;
	/** Grants from outside the request (`--allow-tool`), added to a workflow's `tools:`. */
	extraGrants: readonly string[];
	settings: Pick<ToolSettings, "toolPermissions" | "mcpMaxResultBytes" | "mcpCallTimeoutSeconds">;
	/** The tools of the servers to start, from the platform's connection pool. */
	toolsOf: (servers: McpServerConfig[]) => ExternalTools;
	attended: boolean;
	ask?: ToolSessionOptions["ask"];
	now: () => number;
}

/** The tool session of one run, the same for the app and the command line; null when it has nothing to start or to say. */
export function openRunTools(options: RunToolsOptions): Promise<ToolSession | null> {
	const { request, settings, configProblems } = options;
	const grants = [...options.extraGrants, ...(request.toolGrants ?? [])];
	const { start, toolServers } = serversForRun(options.servers, request.toolGrants === undefined ? undefined : grants, resourceServersOf(request.sources), request.servers);
	if (start.length === 0 && configProblems.length === 0) return Promise.resolve(null);
	const tools = options.toolsOf(start);
	return ToolSession.open({
		tools: {
			list: () => tools.list(),
			problems: () => [...configProblems, ...tools.problems()],
			call: (server, tool, args, callOptions) => tools.call(server, tool, args, callOptions),
			readResource: (server, uri, readOptions) => tools.readResource(server, uri, readOptions),
			close: () => tools.close(),
		},
		toolServers,
		overrides: settings.toolPermissions,
		grants,
		attended: options.attended,
		...(options.ask ? { ask: options.ask } : {}),
		maxResultBytes: settings.mcpMaxResultBytes,
		callTimeoutMs: settings.mcpCallTimeoutSeconds * 1000,
		now: options.now,
	});
}
