/** serversForRun: a workflow's tools: grants choose the servers whose tools it may use; its MCP resource sources start their servers without offering their tools. */
import { describe, expect, it } from "vitest";
import { serversForRun } from "../../../src/core/tools/run-servers";
import type { McpServerConfig } from "../../../src/core/tools/mcp-config";

const stdio = (name: string): McpServerConfig => ({ name, transport: "stdio", command: "node", args: [], env: {} });
const SERVERS = [stdio("calendar"), stdio("github"), stdio("files")];
const names = (servers: readonly McpServerConfig[]): string[] => servers.map((server) => server.name);

describe("serversForRun", () => {
	it("a delegated task (no grants) starts and offers every server", () => {
		const run = serversForRun(SERVERS, undefined, []);
		expect(names(run.start)).toEqual(["calendar", "github", "files"]);
		expect(run.toolServers).toEqual(["calendar", "github", "files"]);
	});

	it("a workflow starts the servers its grants name and offers only their tools", () => {
		const run = serversForRun(SERVERS, ["github/*", "calendar/list_events"], []);
		expect(names(run.start)).toEqual(["calendar", "github"]);
		expect(run.toolServers).toEqual(["calendar", "github"]);
		expect(serversForRun(SERVERS, [], [])).toEqual({ start: [], toolServers: [] });
	});

	it("a workflow's resource sources start their servers without granting their tools", () => {
		const run = serversForRun(SERVERS, ["github/*"], ["calendar", "nowhere"]);
		expect(names(run.start)).toEqual(["calendar", "github"]);
		expect(run.toolServers).toEqual(["github"]);
	});

	it("a delegated task picked in its form offers only the servers picked, and still starts those its resources read", () => {
		const run = serversForRun(SERVERS, undefined, ["files"], ["github"]);
		expect(names(run.start)).toEqual(["github", "files"]);
		expect(run.toolServers).toEqual(["github"]);
	});
});
