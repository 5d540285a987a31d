/** The tools port over MCP servers with the official SDK: stdio and Streamable HTTP, started on first use, closed with the run. */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import manifest from "../../manifest.json";
import type { McpServerConfig } from "../core/tools/mcp-config";
import type { ExternalTool, ExternalToolResult, ExternalTools } from "../core/tools/external-tools";


export class McpTools implements ExternalTools {
	private readonly clients = new Map<string, Client>();
	private readonly failures: string[] = [];
	private listed: ExternalTool[] | null = null;

	/** `startTimeoutMs`: a server that has not answered `initialize` and `tools/list` by then is reported and left out. */
	constructor(
		private readonly servers: readonly McpServerConfig[],
		private readonly startTimeoutMs: number,
	) {}

	/** Starts every server (in parallel) and lists their tools; a server that fails is named in `problems`. */
	async list(): Promise<ExternalTool[]> {
		if (this.listed) return this.listed;
		const lists = await Promise.all(this.servers.map((server) => this.start(server)));
		this.listed = lists.flat();
		return this.listed;
	}

	problems(): string[] {
		return [...this.failures];
	}

	async call(server: string, tool: string, args: Record<string, unknown>, options: { signal?: AbortSignal; timeoutMs: number }): Promise<ExternalToolResult> {
		const client = this.clients.get(server);
		if (!client) throw new Error(`the MCP server "${server}" is not running`);
		try {
			const result = await client.callTool({ name: tool, arguments: args }, undefined, { timeout: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
			const content = Array.isArray(result.content) ? (result.content as { type: string; text?: string; resource?: { text?: string } }[]) : [];
			const text = content.map((part) => (part.type === "text" ? (part.text ?? "") : part.type === "resource" ? (part.resource?.text ?? "") : `[${part.type} content]`)).join("\n");
			return { text, isError: result.isError === true };
		} catch (error) {
			throw new Error(`the MCP server "${server}" did not answer ${tool} (${oneLine(error)})`);
		}
	}

	/** Closing a stdio client ends its child process: no server outlives the run. */
	async close(): Promise<void> {
		const clients = [...this.clients.values()];
		this.clients.clear();
		await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
	}

	private async start(server: McpServerConfig): Promise<ExternalTool[]> {
		const client = new Client({ name: manifest.id, version: manifest.version });
		try {
			const transport =
				server.transport === "stdio"
					? new StdioClientTransport({ command: server.command, args: server.args, env: { ...getDefaultEnvironment(), ...server.env }, stderr: "ignore" })
					: new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: server.headers } });
			const seconds = Math.round(this.startTimeoutMs / 1000);
			await withTimeout(client.connect(transport), this.startTimeoutMs, `did not answer within ${seconds} seconds`);
			this.clients.set(server.name, client);
			const { tools } = await withTimeout(client.listTools(), this.startTimeoutMs, `did not list its tools within ${seconds} seconds`);
			return tools.map((tool) => ({
				server: server.name,
				name: tool.name,
				description: tool.description ?? "",
				inputSchema: (tool.inputSchema as Record<string, unknown> | undefined) ?? { type: "object" },
				readOnly: tool.annotations?.readOnlyHint === true,
			}));
		} catch (error) {
			this.failures.push(`The MCP server "${server.name}" could not be used (${oneLine(error)}); the run went on without its tools.`);
			this.clients.delete(server.name);
			await client.close().catch(() => undefined);
			return [];
		}
	}
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	return Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

function oneLine(error: unknown): string {
	const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();
	return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
