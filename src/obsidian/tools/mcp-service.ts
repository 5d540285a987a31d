/** MCP servers inside the app: the setting read with secrets filled in, one pool of connections, and the tool session of each run. */
import type { App } from "obsidian";
import manifest from "../../../manifest.json";
import type { PluginSettings } from "../../core/settings/plugin-settings";
import type { TaskRequest } from "../../core/run/task-request";
import type { FetchLike } from "../../core/ports/fetch-like";
import { parseMcpConfigText, type McpConfigRead, type McpServerConfig } from "../../core/tools/mcp-config";
import type { ListedResource, McpConnections, ServerStatus } from "../../core/tools/mcp-connections";
import type { ToolSession } from "../../core/tools/tool-session";
import { openRunTools } from "../../core/tools/run-servers";
import type { ToolPermission } from "../../core/tools/tool-permissions";
import { availableHere } from "./available-here";

/** How often idle servers are looked for; a server stops within this long after its idle time. */
export const IDLE_CHECK_MS = 30_000;

/** A server as "Show tools" lists it: the pool's state, or "unavailable" for a stdio server on mobile. */
export type ToolServerStatus = Omit<ServerStatus, "state"> & { state: ServerStatus["state"] | "unavailable" };

export interface McpServiceOptions {
	app: App;
	settings: () => PluginSettings;
	saveSettings: () => Promise<void>;
	/** HTTP servers are reached through it (the app's requestUrl). */
	fetch: FetchLike;
	now?: () => number;
}

export class McpService {
	/** Made on first use: the SDK (with its schemas) is loaded only when a server is needed, not while Obsidian starts. */
	private connections: McpConnections | null = null;
	private loading: Promise<McpConnections> | null = null;
	private readonly listeners = new Set<() => void>();

	constructor(private readonly options: McpServiceOptions) {}

	private pool(): Promise<McpConnections> {
		this.loading ??= Promise.all([import("../../core/tools/mcp-connections"), import("./plugin-transports")]).then(([{ McpConnections }, { pluginTransport }]) => {
			const { settings, now } = this.options;
			this.connections = new McpConnections({
				transportFor: (server) => pluginTransport(server, this.options.fetch),
				startTimeoutMs: () => settings().mcpCallTimeoutSeconds * 1000,
				idleMs: () => settings().mcpIdleMinutes * 60_000,
				now: now ?? (() => Date.now()),
				clientInfo: { name: manifest.id, version: manifest.version },
			});
			return this.connections;
		});
		return this.loading;
	}

	/** The `mcpServers` setting, `${NAME}` filled from secret storage (so tokens need not sit in data.json). */
	readConfig(text = this.options.settings().mcpServers): McpConfigRead {
		const storage = (this.options.app as Partial<Pick<App, "secretStorage">>).secretStorage;
		return parseMcpConfigText(text, "The MCP servers setting", (name) => storage?.getSecret(name) ?? null);
	}

	/**
	 * The external tools of one run, or null when no server is configured. A workflow's `tools:` names the
	 * servers whose tools its runs are offered; servers its `mcp:` sources read start too, without their
	 * tools. Runs started by hand may ask about a tool; `ask` shows the question.
	 */
	async sessionFor(request: TaskRequest, attended: boolean, ask: (server: string, tool: string, args: string) => Promise<boolean>): Promise<ToolSession | null> {
		const read = this.readConfig();
		const pool = await this.pool();
		const session = await openRunTools({
			servers: read.servers.filter(availableHere),
			configProblems: read.problems,
			request,
			extraGrants: [],
			settings: this.options.settings(),
			toolsOf: (servers) => pool.session(servers),
			attended,
			ask,
			now: () => Date.now(),
		});
		this.changed();
		return session;
	}

	/** The servers a run here can use (stdio ones only on desktop), for the delegate form to pick from. */
	availableServers(): string[] {
		return this.readConfig().servers.filter(availableHere).map((server) => server.name);
	}

	/** Each configured server as the pool knows it, without starting anything. */
	statuses(): ToolServerStatus[] {
		const servers = this.readConfig().servers;
		const here = servers.filter(availableHere);
		const known = new Map((this.connections?.statuses(here) ?? here.map(stopped)).map((status) => [status.name, status]));
		return servers.map((server) => known.get(server.name) ?? unavailable(server));
	}

	/** "Test MCP servers": connects to each server (reusing a running one) and reports its tools or the error. */
	async test(): Promise<ToolServerStatus[]> {
		const servers = this.readConfig().servers.filter(availableHere);
		const pool = await this.pool();
		await Promise.all(servers.map((server) => pool.connect(server).catch(() => undefined)));
		this.changed();
		return this.statuses();
	}

	/** Every resource the servers here list, for the delegate form's picker; a server that fails is skipped. */
	async resources(): Promise<ListedResource[]> {
		const servers = this.readConfig().servers.filter(availableHere);
		const pool = await this.pool();
		const lists = await Promise.all(servers.map((server) => pool.resources(server).catch(() => [])));
		this.changed();
		return lists.flat();
	}

	permissionOverride(server: string, tool: string): ToolPermission | null {
		return this.options.settings().toolPermissions[`${server}/${tool}`] ?? null;
	}

	/** Sets one tool's permission (null goes back to the default) and saves the settings. */
	async setPermission(server: string, tool: string, permission: ToolPermission | null): Promise<void> {
		const permissions = this.options.settings().toolPermissions;
		if (permission === null) delete permissions[`${server}/${tool}`];
		else permissions[`${server}/${tool}`] = permission;
		await this.options.saveSettings();
		this.changed();
	}

	/** Stops servers no run used for the idle time; the plugin calls this from a registered interval. */
	async closeIdle(): Promise<void> {
		// Redraw only when a server stopped: the tools view must not be rebuilt under the user's hand every 30 seconds.
		if (this.connections && (await this.connections.closeIdle()) > 0) this.changed();
	}

	/** After the settings changed: stops idle servers that were removed or changed, and redraws the tools view. */
	async settingsChanged(): Promise<void> {
		await this.connections?.keepOnly(this.readConfig().servers.filter(availableHere));
		this.changed();
	}

	/** Stops every server: on unload. */
	async closeAll(): Promise<void> {
		const pool = this.loading ? await this.loading : null;
		await pool?.closeAll();
		this.changed();
	}

	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private changed(): void {
		for (const listener of this.listeners) listener();
	}
}

function stopped(server: McpServerConfig): ServerStatus {
	return { name: server.name, transport: server.transport, state: "stopped", error: null, tools: [] };
}

function unavailable(server: McpServerConfig): ToolServerStatus {
	return { name: server.name, transport: server.transport, state: "unavailable", error: "Runs a program, which only the desktop app can start; available on desktop and from the command line.", tools: [] };
}
