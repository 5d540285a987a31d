/**
 * Connections to MCP servers through the official SDK's client, over whatever transport the platform gives
 * (stdio and HTTP in Node; a desktop-only stdio and `requestUrl` in the app). A server starts when a run
 * first needs it. The command line closes it when the run ends; the app keeps it for an idle time, so the
 * next run does not wait for `npx` again, and closes everything on unload.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JsonSchemaValidator, jsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/types.js";
import type { McpServerConfig } from "./mcp-config";
import type { ExternalResource, ExternalTool, ExternalToolResult, ExternalTools } from "../ports/external-tools";

/** Makes the transport for one server; throws (one sentence) when the platform cannot reach it. */
export type TransportFactory = (server: McpServerConfig) => Transport | Promise<Transport>;

/**
 * The run reads a tool's text content, never its structured output, so that output is not checked against the
 * tool's schema. This also keeps the SDK's default validator (ajv, over 100 KB) from being built, which lets
 * the plugin bundle leave it out (see esbuild.config.mjs).
 */
const ACCEPT_STRUCTURED_OUTPUT: jsonSchemaValidator = {
	getValidator<T>(): JsonSchemaValidator<T> {
		return (input) => ({ valid: true, data: input as T, errorMessage: undefined });
	},
};

export type ServerState = "running" | "stopped" | "failing";

export interface ServerStatus {
	name: string;
	transport: McpServerConfig["transport"];
	state: ServerState;
	/** Why it is failing, or null. */
	error: string | null;
	/** The tools it listed when it last ran (empty before it first started). */
	tools: ExternalTool[];
}

/** A resource as a server lists it, for picking one as a source. */
export interface ListedResource {
	server: string;
	uri: string;
	name: string;
	description: string;
}

export interface McpConnectionsOptions {
	transportFor: TransportFactory;
	/** How long a server may take to answer `initialize` and `tools/list`; read at each start, so a changed setting applies. */
	startTimeoutMs: () => number;
	/** Keep servers running this long after the last run used them; 0 closes them when the run ends. Read each time, so a changed setting applies at once. */
	idleMs: () => number;
	now: () => number;
	clientInfo: { name: string; version: string };
}

interface Connection {
	config: McpServerConfig;
	/** The config as JSON: a server whose settings changed is restarted rather than reused. */
	fingerprint: string;
	client: Client;
	tools: ExternalTool[];
	lastUsed: number;
	leases: number;
}

export class McpConnections {
	private readonly connections = new Map<string, Connection>();
	private readonly starting = new Map<string, Promise<Connection>>();
	private readonly known = new Map<string, ServerStatus>();

	constructor(private readonly options: McpConnectionsOptions) {}

	/** The tools of some servers for one run: `close()` ends the run's use of them (and stops them, without an idle time). */
	session(servers: readonly McpServerConfig[]): ExternalTools {
		return new McpSession(this, servers);
	}

	/** Each server seen so far, with its state; servers never started show as stopped. */
	statuses(servers: readonly McpServerConfig[]): ServerStatus[] {
		return servers.map((server) => {
			const known = this.known.get(server.name);
			const running = this.connections.get(server.name)?.fingerprint === JSON.stringify(server);
			if (known && known.transport === server.transport && (running || known.state === "failing")) return { ...known, tools: [...known.tools] };
			return { name: server.name, transport: server.transport, state: "stopped", error: null, tools: known?.tools ?? [] };
		});
	}

	/** Connects (or reuses the running connection) and lists the server's tools; rejects with one sentence. */
	async connect(server: McpServerConfig): Promise<ExternalTool[]> {
		const connection = await this.connection(server);
		return connection.tools;
	}

	/** The resources a server lists (none when it offers no resources), starting it if needed; rejects with one sentence. */
	async resources(server: McpServerConfig): Promise<ListedResource[]> {
		const connection = await this.connection(server);
		if (!connection.client.getServerCapabilities()?.resources) return [];
		connection.lastUsed = this.options.now();
		const listed: ListedResource[] = [];
		let cursor: string | undefined;
		// A few pages at most: this feeds a picker, not an export.
		for (let page = 0; page < 5; page++) {
			const result = await connection.client.listResources(cursor === undefined ? undefined : { cursor }, { timeout: this.options.startTimeoutMs() });
			listed.push(...result.resources.map((resource) => ({ server: server.name, uri: resource.uri, name: resource.name, description: resource.description ?? "" })));
			cursor = result.nextCursor;
			if (cursor === undefined) break;
		}
		return listed;
	}

	/** Stops servers no run has used for the idle time; returns how many it stopped. */
	async closeIdle(): Promise<number> {
		const now = this.options.now();
		const idle = [...this.connections.values()].filter((c) => c.leases === 0 && now - c.lastUsed >= this.options.idleMs());
		await Promise.all(idle.map((connection) => this.stop(connection)));
		return idle.length;
	}

	/** Stops the servers no run is using that are no longer configured as `servers` says (removed, or changed). */
	async keepOnly(servers: readonly McpServerConfig[]): Promise<void> {
		const current = new Set(servers.map((server) => JSON.stringify(server)));
		const stale = [...this.connections.values()].filter((c) => c.leases === 0 && !current.has(c.fingerprint));
		await Promise.all(stale.map((connection) => this.stop(connection)));
	}

	/** Stops every server: the plugin's unload and the end of a command-line run. */
	async closeAll(): Promise<void> {
		await Promise.allSettled([...this.starting.values()]);
		await Promise.all([...this.connections.values()].map((connection) => this.stop(connection)));
	}

	/** @internal for sessions */
	async acquire(server: McpServerConfig): Promise<Connection> {
		const connection = await this.connection(server);
		connection.leases++;
		connection.lastUsed = this.options.now();
		return connection;
	}

	/** @internal for sessions */
	async release(connection: Connection): Promise<void> {
		connection.leases = Math.max(0, connection.leases - 1);
		connection.lastUsed = this.options.now();
		if (connection.leases === 0 && this.options.idleMs() <= 0) await this.stop(connection);
	}

	/** @internal for sessions */
	touch(connection: Connection): void {
		connection.lastUsed = this.options.now();
	}

	/** @internal for sessions */
	running(name: string): Connection | undefined {
		return this.connections.get(name);
	}

	private async connection(server: McpServerConfig): Promise<Connection> {
		const fingerprint = JSON.stringify(server);
		const existing = this.connections.get(server.name);
		if (existing && existing.fingerprint === fingerprint) return existing;
		if (existing) await this.stop(existing);
		const pending = this.starting.get(fingerprint);
		if (pending) return pending;
		const started = this.start(server, fingerprint).finally(() => this.starting.delete(fingerprint));
		this.starting.set(fingerprint, started);
		return started;
	}

	private async start(server: McpServerConfig, fingerprint: string): Promise<Connection> {
		const client = new Client(this.options.clientInfo, { jsonSchemaValidator: ACCEPT_STRUCTURED_OUTPUT });
		const timeoutMs = this.options.startTimeoutMs();
		const count = Math.max(1, Math.round(timeoutMs / 1000));
		const seconds = `${count} second${count === 1 ? "" : "s"}`;
		// The transport says why a server went away (its exit code, its last error line); the request only says "Connection closed".
		let transportError: unknown = null;
		client.onerror = (error) => (transportError = error);
		try {
			const transport = await this.options.transportFor(server);
			await withTimeout(client.connect(transport), timeoutMs, `did not answer within ${seconds}`);
			const { tools } = await withTimeout(client.listTools(), timeoutMs, `did not list its tools within ${seconds}`);
			const connection: Connection = {
				config: server,
				fingerprint,
				client,
				tools: tools.map((tool) => ({
					server: server.name,
					name: tool.name,
					description: tool.description ?? "",
					inputSchema: (tool.inputSchema as Record<string, unknown> | undefined) ?? { type: "object" },
					readOnly: tool.annotations?.readOnlyHint === true,
				})),
				lastUsed: this.options.now(),
				leases: 0,
			};
			this.connections.set(server.name, connection);
			this.known.set(server.name, { name: server.name, transport: server.transport, state: "running", error: null, tools: connection.tools });
			// A server that exits or drops the connection on its own is forgotten, so the next run starts it again.
			client.onclose = () => {
				if (this.connections.get(server.name) !== connection) return;
				this.connections.delete(server.name);
				const why = transportError === null ? "" : ` (${oneLine(transportError)})`;
				this.known.set(server.name, { name: server.name, transport: server.transport, state: "failing", error: `The MCP server "${server.name}" stopped on its own${why}.`, tools: connection.tools });
			};
			return connection;
		} catch (error) {
			await client.close().catch(() => undefined);
			// Only a closed connection needs the transport's reason; other failures already say theirs.
			const closed = transportError !== null && transportError !== error && /connection closed/i.test(oneLine(error));
			const why = closed ? `${oneLine(error)}; ${oneLine(transportError)}` : oneLine(error);
			const message = `The MCP server "${server.name}" could not be used (${why}).`;
			this.known.set(server.name, { name: server.name, transport: server.transport, state: "failing", error: message, tools: this.known.get(server.name)?.tools ?? [] });
			throw new Error(message);
		}
	}

	private async stop(connection: Connection): Promise<void> {
		if (this.connections.get(connection.config.name) === connection) this.connections.delete(connection.config.name);
		const known = this.known.get(connection.config.name);
		if (known?.state === "running") this.known.set(connection.config.name, { ...known, state: "stopped" });
		connection.client.onclose = undefined;
		// Closing a stdio client ends its child process: no server outlives its run, or the plugin.
		await connection.client.close().catch(() => undefined);
	}
}

/** One run's use of some servers: starts them in parallel on first use; a server that fails is left out and named. */
class McpSession implements ExternalTools {
	private listed: Promise<ExternalTool[]> | null = null;
	private readonly held: Connection[] = [];
	private readonly failures: string[] = [];
	private closed = false;

	constructor(
		private readonly connections: McpConnections,
		private readonly servers: readonly McpServerConfig[],
	) {}

	list(): Promise<ExternalTool[]> {
		this.listed ??= Promise.all(
			this.servers.map(async (server) => {
				try {
					const connection = await this.connections.acquire(server);
					if (this.closed) {
						await this.connections.release(connection);
						return [];
					}
					this.held.push(connection);
					return connection.tools;
				} catch (error) {
					this.failures.push(`${error instanceof Error ? error.message.replace(/\.$/, "") : String(error)}; the run went on without its tools.`);
					return [];
				}
			}),
		).then((lists) => lists.flat());
		return this.listed;
	}

	problems(): string[] {
		return [...this.failures];
	}

	async call(server: string, tool: string, args: Record<string, unknown>, options: { signal?: AbortSignal; timeoutMs: number }): Promise<ExternalToolResult> {
		const connection = this.held.find((held) => held.config.name === server);
		if (!connection || this.connections.running(server) !== connection) throw new Error(`the MCP server "${server}" is not running`);
		this.connections.touch(connection);
		try {
			const result = await connection.client.callTool({ name: tool, arguments: args }, undefined, { timeout: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
			const content = Array.isArray(result.content) ? (result.content as { type: string; text?: string; resource?: { text?: string } }[]) : [];
			const text = content.map((part) => (part.type === "text" ? (part.text ?? "") : part.type === "resource" ? (part.resource?.text ?? "") : `[${part.type} content]`)).join("\n");
			return { text, isError: result.isError === true };
		} catch (error) {
			throw new Error(`the MCP server "${server}" did not answer ${tool} (${oneLine(error)})`);
		}
	}

	async readResource(server: string, uri: string, options: { signal?: AbortSignal; timeoutMs: number }): Promise<ExternalResource> {
		// Resources are read before the model is called, so this may be the session's first use of its servers.
		await this.list();
		const connection = this.held.find((held) => held.config.name === server);
		if (!connection || this.connections.running(server) !== connection) {
			const configured = this.servers.some((candidate) => candidate.name === server);
			throw new Error(configured ? `the MCP server "${server}" is not running, so ${uri} could not be read` : `no MCP server named "${server}" is configured for this run, so ${uri} could not be read`);
		}
		this.connections.touch(connection);
		try {
			const result = await connection.client.readResource({ uri }, { timeout: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
			const text = result.contents
				.map((content) => ("text" in content ? content.text : `[binary content, ${base64Bytes(content.blob)} bytes, ${content.mimeType ?? "unknown type"}]`))
				.join("\n");
			return { text, mimeType: result.contents[0]?.mimeType ?? null };
		} catch (error) {
			throw new Error(`the MCP server "${server}" could not read ${uri} (${oneLine(error)})`);
		}
	}

	async close(): Promise<void> {
		this.closed = true;
		await this.listed?.catch(() => undefined);
		const held = this.held.splice(0);
		await Promise.all(held.map((connection) => this.connections.release(connection)));
	}
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	return Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

/** The size of what a base64 text encodes, without decoding it. */
function base64Bytes(blob: string): number {
	const padding = blob.endsWith("==") ? 2 : blob.endsWith("=") ? 1 : 0;
	return Math.max(0, Math.floor((blob.length * 3) / 4) - padding);
}

function oneLine(error: unknown): string {
	const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();
	return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
