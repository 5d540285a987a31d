/** The stdio transport shared by the app and the command line: what a server inherits, why it failed, and that it always stops. */
import { describe, expect, it, vi } from "vitest";
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { McpConnections } from "../../../src/core/tools/mcp-connections";
import { inheritedEnvironment, StdioTransport, type ChildProgram, type StartProgram } from "../../../src/core/tools/stdio-transport";
import type { McpServerConfig } from "../../../src/core/tools/mcp-config";

const CALENDAR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures", "mcp", "calendar-server.mjs");

const startProgram = (command: string, args: readonly string[], env: Record<string, string>): Promise<ChildProgram> => Promise.resolve(spawn(command, [...args], { env, stdio: ["pipe", "pipe", "pipe"] }));

function pool(): McpConnections {
	return new McpConnections({
		transportFor: (server) => {
			if (server.transport !== "stdio") throw new Error("stdio only");
			return new StdioTransport(server, startProgram, inheritedEnvironment(process.env, false));
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
		started[0]?.kill("SIGTERM");
		await vi.waitFor(() => expect(connections.statuses([calendar])[0]).toMatchObject({ state: "failing", error: 'The MCP server "calendar" stopped on its own (the MCP server "calendar" exited with signal SIGTERM).' }), { timeout: 5_000 });
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
