/**
 * How the app reaches MCP servers: stdio servers as child processes (desktop only), HTTP servers through
 * `requestUrl`. Loaded with `import()` on first use, with the SDK it pulls in.
 */
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { McpServerConfig } from "../../core/tools/mcp-config";
import type { FetchLike } from "../../core/ports/fetch-like";
import { desktopStdioTransport } from "./desktop-stdio-transport";

/** `fetch` is the app's requestUrl-based one, from the composition root. */
export function pluginTransport(server: McpServerConfig, fetch: FetchLike): Promise<Transport> | Transport {
	if (server.transport === "stdio") return desktopStdioTransport(server);
	return new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: server.headers }, fetch: mcpRequestUrlFetch(fetch) });
}

/**
 * `requestUrl` returns a whole response, never a stream that stays open. Each POST's answer (JSON, or an
 * event stream the server ends after the reply) arrives whole, which is all a tool call needs. The
 * optional GET stream for messages the server starts on its own would never end, so it is declined as a
 * server without one would (405); such messages (progress, list changes) are not received in the app.
 */
function mcpRequestUrlFetch(fetch: FetchLike): FetchLike {
	return (input, init) => {
		if ((init?.method ?? "GET").toUpperCase() === "GET") return Promise.resolve(new Response(null, { status: 405, statusText: "Method Not Allowed" }));
		return fetch(input, init);
	};
}
