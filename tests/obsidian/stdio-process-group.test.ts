// @vitest-environment happy-dom
/**
 * The app's stdio MCP servers lead their own process group, as on the command line: a server started through a
 * wrapper (`sh -c "…"`) that starts a grandchild leaves none behind when it is closed, or when the plugin unloads.
 * The grandchild writes its pid; after the close it is checked with signal 0. POSIX only: Windows starts no group.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { McpConnections } from "../../src/core/tools/mcp-connections";
import type { McpServerConfig } from "../../src/core/tools/mcp-config";
import { requestUrl } from "obsidian";
import { pluginTransport } from "../../src/obsidian/tools/plugin-transports";
import { requestUrlFetch } from "../../src/obsidian/adapters/request-url-fetch";
import type CoworkerPlugin from "../../src/obsidian/main";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { writeModelSettings } from "../helpers/plugin-settings";
import { clearNotices, createFakeApp } from "../helpers/fake-obsidian-app";
import { startCoworker, stopCoworker } from "../helpers/start-coworker";

const CALENDAR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "mcp", "calendar-server.mjs");

let scratch: string;
const survivors: number[] = [];

beforeEach(async () => {
	scratch = await mkdtemp(join(tmpdir(), "coworker-group-"));
});

afterEach(async () => {
	// A failed test must not leave its grandchild running on the machine.
	for (const pid of survivors.splice(0)) if (isAlive(pid)) process.kill(pid, "SIGKILL");
	await rm(scratch, { recursive: true, force: true });
});

/** `sh -c`: a grandchild in the background that ignores its input and would live for ever (its pid written first), then the server. */
function wrapper(): { command: string; args: string[]; pidFile: string } {
	const pidFile = join(scratch, "grandchild.pid");
	const node = process.execPath;
	return { command: "sh", args: ["-c", `"${node}" -e "setInterval(() => {}, 1000)" </dev/null >/dev/null 2>&1 & echo $! > "${pidFile}"; "${node}" "${CALENDAR}"`], pidFile };
}

async function grandchildPid(pidFile: string): Promise<number> {
	const pid = Number((await readFile(pidFile, "utf8")).trim());
	expect(pid).toBeGreaterThan(0);
	survivors.push(pid);
	return pid;
}

/**
 * Signal 0 only asks whether the process exists. A process killed after its parent exited stays a zombie (dead,
 * state Z) until init reaps it, which some containers' init does late: that one has not survived.
 */
function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	const state = (() => {
		try {
			return execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim();
		} catch {
			return "";
		}
	})();
	return state !== "" && !state.startsWith("Z");
}

describe.skipIf(process.platform === "win32")("the app's stdio servers in their own process group", () => {
	it("closing a server started through a wrapper stops the grandchild it started", async () => {
		const { command, args, pidFile } = wrapper();
		const pool = new McpConnections({
			// The app's own transports: the desktop stdio transport, as the double plays the desktop app.
			transportFor: (server) => pluginTransport(server, requestUrlFetch(requestUrl)),
			startTimeoutMs: () => 10_000,
			idleMs: () => 0,
			now: () => Date.now(),
			clientInfo: { name: "test", version: "1" },
		});
		const server: McpServerConfig = { name: "calendar", transport: "stdio", command, args, env: { MODE: "ok" } };
		const session = pool.session([server]);
		// The server answered, so the wrapper has started the grandchild and written its pid before it.
		expect((await session.list()).map((tool) => tool.name)).toContain("list_events");
		const pid = await grandchildPid(pidFile);
		expect(isAlive(pid)).toBe(true);
		// Resolves once the server's process has closed and its group has been stopped.
		await session.close();
		expect(isAlive(pid)).toBe(false);
	}, 15_000);

	describe("when the plugin unloads", () => {
		let vault: TempVault;
		let model: FakeModelServer;
		let plugin: CoworkerPlugin | undefined;
		beforeEach(async () => {
			vault = await createTempVault({ "Note.md": "# Note" });
			model = await startFakeModelServer({ models: ["test-model"] });
		});
		afterEach(async () => {
			if (plugin) await stopCoworker(plugin);
			plugin = undefined;
			clearNotices();
			await model.close();
			await vault.cleanup();
		});

		it("stops every server's group, the grandchild a wrapper started included", async () => {
			const { command, args, pidFile } = wrapper();
			await writeModelSettings(vault.root, model, { mcpServers: JSON.stringify({ mcpServers: { calendar: { command, args, env: { MODE: "ok" } } } }) });
			const loaded = await startCoworker(createFakeApp(vault.root), (started) => (plugin = started));
			// "Test MCP servers" starts it and lists its tools.
			expect((await loaded.tools.test()).map((status) => status.state)).toEqual(["running"]);
			const pid = await grandchildPid(pidFile);
			expect(isAlive(pid)).toBe(true);
			// What onunload starts (without waiting, as Obsidian does not); awaited here to know it has finished.
			await loaded.tools.closeAll();
			expect(isAlive(pid)).toBe(false);
		}, 15_000);
	});
});
