/** MCP servers from the command line: a stdio calendar server's tools and resources in delegated and workflow runs, permissions, failures, and no process left behind. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { runCli } from "../helpers/run-cli";
import { calendarProcesses } from "../helpers/server-processes";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { writeModelSettings } from "../helpers/plugin-settings";
import { startHttpMcpServer } from "../helpers/http-mcp-server";

const CALENDAR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "mcp", "calendar-server.mjs");

let vault: TempVault;
let server: FakeModelServer;
/** The operator's own folder, outside the vault: where a --mcp-config that may start programs lives. */
let operator: string;

/** A note beside the resource, so a run whose resource cannot be read still has a source. */
const WITH_NOTE = ["--source", "Meetings/2026-11-18 Acme renewal call.md"];

beforeEach(async () => {
	vault = await createTempVault({ "Meetings/2026-11-18 Acme renewal call.md": "# Acme renewal call\nPricing is the open question." });
	server = await startFakeModelServer({ models: ["test-model"] });
	await writeModelSettings(vault.root, server);
	operator = await mkdtemp(join(tmpdir(), "coworker-operator-"));
});

afterEach(async () => {
	delete process.env.CAL_MODE;
	delete process.env.COWORKER_TRUST_VAULT_MCP;
	delete process.env.COWORKER_ALLOW_ENV;
	await rm(operator, { recursive: true, force: true });
	await server.close();
	await vault.cleanup();
});

async function config(mode = "ok"): Promise<string> {
	const file = join(operator, "mcp.json");
	await writeFile(file, JSON.stringify({ mcpServers: { calendar: { command: process.execPath, args: [CALENDAR], env: { MODE: "${CAL_MODE}" } } } }));
	process.env.CAL_MODE = mode;
	return file;
}

interface DelegateJson {
	status: string;
	deliverable: string | null;
	error: string | null;
}

describe("coworker delegate --mcp-config", () => {
	it("writes a meeting brief that quotes the calendar and lists the tool call; the server is gone afterwards", async () => {
		const file = await config();
		server.enqueue(
			{ kind: "tool-calls", calls: [{ name: "calendar__list_events", arguments: { date: "2026-11-24" } }] },
			{ kind: "reply", text: "# Meeting brief\n\n- 09:00 Acme renewal call with Sofia: pricing is open ([[2026-11-18 Acme renewal call]])." },
		);
		const result = await runCli("delegate", "--vault", vault.root, "--json", "--mcp-config", file, "--source", "Meetings/2026-11-18 Acme renewal call.md", "Meeting brief for today");
		expect(result.code, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout) as DelegateJson;
		const note = await readFile(join(vault.root, json.deliverable ?? ""), "utf8");
		expect(note).toContain("09:00 Acme renewal call with Sofia");
		expect(note).toContain("tools_used:\n  - calendar/list_events");
		expect(note).toMatch(/## Tool calls\n\n- calendar\/list_events `\{"date":"2026-11-24"\}` — ok/);
		expect(JSON.stringify(server.chatRequests()[1])).toContain("Events on 2026-11-24");
		expect(calendarProcesses()).toEqual([]);
	});

	it("denies a write tool without --allow-tool and runs it with one", async () => {
		const file = await config();
		server.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__create_event", arguments: { title: "Renewal prep" } }] }, { kind: "reply", text: "# Brief\n\nNot booked." });
		const denied = await runCli("delegate", "--vault", vault.root, "--json", "--mcp-config", file, "Book the prep meeting");
		const deniedNote = await readFile(join(vault.root, (JSON.parse(denied.stdout) as DelegateJson).deliverable ?? ""), "utf8");
		expect(deniedNote).toMatch(/- calendar\/create_event `\{"title":"Renewal prep"\}` — denied/);

		server.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__create_event", arguments: { title: "Renewal prep" } }] }, { kind: "reply", text: "# Brief\n\nBooked." });
		const granted = await runCli("delegate", "--vault", vault.root, "--json", "--mcp-config", file, "--allow-tool", "calendar/create_event", "Book the prep meeting");
		const grantedNote = await readFile(join(vault.root, (JSON.parse(granted.stdout) as DelegateJson).deliverable ?? ""), "utf8");
		expect(grantedNote).toMatch(/- calendar\/create_event `\{"title":"Renewal prep"\}` — ok/);
		expect(JSON.stringify(server.chatRequests().at(-1))).toContain("Created Renewal prep");
	});

	it("goes on without a server that exits at start, naming it in one sentence", async () => {
		const file = await config("exit");
		server.enqueue({ kind: "reply", text: "# Brief\n\nNo calendar today." });
		const result = await runCli("delegate", "--vault", vault.root, "--json", "--mcp-config", file, "Meeting brief for today");
		expect(result.code).toBe(0);
		const note = await readFile(join(vault.root, (JSON.parse(result.stdout) as DelegateJson).deliverable ?? ""), "utf8");
		expect(note).toMatch(/- Not available: The MCP server "calendar" could not be used \([^)\n]+\); the run went on without its tools\./);
		expect(calendarProcesses()).toEqual([]);
	});

	it("passes a tool's error to the model as an error, and records the call as failed", async () => {
		const file = await config("error");
		server.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__list_events", arguments: {} }] }, { kind: "reply", text: "# Brief\n\nThe calendar is down." });
		const result = await runCli("delegate", "--vault", vault.root, "--json", "--mcp-config", file, "Meeting brief for today");
		expect(result.code).toBe(0);
		const note = await readFile(join(vault.root, (JSON.parse(result.stdout) as DelegateJson).deliverable ?? ""), "utf8");
		expect(note).toMatch(/- calendar\/list_events `\{\}` — failed/);
		expect(JSON.stringify(server.chatRequests().at(-1))).toContain('error=\\"true\\"');
	});

	it("refuses a bad --mcp-config or --allow-tool with exit code 2", async () => {
		await writeFile(join(vault.root, "bad.json"), "{ not json");
		expect((await runCli("delegate", "--vault", vault.root, "--mcp-config", join(vault.root, "bad.json"), "x")).code).toBe(2);
		expect((await runCli("delegate", "--vault", vault.root, "--mcp-config", await config(), "--allow-tool", "calendar", "x")).code).toBe(2);
	});
});

describe("MCP servers in the vault's settings, workflows and coworker tools", () => {
	/** The vault's own configuration, trusted by the operator through COWORKER_TRUST_VAULT_MCP unless `trusted` is false. */
	async function settings(extra: Record<string, unknown>, trusted = true): Promise<string> {
		const mcpServers = JSON.stringify({ mcpServers: { calendar: { command: process.execPath, args: [CALENDAR], env: { MODE: "${CAL_MODE}" } } } });
		await writeFile(
			join(vault.root, ".obsidian/plugins/ai-coworker/data.json"),
			JSON.stringify({ provider: "custom", baseUrl: server.baseUrl, model: "test-model", maxRetries: 0, mcpServers, ...extra }),
		);
		const hash = createHash("sha256").update(mcpServers).digest("hex");
		if (trusted) process.env.COWORKER_TRUST_VAULT_MCP = hash;
		return hash;
	}

	it("coworker tools lists each server's status and tools with their permission", async () => {
		process.env.CAL_MODE = "ok";
		await settings({ toolPermissions: { "calendar/create_event": "deny" } });
		const result = await runCli("tools", "--vault", vault.root, "--json");
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({
			servers: [
				{
					name: "calendar",
					transport: "stdio",
					status: "running",
					error: null,
					tools: [
						{ name: "list_events", read_only: true, permission: "allow" },
						{ name: "create_event", read_only: false, permission: "deny" },
					],
					resources: [{ source: "calendar/events://today", name: "today", description: "Today's events." }],
				},
			],
		});
		process.env.CAL_MODE = "exit";
		const failing = JSON.parse((await runCli("tools", "--vault", vault.root, "--json")).stdout) as { servers: { status: string; error: string }[] };
		expect(failing.servers[0]?.status).toBe("failing");
		expect(failing.servers[0]?.error).toMatch(/^The MCP server "calendar" could not be used/);
		expect(calendarProcesses()).toEqual([]);
	});

	it("gives up on a server that hangs at start after the configured seconds, and the run goes on", async () => {
		process.env.CAL_MODE = "hang";
		await settings({ mcpCallTimeoutSeconds: 1 });
		server.enqueue({ kind: "reply", text: "# Brief\n\nNo calendar." });
		const started = Date.now();
		const result = await runCli("delegate", "--vault", vault.root, "--json", "Meeting brief for today");
		expect(result.code).toBe(0);
		expect(Date.now() - started).toBeLessThan(5000);
		const json = JSON.parse(result.stdout) as DelegateJson & { tool_calls: unknown[] };
		expect(json.tool_calls).toEqual([]);
		const note = await readFile(join(vault.root, json.deliverable ?? ""), "utf8");
		expect(note).toContain('The MCP server "calendar" could not be used (did not answer within 1 second)');
		expect(calendarProcesses()).toEqual([]);
	});

	it("a workflow starts only the servers its tools: grant, and may call the tools they name", async () => {
		process.env.CAL_MODE = "ok";
		await settings({});
		const note = (tools: string) =>
			`---\ncoworker: workflow\nschedule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9"\noutput: "Reports/{{workflow}} {{date}}.md"\n${tools}---\nBook the weekly prep.\n`;
		await writeFile(join(vault.root, "Granted.md"), note('tools: ["calendar/*"]\n'));
		await writeFile(join(vault.root, "Plain.md"), note(""));
		server.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__create_event", arguments: { title: "Prep" } }] }, { kind: "reply", text: "# Done\n\nBooked." });
		const granted = await runCli("run", "--vault", vault.root, "--json", "Granted.md");
		const runs = (JSON.parse(granted.stdout) as { runs: { tool_calls: { server: string; tool: string; status: string }[] }[] }).runs;
		expect(runs[0]?.tool_calls).toMatchObject([{ server: "calendar", tool: "create_event", status: "ok" }]);

		server.enqueue({ kind: "reply", text: "# Done\n\nNothing to book." });
		await runCli("run", "--vault", vault.root, "--json", "Plain.md");
		const last = server.chatRequests().at(-1) as { tools?: unknown[] };
		expect(last.tools).toBeUndefined();
	});

	it("an explicit deny in toolPermissions wins over a workflow's tools: grant and --allow-tool", async () => {
		process.env.CAL_MODE = "ok";
		await settings({ toolPermissions: { "calendar/create_event": "deny" } });
		await writeFile(join(vault.root, "Granted.md"), `---\ncoworker: workflow\noutput: "Reports/{{workflow}} {{date}}.md"\ntools: ["calendar/*", "calendar/create_event"]\n---\nBook the weekly prep.\n`);
		server.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__create_event", arguments: { title: "Prep" } }] }, { kind: "reply", text: "# Done\n\nNot booked." });
		const result = await runCli("run", "--vault", vault.root, "--json", "--allow-tool", "calendar/create_event", "--allow-tool", "calendar/*", "Granted.md");
		expect(result.code, result.stderr).toBe(0);
		const runs = (JSON.parse(result.stdout) as { runs: { tool_calls: { server: string; tool: string; status: string }[] }[] }).runs;
		expect(runs[0]?.tool_calls).toMatchObject([{ server: "calendar", tool: "create_event", status: "denied" }]);
		expect(JSON.stringify(server.chatRequests().at(-1))).toContain("is not allowed in this run");
		expect(JSON.stringify(server.chatRequests().at(-1))).not.toContain("Created Prep");
	});
});

describe("MCP resources as sources", () => {
	type Sent = { tools?: unknown[]; messages: { role: string; content: string | null }[] };
	const userMessageOf = (request: Record<string, unknown> | undefined): string => (request as Sent | undefined)?.messages.find((message) => message.role === "user")?.content ?? "";

	it("coworker delegate --mcp-resource puts the events into the model's request, and the deliverable lists the resource in its Sources", async () => {
		const file = await config();
		server.enqueue({ kind: "reply", text: "# Meeting brief\n\n- 09:00 Acme renewal call with Sofia (calendar/events://today)." });
		const result = await runCli("delegate", "--vault", vault.root, "--json", "--mcp-config", file, "--mcp-resource", "calendar/events://today", "--no-memory", "Meeting brief for today");
		expect(result.code, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout) as DelegateJson & { sources: string[]; unresolved_links: number; tool_calls: unknown[] };
		expect(json.sources).toEqual(["calendar/events://today"]);
		expect(json.unresolved_links).toBe(0);
		expect(json.tool_calls).toEqual([]);
		expect(userMessageOf(server.chatRequests()[0])).toContain('<source kind="resource" cite="calendar/events://today">\nEvents on today:\n09:00 Acme renewal call with Sofia\n14:00 Alpha design review\n</source>');
		const note = await readFile(join(vault.root, json.deliverable ?? ""), "utf8");
		expect(note).toContain("sources:\n  - calendar/events://today\n");
		expect(note).toContain("## Sources\n\n- calendar/events://today (MCP resource)\n");
		expect(calendarProcesses()).toEqual([]);
	});

	it("coworker review --revise reads the resources of the deliverable it revises again", async () => {
		const file = await config();
		server.enqueue({ kind: "reply", text: "# Meeting brief\n\n- 09:00 Acme renewal call." });
		const first = await runCli("delegate", "--vault", vault.root, "--json", "--mcp-config", file, "--mcp-resource", "calendar/events://today", "--no-memory", "Meeting brief for today");
		const deliverable = (JSON.parse(first.stdout) as DelegateJson).deliverable ?? "";

		server.enqueue({ kind: "reply", text: "# Meeting brief\n\n- 09:00 Acme renewal call with Sofia.\n- 14:00 Alpha design review." });
		const review = await runCli("review", "--vault", vault.root, "--json", "--mcp-config", file, "--feedback", "Add the afternoon.", "--revise", deliverable);
		expect(review.code, review.stderr).toBe(0);
		const revision = (JSON.parse(review.stdout) as { revision: { deliverable: string; sources: string[] } }).revision;
		expect(revision.sources.slice(0, 2)).toEqual([deliverable, "calendar/events://today"]);
		expect(userMessageOf(server.chatRequests().at(-1))).toContain('<source kind="resource" cite="calendar/events://today">');
		const note = await readFile(join(vault.root, revision.deliverable), "utf8");
		expect(note).toContain("- calendar/events://today (MCP resource)");
		expect(calendarProcesses()).toEqual([]);
	});

	it("coworker delegate --dry-run shows the resource's text and names it among the sources", async () => {
		const file = await config();
		const result = await runCli("delegate", "--vault", vault.root, "--mcp-config", file, "--mcp-resource", "calendar/events://today", "--dry-run", "Meeting brief for today");
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toContain("09:00 Acme renewal call with Sofia");
		expect(result.stdout).toContain("Sources (1): calendar/events://today");
		expect(server.chatRequests()).toEqual([]);
		expect(calendarProcesses()).toEqual([]);
	});

	it("a workflow's mcp: source starts its server without tools: and without offering the server's tools", async () => {
		const file = await config();
		await writeFile(
			join(vault.root, "Daily brief.md"),
			`---\ncoworker: workflow\noutput: "Reports/{{workflow}} {{date}}.md"\nsources:\n  - "[[2026-11-18 Acme renewal call]]"\n  - mcp: "calendar/events://today"\n---\nWrite today's meeting brief.\n`,
		);
		server.enqueue({ kind: "reply", text: "# Daily brief\n\n- 09:00 Acme renewal call ([[2026-11-18 Acme renewal call]], calendar/events://today)." });
		const result = await runCli("run", "--vault", vault.root, "--json", "--mcp-config", file, "Daily brief.md");
		expect(result.code, result.stderr).toBe(0);
		const [run] = (JSON.parse(result.stdout) as { runs: { status: string; deliverable: string; sources: string[]; unresolved_links: number }[] }).runs;
		expect(run).toMatchObject({ status: "ok", unresolved_links: 0 });
		expect(run?.sources).toContain("calendar/events://today");
		const sent = server.chatRequests()[0] as unknown as Sent;
		expect(sent.tools).toBeUndefined();
		expect(userMessageOf(server.chatRequests()[0])).toContain("14:00 Alpha design review");
		const note = await readFile(join(vault.root, run?.deliverable ?? ""), "utf8");
		expect(note).toMatch(/## Sources\n\n(- .+\n)*- calendar\/events:\/\/today \(MCP resource\)\n/);
		expect(note).toContain("- [[2026-11-18 Acme renewal call]]");
		expect(calendarProcesses()).toEqual([]);
	});

	it("a resource of a server that is not configured, or of no configuration at all, is a warning naming it, and the run still writes from its other sources", async () => {
		const file = await config();
		server.enqueue({ kind: "reply", text: "# Brief\n\nNo calendar." }, { kind: "reply", text: "# Brief\n\nNo calendar." });
		const unknown = await runCli("delegate", "--vault", vault.root, "--mcp-config", file, "--mcp-resource", "agenda/events://today", ...WITH_NOTE, "Meeting brief for today");
		expect(unknown.code, unknown.stderr).toBe(0);
		expect(unknown.stdout).toMatch(/^Wrote Coworker\//);
		expect(unknown.stderr).toContain('warning: The MCP resource agenda/events://today was left out: no MCP server named "agenda" is configured for this run, so events://today could not be read.');

		const unconfigured = await runCli("delegate", "--vault", vault.root, "--mcp-resource", "calendar/events://today", ...WITH_NOTE, "Meeting brief for today");
		expect(unconfigured.code, unconfigured.stderr).toBe(0);
		expect(unconfigured.stderr).toContain('warning: The MCP resource calendar/events://today was left out: no MCP server named "calendar" is configured.');
		expect(calendarProcesses()).toEqual([]);
	});

	it("a server that fails to read the resource, or to start, is a warning too, the run goes on with its other sources, and no server is left running", async () => {
		server.enqueue({ kind: "reply", text: "# Brief\n\nNo calendar." }, { kind: "reply", text: "# Brief\n\nNo calendar." });
		const failing = await runCli("delegate", "--vault", vault.root, "--mcp-config", await config("error"), "--mcp-resource", "calendar/events://today", ...WITH_NOTE, "Meeting brief for today");
		expect(failing.code, failing.stderr).toBe(0);
		expect(failing.stderr).toMatch(/warning: The MCP resource calendar\/events:\/\/today was left out: the MCP server "calendar" could not read events:\/\/today \([^\n]*the calendar backend is down[^\n]*\)\.\n/);

		const exiting = await runCli("delegate", "--vault", vault.root, "--mcp-config", await config("exit"), "--mcp-resource", "calendar/events://today", ...WITH_NOTE, "Meeting brief for today");
		expect(exiting.code, exiting.stderr).toBe(0);
		expect(exiting.stderr).toContain('warning: The MCP resource calendar/events://today was left out: the MCP server "calendar" is not running, so events://today could not be read.');
		expect(calendarProcesses()).toEqual([]);
	});

	it("a run whose only source is a resource that cannot be read stops before calling the model", async () => {
		const result = await runCli("delegate", "--vault", vault.root, "--mcp-resource", "calendar/events://today", "Meeting brief for today");
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('warning: The MCP resource calendar/events://today was left out: no MCP server named "calendar" is configured.');
		expect(result.stderr).toContain("coworker: None of the sources named (MCP resource calendar/events://today) gave anything the coworker may read, so the model was not called; the warnings say why.");
		expect(server.chatRequests()).toEqual([]);
	});

	it("a malformed SERVER/URI is one sentence naming the workflow and the field, or a usage error on the command line", async () => {
		await writeFile(join(vault.root, "Bad.md"), `---\ncoworker: workflow\nsources:\n  - "[[2026-11-18 Acme renewal call]]"\n  - mcp: "calendar"\n---\nWrite the brief.\n`);
		const listed = await runCli("workflows", "--vault", vault.root, "--json");
		expect(listed.code).toBe(0);
		const workflows = (JSON.parse(listed.stdout) as { workflows: { path: string; valid: boolean; problems: string[] }[] }).workflows;
		expect(workflows.find((workflow) => workflow.path === "Bad.md")).toMatchObject({
			valid: false,
			problems: ['Bad.md: sources[2] names the MCP resource "calendar", which has no "/" between the server and the URI; write SERVER/URI, such as calendar/events://today.'],
		});
		const run = await runCli("run", "--vault", vault.root, "--json", "Bad.md");
		expect(run.code).toBe(1);
		expect(run.stdout).toContain('sources[2] names the MCP resource \\"calendar\\"');

		const usage = await runCli("delegate", "--vault", vault.root, "--mcp-resource", "my calendar/events://today", "x");
		expect(usage.code).toBe(2);
		expect(usage.stderr).toBe(
			'coworker: --mcp-resource "my calendar/events://today" has the server name "my calendar", but a server name holds only letters, digits, - and _ (at most 32); write SERVER/URI, such as calendar/events://today.\n',
		);
		expect(server.chatRequests()).toEqual([]);
		expect(calendarProcesses()).toEqual([]);
	});
});

describe("a Streamable HTTP MCP server", () => {
	it("is reached at its URL with headers filled from the environment, and its tool's result lands in the deliverable", async () => {
		const tracker = await startHttpMcpServer();
		try {
			process.env.TRACKER_TOKEN = "tracker-secret";
			const file = join(operator, "mcp-http.json");
			await writeFile(file, JSON.stringify({ mcpServers: { tracker: { url: tracker.url, headers: { Authorization: "Bearer ${TRACKER_TOKEN}" } } } }));
			server.enqueue(
				{ kind: "tool-calls", calls: [{ name: "tracker__open_issues", arguments: { project: "Alpha" } }] },
				{ kind: "reply", text: "# Alpha issues\n\n- ALPHA-12 chart colours\n- ALPHA-15 export" },
			);
			const result = await runCli("delegate", "--vault", vault.root, "--json", "--mcp-config", file, "List Alpha's open issues");
			expect(result.code, result.stderr).toBe(0);
			const json = JSON.parse(result.stdout) as DelegateJson & { tool_calls: { server: string; tool: string; status: string }[] };
			expect(json.tool_calls).toMatchObject([{ server: "tracker", tool: "open_issues", status: "ok" }]);
			expect(JSON.stringify(server.chatRequests().at(-1))).toContain("Alpha: 2 open issues");
			expect(tracker.authorizations.length).toBeGreaterThan(0);
			expect(tracker.authorizations.every((header) => header === "Bearer tracker-secret")).toBe(true);
		} finally {
			delete process.env.TRACKER_TOKEN;
			await tracker.close();
		}
	});
});

describe("the vault's configuration is not a license to run programs on a server", () => {
	async function vaultSettings(mcpServers: string): Promise<void> {
		await writeFile(join(vault.root, ".obsidian/plugins/ai-coworker/data.json"), JSON.stringify({ provider: "custom", baseUrl: server.baseUrl, model: "test-model", maxRetries: 0, mcpServers }));
	}
	const calendarText = (mode = "ok"): string => JSON.stringify({ mcpServers: { calendar: { command: process.execPath, args: [CALENDAR], env: { MODE: mode } } } });
	const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
	/** `coworker tools --json` gives the configuration's problems in its output. */
	const problemsOf = (result: { stdout: string }): string => (JSON.parse(result.stdout) as { problems: string[] }).problems.join("\n");

	it("refuses the programs of an untrusted data.json in one sentence giving its hash, and runs them once that hash is trusted", async () => {
		const text = calendarText();
		await vaultSettings(text);
		server.enqueue({ kind: "reply", text: "# Brief\n\nNo calendar." });
		const refused = await runCli("delegate", "--vault", vault.root, "--json", ...WITH_NOTE, "Meeting brief for today");
		expect(refused.code, refused.stderr).toBe(0);
		expect(refused.stderr).toContain(
			`the mcpServers setting in data.json: the server "calendar" starts a program, which the command line runs from the vault's configuration only when the operator trusts that exact text; after checking it, pass --trust-vault-mcp ${sha256(text)} or set COWORKER_TRUST_VAULT_MCP=${sha256(text)}.`,
		);
		expect(server.chatRequests()[0]).not.toHaveProperty("tools");
		expect(calendarProcesses()).toEqual([]);

		server.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__list_events", arguments: { date: "2026-11-24" } }] }, { kind: "reply", text: "# Brief\n\n09:00 Acme." });
		const trusted = await runCli("delegate", "--vault", vault.root, "--json", "--trust-vault-mcp", sha256(text), ...WITH_NOTE, "Meeting brief for today");
		expect(trusted.code, trusted.stderr).toBe(0);
		expect((JSON.parse(trusted.stdout) as { tool_calls: { status: string }[] }).tool_calls).toMatchObject([{ status: "ok" }]);
		expect(calendarProcesses()).toEqual([]);
	});

	it("a changed configuration no longer matches the trusted hash: refused, with the new hash to trust", async () => {
		process.env.COWORKER_TRUST_VAULT_MCP = sha256(calendarText("ok"));
		const changed = calendarText("error");
		await vaultSettings(changed);
		const result = await runCli("tools", "--vault", vault.root, "--json");
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({ servers: [] });
		expect(problemsOf(result)).toContain(`it is not the configuration you trusted (it changed); after checking it, pass --trust-vault-mcp ${sha256(changed)} or set COWORKER_TRUST_VAULT_MCP=${sha256(changed)}.`);
		expect(calendarProcesses()).toEqual([]);
	});

	it("a --mcp-config inside the vault counts as the vault's configuration; the same file outside it is the operator's", async () => {
		const text = calendarText();
		await writeFile(join(vault.root, "mcp.json"), text);
		const inside = await runCli("tools", "--vault", vault.root, "--json", "--mcp-config", join(vault.root, "mcp.json"));
		expect(JSON.parse(inside.stdout)).toMatchObject({ servers: [] });
		expect(problemsOf(inside)).toContain(`(inside the vault): the server "calendar" starts a program`);
		expect(problemsOf(inside)).toContain(`COWORKER_TRUST_VAULT_MCP=${sha256(text)}.`);
		await writeFile(join(operator, "mcp.json"), text);
		const outside = await runCli("tools", "--vault", vault.root, "--json", "--mcp-config", join(operator, "mcp.json"));
		expect(JSON.parse(outside.stdout)).toMatchObject({ servers: [{ name: "calendar", status: "running" }] });
		expect(calendarProcesses()).toEqual([]);
	});

	it("an HTTP server from the vault gets ${NAME} only for names the operator allows; any other is refused naming the server and field", async () => {
		const tracker = await startHttpMcpServer();
		try {
			process.env.TRACKER_TOKEN = "tracker-secret";
			await vaultSettings(JSON.stringify({ mcpServers: { tracker: { url: tracker.url, headers: { Authorization: "Bearer ${OPENAI_API_KEY}", "X-Token": "${TRACKER_TOKEN}" } } } }));
			const refused = await runCli("tools", "--vault", vault.root, "--json", "--allow-env", "TRACKER_TOKEN");
			expect(JSON.parse(refused.stdout)).toMatchObject({ servers: [] });
			expect(problemsOf(refused)).toContain(
				'the mcpServers setting in data.json: server "tracker": headers.Authorization uses ${OPENAI_API_KEY}, which the command line fills in the vault\'s configuration only for names the operator allows (--allow-env OPENAI_API_KEY or COWORKER_ALLOW_ENV=OPENAI_API_KEY).',
			);
			expect(problemsOf(refused)).not.toContain("X-Token");
			expect(tracker.authorizations).toEqual([]);

			await vaultSettings(JSON.stringify({ mcpServers: { tracker: { url: tracker.url, headers: { Authorization: "Bearer ${TRACKER_TOKEN}" } } } }));
			process.env.COWORKER_ALLOW_ENV = "TRACKER_TOKEN";
			const allowed = await runCli("tools", "--vault", vault.root, "--json");
			expect(JSON.parse(allowed.stdout)).toMatchObject({ servers: [{ name: "tracker", status: "running" }] });
			expect(tracker.authorizations.length).toBeGreaterThan(0);
			expect(tracker.authorizations.every((header) => header === "Bearer tracker-secret")).toBe(true);
		} finally {
			delete process.env.TRACKER_TOKEN;
			await tracker.close();
		}
	});

	it("a malformed trust hash or variable name is a usage error", async () => {
		await vaultSettings(calendarText());
		expect((await runCli("tools", "--vault", vault.root, "--trust-vault-mcp", "abc")).code).toBe(2);
		expect((await runCli("tools", "--vault", vault.root, "--allow-env", "A B")).code).toBe(2);
	});
});

