/** MCP servers from the command line: the SDK's own stdio and Streamable HTTP transports, each server closed when its run ends. */
import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import manifest from "../../manifest.json";
import type { McpServerConfig } from "../core/tools/mcp-config";
import { McpConnections } from "../core/tools/mcp-connections";

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

function nodeTransport(server: McpServerConfig) {
	return server.transport === "stdio"
		? new StdioClientTransport({ command: server.command, args: server.args, env: { ...getDefaultEnvironment(), ...server.env }, stderr: "ignore" })
		: new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: server.headers } });
}
