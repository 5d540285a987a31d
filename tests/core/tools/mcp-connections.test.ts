/** The pool of MCP connections: started on first use, shared between runs, stopped after the idle time, restarted when the settings change. */
import { afterEach, describe, expect, it } from "vitest";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { z } from "zod";
import { McpConnections } from "../../../src/core/tools/mcp-connections";
import type { McpServerConfig } from "../../../src/core/tools/mcp-config";

const CALENDAR: McpServerConfig & { transport: "stdio" } = { name: "calendar", transport: "stdio", command: "calendar", args: [], env: {} };

/** In-process servers over linked in-memory transports; counts how often each was started and how many are open. */
class ServerFarm {
	starts = 0;
	readonly open = new Set<McpServer>();
	/** Servers started from now on never answer. */
	hangs = false;

	async transportFor(server: McpServerConfig): Promise<InMemoryTransport> {
		if (server.transport !== "stdio") throw new Error("the farm runs programs only");
		if (server.command === "missing") throw new Error(`the program "${server.command}" was not found`);
		this.starts++;
		const mcp = new McpServer({ name: server.name, version: "1" });
		mcp.registerTool("list_events", { description: `Events (${server.args.join(" ")})`, inputSchema: { day: z.string().optional() }, annotations: { readOnlyHint: true } }, () =>
			Promise.resolve({ content: [{ type: "text" as const, text: "09:00 standup" }] }),
		);
		if (server.args.includes("--with-resources")) {
			mcp.registerResource("today", "events://today", { description: "Today's events." }, (uri) => Promise.resolve({ contents: [{ uri: uri.href, text: "09:00 standup" }] }));
		}
		const [client, serverSide] = InMemoryTransport.createLinkedPair();
		// A hung server: it never reads what the client sends.
		if (this.hangs) return client;
		await mcp.connect(serverSide);
		this.open.add(mcp);
		mcp.server.onclose = () => this.open.delete(mcp);
		return client;
	}
}

let clock = 1_000_000;
let farm: ServerFarm;
let pool: McpConnections;

function newPool(idleMs: number, startTimeoutMs = 2_000): McpConnections {
	farm = new ServerFarm();
	pool = new McpConnections({
		transportFor: (server) => farm.transportFor(server),
		startTimeoutMs: () => startTimeoutMs,
		idleMs: () => idleMs,
		now: () => clock,
		clientInfo: { name: "test", version: "1" },
	});
	return pool;
}

afterEach(async () => {
	await pool.closeAll();
	expect(farm.open.size).toBe(0);
});

describe("McpConnections", () => {
	it("without an idle time, stops a server when the run that started it ends", async () => {
		newPool(0);
		const session = pool.session([CALENDAR]);
		expect((await session.list()).map((tool) => tool.name)).toEqual(["list_events"]);
		expect((await session.call("calendar", "list_events", {}, { timeoutMs: 1000 })).text).toBe("09:00 standup");
		expect(farm.open.size).toBe(1);
		await session.close();
		expect(farm.open.size).toBe(0);
		expect(pool.statuses([CALENDAR])[0]?.state).toBe("stopped");
	});

	it("keeps a server for the idle time, shares it with the next run, and stops it once idle", async () => {
		newPool(5 * 60_000);
		const first = pool.session([CALENDAR]);
		await first.list();
		await first.close();
		clock += 60_000;
		await pool.closeIdle();
		expect(farm.open.size).toBe(1);

		const second = pool.session([CALENDAR]);
		await second.list();
		expect(farm.starts).toBe(1);
		// A server in use is never idle, however long the run takes.
		clock += 60 * 60_000;
		await pool.closeIdle();
		expect(farm.open.size).toBe(1);
		await second.close();
		clock += 5 * 60_000;
		await pool.closeIdle();
		expect(farm.open.size).toBe(0);
		expect(pool.statuses([CALENDAR])[0]).toMatchObject({ state: "stopped", tools: [{ name: "list_events" }] });
	});

	it("restarts a server whose settings changed instead of reusing it", async () => {
		newPool(60_000);
		await pool.connect(CALENDAR);
		const changed = { ...CALENDAR, args: ["--work"] };
		const tools = await pool.connect(changed);
		expect(tools[0]?.description).toBe("Events (--work)");
		expect(farm.starts).toBe(2);
		expect(farm.open.size).toBe(1);
		expect(pool.statuses([CALENDAR])[0]?.state).toBe("stopped");
		expect(pool.statuses([changed])[0]?.state).toBe("running");
	});

	it("stops an idle server once it is removed from the settings, but not one a run is using", async () => {
		newPool(60_000);
		const tracker = { ...CALENDAR, name: "tracker" };
		await pool.connect(CALENDAR);
		const session = pool.session([tracker]);
		await session.list();
		await pool.keepOnly([]);
		expect(farm.open.size).toBe(1);
		expect(pool.statuses([CALENDAR, tracker]).map((status) => status.state)).toEqual(["stopped", "running"]);
		await session.close();
	});

	it("lists a server's resources for the picker, and none for a server without resources", async () => {
		newPool(60_000);
		const withResources = { ...CALENDAR, name: "files", args: ["--with-resources"] };
		expect(await pool.resources(withResources)).toEqual([{ server: "files", uri: "events://today", name: "today", description: "Today's events." }]);
		expect(await pool.resources(CALENDAR)).toEqual([]);
	});

	it("starts a server once when two runs need it at the same moment", async () => {
		newPool(60_000);
		const [a, b] = [pool.session([CALENDAR]), pool.session([CALENDAR])];
		await Promise.all([a.list(), b.list()]);
		expect(farm.starts).toBe(1);
		await Promise.all([a.close(), b.close()]);
	});

	it("names a server that cannot start, goes on without it, and shows it as failing", async () => {
		newPool(0);
		const missing: McpServerConfig = { ...CALENDAR, name: "broken", command: "missing" };
		const session = pool.session([missing, CALENDAR]);
		expect((await session.list()).map((tool) => `${tool.server}/${tool.name}`)).toEqual(["calendar/list_events"]);
		expect(session.problems()).toEqual(['The MCP server "broken" could not be used (the program "missing" was not found); the run went on without its tools.']);
		await expect(session.call("broken", "list_events", {}, { timeoutMs: 1000 })).rejects.toThrow('the MCP server "broken" is not running');
		expect(pool.statuses([missing])[0]).toMatchObject({ state: "failing", error: 'The MCP server "broken" could not be used (the program "missing" was not found).' });
		await session.close();
	});

	it("gives up on a server that does not answer within the start time", async () => {
		newPool(0, 1_000);
		farm.hangs = true;
		await expect(pool.connect(CALENDAR)).rejects.toThrow('The MCP server "calendar" could not be used (did not answer within 1 second).');
		expect(pool.statuses([CALENDAR])[0]?.state).toBe("failing");
	});

	it("forgets a server that went away on its own and starts it again for the next run", async () => {
		newPool(60_000);
		await pool.connect(CALENDAR);
		const [server] = [...farm.open];
		// Closing the server side closes the linked client side before it settles, so the pool has heard of it.
		await server?.close();
		expect(pool.statuses([CALENDAR])[0]).toMatchObject({ state: "failing", error: 'The MCP server "calendar" stopped on its own.' });
		await pool.connect(CALENDAR);
		expect(farm.starts).toBe(2);
		expect(pool.statuses([CALENDAR])[0]?.state).toBe("running");
	});
});
