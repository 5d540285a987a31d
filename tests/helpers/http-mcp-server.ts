/** A Streamable HTTP MCP server on 127.0.0.1 for the tests, built with the official SDK (stateless: one server per request). */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

export interface HttpMcpServer {
	/** e.g. http://127.0.0.1:54321/mcp */
	url: string;
	/** The Authorization header of every request, to check `${NAME}` reached it. */
	authorizations: string[];
	close(): Promise<void>;
}

function tracker(): McpServer {
	const server = new McpServer({ name: "tracker", version: "1.0.0" });
	server.registerTool(
		"open_issues",
		{ description: "Open issues of a project.", inputSchema: { project: z.string() }, annotations: { readOnlyHint: true } },
		({ project }) => Promise.resolve({ content: [{ type: "text" as const, text: `${project}: 2 open issues (ALPHA-12 chart colours, ALPHA-15 export)` }] }),
	);
	return server;
}

async function bodyOf(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString("utf8");
	return text === "" ? undefined : (JSON.parse(text) as unknown);
}

export async function startHttpMcpServer(): Promise<HttpMcpServer> {
	const authorizations: string[] = [];
	const server: Server = createServer((request, response) => {
		authorizations.push(request.headers.authorization ?? "");
		void (async () => {
			const mcp = tracker();
			const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
			response.on("close", () => {
				void transport.close();
				void mcp.close();
			});
			await mcp.connect(transport);
			await transport.handleRequest(request, response, await bodyOf(request));
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/mcp`,
		authorizations,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
