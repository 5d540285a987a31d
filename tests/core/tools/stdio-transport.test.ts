/** The stdio transport shared by the app and the command line: what a server inherits, why it failed, and that it always stops. */
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { McpConnections } from "../../../src/core/tools/mcp-connections";
import { inheritedEnvironment, StdioTransport, type ChildProgram, type StartProgram } from "../../../src/core/tools/stdio-transport";
import type { McpServerConfig } from "../../../src/core/tools/mcp-config";
import { startProgramInOwnGroup } from "../../../src/cli/program-group";
import { processesWith } from "../../helpers/server-processes";

const CALENDAR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures", "mcp", "calendar-server.mjs");

const startProgram = (command: string, args: readonly string[], env: Record<string, string>): Promise<ChildProgram> => Promise.resolve(spawn(command, [...args], { env, stdio: ["pipe", "pipe", "pipe"] }));

function pool(start: StartProgram = startProgram): McpConnections {
	return new McpConnections({
		transportFor: (server) => {
			if (server.transport !== "stdio") throw new Error("stdio only");
			return new StdioTransport(server, start, inheritedEnvironment(process.env, false));
		},
		startTimeoutMs: () => 10_000,
		idleMs: () => 0,
		now: () => Date.now(),
		clientInfo: { name: "test", version: "1" },
	});
}

const program = (name: string, script: string, env: Record<string, string> = {}): McpServerConfig => ({ name, transport: "stdio", command: process.execPath, args: ["-e", script], env });

describe("inheritedEnvironment", () => {
	it("passes a server the user's home, name and PATH, not the coworker's secrets or shell functions", () => {
		const environment = { PATH: "/usr/bin", HOME: "/home/maya", USER: "maya", OPENAI_API_KEY: "sk-secret", SHELL: "() { evil; }", TERM: undefined };
		expect(inheritedEnvironment(environment, false)).toEqual({ PATH: "/usr/bin", HOME: "/home/maya", USER: "maya" });
		expect(inheritedEnvironment({ PATH: "C:\\bin", APPDATA: "C:\\a", HOME: "/x" }, true)).toEqual({ PATH: "C:\\bin", APPDATA: "C:\\a" });
	});
});

describe("StdioTransport", () => {
	it("runs a real server", async () => {
		const session = pool().session([{ name: "calendar", transport: "stdio", command: process.execPath, args: [CALENDAR], env: { MODE: "ok" } }]);
		expect((await session.list()).map((tool) => tool.name)).toEqual(["list_events", "create_event"]);
		expect((await session.call("calendar", "list_events", { date: "2026-11-24" }, { timeoutMs: 5000 })).text).toContain("09:00 Acme renewal call");
		await session.close();
	});

	it("starts a program with the inherited variables and the server's own env, nothing else", async () => {
		const seen: Record<string, string>[] = [];
		const recording = (command: string, args: readonly string[], env: Record<string, string>): Promise<ChildProgram> => {
			seen.push(env);
			return startProgram(command, args, env);
		};
		const transport = new StdioTransport({ name: "env", command: process.execPath, args: ["-e", ""], env: { TOKEN: "t" } }, recording, inheritedEnvironment({ PATH: "/usr/bin", OPENAI_API_KEY: "sk-must-not-leak" }, false));
		await transport.start();
		await transport.close();
		expect(seen).toEqual([{ PATH: "/usr/bin", TOKEN: "t" }]);
	});

	it("says why a server stopped: its exit code and the last line it printed on stderr", async () => {
		const failing = program("failing", "console.error('starting'); console.error('boom: TOKEN is not set'); process.exit(1)");
		await expect(pool().connect(failing)).rejects.toThrow(/^The MCP server "failing" could not be used \(.*Connection closed; the MCP server "failing" exited with code 1: boom: TOKEN is not set\)\.$/);
	});

	it("says why a running server stopped on its own, so the tools view can show it", async () => {
		// Only this test's own server is ended: other test files run calendar servers at the same time.
		const started: ChildProgram[] = [];
		const connections = new McpConnections({
			transportFor: (server) => {
				if (server.transport !== "stdio") throw new Error("stdio only");
				const recording: StartProgram = async (command, args, env) => {
					const child = await startProgram(command, args, env);
					started.push(child);
					return child;
				};
				return new StdioTransport(server, recording, inheritedEnvironment(process.env, false));
			},
			startTimeoutMs: () => 10_000,
			idleMs: () => 60_000,
			now: () => Date.now(),
			clientInfo: { name: "test", version: "1" },
		});
		const calendar: McpServerConfig = { name: "calendar", transport: "stdio", command: process.execPath, args: [CALENDAR], env: { MODE: "ok" } };
		await connections.connect(calendar);
		const child = started[0];
		if (!child) throw new Error("the calendar server did not start");
		// The transport's own "close" listener (added when it started) runs first and tells the pool.
		const closed = new Promise((resolve) => child.once("close", resolve));
		child.kill("SIGTERM");
		await closed;
		expect(connections.statuses([calendar])[0]).toMatchObject({ state: "failing", error: 'The MCP server "calendar" stopped on its own (the MCP server "calendar" exited with signal SIGTERM).' });
		await connections.closeAll();
	});

	it("says a program that does not exist was not found, with what to do", async () => {
		const missing: McpServerConfig = { name: "missing", transport: "stdio", command: "/nonexistent/mcp-server", args: [], env: {} };
		await expect(pool().connect(missing)).rejects.toThrow('The MCP server "missing" could not be used (the program "/nonexistent/mcp-server" was not found; give its full path, or set PATH in the server\'s env).');
	});

	it("stops a server that ignores the end of its input and SIGTERM", async () => {
		const stubborn = new StdioTransport({ name: "stubborn", command: process.execPath, args: ["-e", "process.on('SIGTERM', () => {}); process.stdin.resume(); process.stdin.on('end', () => {}); setInterval(() => {}, 1000)"], env: {} }, startProgram, {});
		let closed = 0;
		stubborn.onclose = () => closed++;
		await stubborn.start();
		const started = Date.now();
		await stubborn.close();
		// Two grace periods of 2 s: end of input, then SIGTERM, then SIGKILL.
		expect(Date.now() - started).toBeGreaterThanOrEqual(3_900);
		expect(closed).toBe(1);
		await expect(stubborn.send({ jsonrpc: "2.0", method: "ping", id: 1 })).rejects.toThrow('the MCP server "stubborn" is not running');
	}, 10_000);
});

describe("servers started in their own process group (the command line, POSIX)", () => {
	it.skipIf(process.platform === "win32")("stops what a wrapper (sh -c) started when the run ends: no grandchild survives", async () => {
		// The background program ignores its input and would live for ever; only its process group reaches it.
		const marker = `grandchild-${process.pid}-${Date.now()}`;
		const script = `"${process.execPath}" -e "setInterval(() => {}, 1000)" ${marker} & "${process.execPath}" "${CALENDAR}"`;
		const session = pool(startProgramInOwnGroup).session([{ name: "calendar", transport: "stdio", command: "sh", args: ["-c", script], env: { MODE: "ok" } }]);
		expect((await session.list()).map((tool) => tool.name)).toContain("list_events");
		expect(processesWith(marker).filter((args) => args.startsWith(process.execPath))).toHaveLength(1);
		await session.close();
		expect(processesWith(marker)).toEqual([]);
	}, 15_000);

	it.skipIf(process.platform === "win32")("stops a wrapper's grandchild even when the wrapper exited on its own during the run", async () => {
		const marker = `orphan-${process.pid}-${Date.now()}`;
		// The wrapper starts the server in the background and exits: the connection closes, the grandchild lives on.
		const script = `"${process.execPath}" -e "setInterval(() => {}, 1000)" ${marker} </dev/null >/dev/null 2>&1 & exit 0`;
		const transport = new StdioTransport({ name: "wrapper", command: "sh", args: ["-c", script], env: {} }, startProgramInOwnGroup, inheritedEnvironment(process.env, false));
		const closed = new Promise<void>((resolve) => (transport.onclose = () => resolve()));
		await transport.start();
		await closed;
		expect(processesWith(marker).filter((args) => args.startsWith(process.execPath))).toHaveLength(1);
		await transport.close();
		expect(processesWith(marker)).toEqual([]);
	}, 15_000);
});

describe("hostile servers: the call and start limits hold", () => {
	const calendar = (mode: string): McpServerConfig => ({ name: "calendar", transport: "stdio", command: process.execPath, args: [CALENDAR], env: { MODE: mode } });

	it("a server that never answers a call ends the call at its limit", async () => {
		const session = pool(startProgramInOwnGroup).session([calendar("hang-call")]);
		await session.list();
		const started = Date.now();
		await expect(session.call("calendar", "list_events", {}, { timeoutMs: 500 })).rejects.toThrow(/^the MCP server "calendar" did not answer list_events \(.*timed out/i);
		expect(Date.now() - started).toBeLessThan(1_500);
		await session.close();
	}, 15_000);

	it.each(["flood-line", "flood-lines"])("a server that floods its output (%s) ends the call within its limit, and is stopped", async (mode) => {
		const session = pool(startProgramInOwnGroup).session([calendar(mode)]);
		await session.list();
		const started = Date.now();
		await expect(session.call("calendar", "list_events", {}, { timeoutMs: 3_000 })).rejects.toThrow(/^the MCP server "calendar" did not answer list_events/);
		expect(Date.now() - started).toBeLessThan(3_500);
		await session.close();
	}, 15_000);

	it("a server that never answers at start is given up at the start limit", async () => {
		const connections = new McpConnections({
			transportFor: (server) => new StdioTransport(server as Extract<McpServerConfig, { transport: "stdio" }>, startProgramInOwnGroup, inheritedEnvironment(process.env, false)),
			startTimeoutMs: () => 500,
			idleMs: () => 0,
			now: () => Date.now(),
			clientInfo: { name: "test", version: "1" },
		});
		await expect(connections.connect(calendar("hang"))).rejects.toThrow('The MCP server "calendar" could not be used (did not answer within 1 second).');
	}, 15_000);
});
