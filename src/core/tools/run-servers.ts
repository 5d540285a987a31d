/** Which configured MCP servers one run starts, and whose tools it offers to the model. */
import type { McpServerConfig } from "./mcp-config";
import type { SourceSpec } from "../context/source-spec";

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
export function resourceServersOf(sources: readonly SourceSpec[]): string[] {
	return sources.flatMap((source) => (source.kind === "mcp" ? [source.server] : []));
}
