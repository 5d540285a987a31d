/** MCP servers from the command line: programs over the shared stdio transport and Streamable HTTP through the SDK, each server closed when its run ends. */
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import manifest from "../../manifest.json";
import type { McpServerConfig } from "../core/tools/mcp-config";
import { McpConnections } from "../core/tools/mcp-connections";
import { inheritedEnvironment, StdioTransport } from "../core/tools/stdio-transport";
import { startProgramInOwnGroup } from "./program-group";

/** Connections for one command: nothing is kept between runs, since the process ends with them. */
export function nodeMcpConnections(startTimeoutMs: number): McpConnections {
	return new McpConnections({
		transportFor: nodeTransport,
		startTimeoutMs: () => startTimeoutMs,
		idleMs: () => 0,
		now: () => Date.now(),
		clientInfo: { name: manifest.id, version: manifest.version },
	});
}

function nodeTransport(server: McpServerConfig): Transport {
	return server.transport === "stdio"
		? new StdioTransport(server, startProgramInOwnGroup, inheritedEnvironment(process.env, process.platform === "win32"))
		: new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: server.headers } });
}
