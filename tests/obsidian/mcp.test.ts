// @vitest-environment happy-dom
/** MCP tools in the app: the meeting brief through "Delegate a task…", "ask" approvals, settings, the tools view, mobile, idle and unload. */
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Platform } from "obsidian";
import CoworkerPlugin from "../../src/obsidian/main";
import { DelegateModal } from "../../src/obsidian/commands/delegate-modal";
import { ToolApprovalModal } from "../../src/obsidian/tools/tool-approval-modal";
import { ToolsView, TOOLS_VIEW_TYPE } from "../../src/obsidian/tools/tools-view";
import { ResourcePickerModal } from "../../src/obsidian/commands/resource-picker-modal";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { calendarProcesses } from "../helpers/server-processes";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { startHttpMcpServer, type HttpMcpServer } from "../helpers/http-mcp-server";
import { PLUGIN_DIR, writeModelSettings } from "../helpers/plugin-settings";
import {
	chooseSuggestion,
	clearNotices,
	clearRequestUrlLog,
	createFakeApp,
	findSetting,
	isModalOpen,
	listCommands,
	noticeMessages,
	openNote,
	openSettingTab,
	requestUrlCalls,
	runCommand,
	setSuggestQuery,
	viewOfType,
	type FakeObsidianApp,
} from "../helpers/fake-obsidian-app";
import { startCoworker, stopCoworker } from "../helpers/start-coworker";
import { nextCall } from "../helpers/next-call";

const CALENDAR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "mcp", "calendar-server.mjs");
const MEETING = "Meetings/2026-11-24 Acme renewal call.md";

let vault: TempVault;
let model: FakeModelServer;
let plugin: CoworkerPlugin | undefined;
let http: HttpMcpServer | undefined;

/** The calendar server over stdio; its mode comes from secret storage through `${calendar-mode}`. */
function calendarConfig(extra: Record<string, unknown> = {}): string {
	return JSON.stringify({ mcpServers: { calendar: { command: process.execPath, args: [CALENDAR], env: { MODE: "${calendar-mode}" } }, ...extra } });
}

beforeEach(async () => {
	vault = await createTempVault({
		[MEETING]: "# Acme renewal call\n\nPricing is the open question; Sofia decides.",
		"Workflows/Book prep.md": "---\ncoworker: workflow\nformat: memo\ntools: [calendar/list_events]\n---\nBook the prep meeting.\n",
	});
	model = await startFakeModelServer({ models: ["test-model"] });
	clearRequestUrlLog();
});

afterEach(async () => {
	if (plugin) await stopCoworker(plugin);
	plugin = undefined;
	clearNotices();
	vi.restoreAllMocks();
	// stopCoworker waited for the servers to exit.
	expect(calendarProcesses()).toEqual([]);
	await http?.close();
	http = undefined;
	await model.close();
	await vault.cleanup();
});

async function start(settings: Record<string, unknown>, mode = "ok"): Promise<FakeObsidianApp> {
	await writeModelSettings(vault.root, model, settings);
	const fake = createFakeApp(vault.root);
	fake.app.secretStorage.setSecret("calendar-mode", mode);
	await startCoworker(fake, (loaded) => (plugin = loaded));
	return fake;
}

async function savedSettings(): Promise<Record<string, unknown>> {
	return JSON.parse(await readFile(join(vault.root, PLUGIN_DIR, "data.json"), "utf8")) as Record<string, unknown>;
}

function click(container: HTMLElement, text: string): void {
	const button = Array.from(container.querySelectorAll("button")).find((candidate) => candidate.textContent === text);
	if (!button) throw new Error(`No button "${text}"`);
	button.click();
}

/** Runs "Delegate a task…" from the meeting note with `goal` and waits for the deliverable; returns its text. */
async function delegate(fake: FakeObsidianApp, goal: string): Promise<string> {
	await openNote(fake.app, MEETING);
	const open = vi.spyOn(DelegateModal.prototype, "open");
	expect(runCommand(fake.app, "ai-coworker:delegate-task")).toBe(true);
	const form = open.mock.contexts.at(-1) as DelegateModal;
	findSetting(form.contentEl, "Goal").change(goal);
	// The run the form starts, to its end: the deliverable written and opened.
	const ran = nextCall((plugin as CoworkerPlugin).taskRunner, "run");
	click(form.contentEl, "Delegate");
	await ran;
	expect(fake.workspace.openedFiles.at(-1)?.path ?? "").toMatch(/^Coworker\/Deliverables\//);
	return readFile(join(vault.root, fake.workspace.openedFiles.at(-1)?.path ?? ""), "utf8");
}

/** Waits for the approval modal of the running task, checks what it shows, and answers it. */
async function answerApproval(answer: "Approve once" | "Always allow" | "Deny"): Promise<ToolApprovalModal> {
	const open = vi.spyOn(ToolApprovalModal.prototype, "open");
	await nextCall(ToolApprovalModal.prototype, "open");
	const modal = open.mock.contexts.at(-1) as ToolApprovalModal;
	expect(modal.contentEl.textContent).toContain('create_event on the MCP server "calendar"');
	expect(modal.contentEl.querySelector("pre")?.textContent).toBe('{\n  "title": "Renewal prep"\n}');
	click(modal.contentEl, answer);
	expect(isModalOpen(modal)).toBe(false);
	return modal;
}

describe("MCP tools in the app", () => {
	it("writes the meeting brief from the stdio calendar server through Delegate a task, quoting it and listing the call", async () => {
		const fake = await start({ mcpServers: calendarConfig(), mcpIdleMinutes: 0 });
		model.enqueue(
			{ kind: "tool-calls", calls: [{ name: "calendar__list_events", arguments: { date: "2026-11-24" } }] },
			{ kind: "reply", text: "# Meeting brief\n\n- 09:00 Acme renewal call with Sofia: pricing is open ([[2026-11-24 Acme renewal call]])." },
		);
		const note = await delegate(fake, "Meeting brief for today");

		expect(note).toContain("09:00 Acme renewal call with Sofia");
		expect(note).toContain("tools_used:\n  - calendar/list_events");
		expect(note).toMatch(/## Tool calls\n\n- calendar\/list_events `\{"date":"2026-11-24"\}` — ok/);
		// The model saw the calendar's answer, and was offered the tools under safe names.
		expect(JSON.stringify(model.chatRequests()[1])).toContain("Events on 2026-11-24");
		expect(JSON.stringify(model.chatRequests()[0])).toContain("calendar__create_event");
		// The secret filled ${calendar-mode} but never reached data.json.
		expect(await readFile(join(vault.root, PLUGIN_DIR, "data.json"), "utf8")).toContain("${calendar-mode}");
		// With no idle time the server stops when the run ends, and the run waits for it to exit.
		expect(calendarProcesses()).toEqual([]);
	});

	it("asks before a write tool in a run started by hand: approve once runs it, deny refuses it, and the model goes on", async () => {
		const fake = await start({ mcpServers: calendarConfig() });
		model.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__create_event", arguments: { title: "Renewal prep" } }] }, { kind: "reply", text: "# Brief\n\nBooked." });
		const approved = delegate(fake, "Book the prep meeting");
		await answerApproval("Approve once");
		expect(await approved).toMatch(/- calendar\/create_event `\{"title":"Renewal prep"\}` — ok/);
		expect(JSON.stringify(model.chatRequests().at(-1))).toContain("Created Renewal prep");

		vi.restoreAllMocks();
		model.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__create_event", arguments: { title: "Renewal prep" } }] }, { kind: "reply", text: "# Brief\n\nNot booked." });
		const denied = delegate(fake, "Book the prep meeting again");
		await answerApproval("Deny");
		expect(await denied).toMatch(/- calendar\/create_event `\{"title":"Renewal prep"\}` — denied/);
		expect(JSON.stringify(model.chatRequests().at(-1))).toContain("is not allowed in this run");
	});

	it("Always allow runs the tool and saves allow as its permission, so the next run does not ask", async () => {
		const fake = await start({ mcpServers: calendarConfig() });
		model.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__create_event", arguments: { title: "Renewal prep" } }] }, { kind: "reply", text: "# Brief\n\nBooked." });
		const first = delegate(fake, "Book the prep meeting");
		const saved = nextCall(plugin as CoworkerPlugin, "saveData");
		await answerApproval("Always allow");
		expect(await first).toMatch(/create_event .* — ok/);
		await saved;
		expect((await savedSettings()).toolPermissions).toEqual({ "calendar/create_event": "allow" });

		vi.restoreAllMocks();
		const ask = vi.spyOn(ToolApprovalModal.prototype, "open");
		model.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__create_event", arguments: { title: "Renewal prep" } }] }, { kind: "reply", text: "# Brief\n\nBooked again." });
		expect(await delegate(fake, "Book the prep meeting again")).toMatch(/create_event .* — ok/);
		expect(ask).not.toHaveBeenCalled();
	});

	it("never asks in a workflow run: a write tool is denied unless the workflow's tools: grants it", async () => {
		const fake = await start({ mcpServers: calendarConfig(), mcpIdleMinutes: 0 });
		const ask = vi.spyOn(ToolApprovalModal.prototype, "open");
		const loaded = plugin as CoworkerPlugin;
		const runBook = async (): Promise<string> => {
			model.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__create_event", arguments: { title: "Renewal prep" } }] }, { kind: "reply", text: "# Prep\n\nDone." });
			const workflow = (await loaded.workflows.listWorkflows()).find((read) => read.path === "Workflows/Book prep.md")?.workflow;
			if (!workflow) throw new Error("the workflow did not parse");
			const report = await loaded.workflows.runNow(workflow);
			expect(report.status, report.error ?? report.reason).toBe("ok");
			return readFile(join(vault.root, report.deliverable ?? ""), "utf8");
		};
		expect(await runBook()).toMatch(/create_event .* — denied/);

		const file = fake.app.vault.getFileByPath("Workflows/Book prep.md");
		if (!file) throw new Error("no workflow note");
		await fake.app.vault.modify(file, "---\ncoworker: workflow\nformat: memo\ntools: [calendar/create_event]\n---\nBook the prep meeting.\n");
		expect(await runBook()).toMatch(/create_event .* — ok/);
		expect(ask).not.toHaveBeenCalled();
	});

	it("keeps a server for the idle time after a run, reuses it, stops it once idle, and stops it on unload", async () => {
		const fake = await start({ mcpServers: calendarConfig() });
		model.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__list_events", arguments: {} }] }, { kind: "reply", text: "# Brief\n\nTwo meetings." });
		await delegate(fake, "Meeting brief for today");
		expect(calendarProcesses()).toHaveLength(1);
		const tools = (plugin as CoworkerPlugin).tools;
		expect(tools.statuses()[0]?.state).toBe("running");
		// Four minutes on, the server is still kept; past the five-minute idle time the next check stops it.
		const ranAt = Date.now();
		vi.spyOn(Date, "now").mockReturnValue(ranAt + 4 * 60_000);
		await tools.closeIdle();
		expect(calendarProcesses()).toHaveLength(1);
		model.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__list_events", arguments: {} }] }, { kind: "reply", text: "# Brief\n\nStill two." });
		vi.mocked(Date.now).mockRestore();
		await delegate(fake, "Meeting brief again");
		expect(calendarProcesses()).toHaveLength(1);
		vi.spyOn(Date, "now").mockReturnValue(Date.now() + 6 * 60_000);
		// closeIdle waits for the server to exit.
		await tools.closeIdle();
		expect(calendarProcesses()).toEqual([]);
		expect(tools.statuses()[0]?.state).toBe("stopped");
		vi.mocked(Date.now).mockRestore();

		model.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__list_events", arguments: {} }] }, { kind: "reply", text: "# Brief\n\nOnce more." });
		await delegate(fake, "Meeting brief once more");
		expect(calendarProcesses()).toHaveLength(1);
		const loaded = plugin as CoworkerPlugin;
		plugin = undefined;
		// Unloading stops the servers and waits for them to exit.
		await stopCoworker(loaded);
		expect(calendarProcesses()).toEqual([]);
	});

	it("stops an idle server as soon as it is removed from the settings", async () => {
		const fake = await start({ mcpServers: calendarConfig() });
		model.enqueue({ kind: "tool-calls", calls: [{ name: "calendar__list_events", arguments: {} }] }, { kind: "reply", text: "# Brief\n\nTwo meetings." });
		await delegate(fake, "Meeting brief for today");
		expect(calendarProcesses()).toHaveLength(1);
		const applied = nextCall((plugin as CoworkerPlugin).tools, "settingsChanged");
		findSetting(openSettingTab(plugin as CoworkerPlugin).containerEl, "MCP servers").change("");
		await applied;
		expect(calendarProcesses()).toEqual([]);
	});

	it("checks the JSON field as it is typed, one sentence per problem, and saves it either way", async () => {
		await start({});
		const tab = openSettingTab(plugin as CoworkerPlugin);
		const field = findSetting(tab.containerEl, "MCP servers");
		field.change('{ "mcpServers": { "calendar": { "command": "node", "args": "x" }, "tracker": { "url": "ftp://x" } } }');
		const verdict = tab.containerEl.querySelector(".coworker-mcp-verdict")?.textContent ?? "";
		expect(verdict).toContain('server "calendar": args must be a list of text.');
		expect(verdict).toContain('server "tracker": url must start with http:// or https://');
		field.change("{ not json");
		expect(tab.containerEl.querySelector(".coworker-mcp-verdict")?.textContent).toMatch(/^The MCP servers setting is not valid JSON/);
		const savedField = nextCall(plugin as CoworkerPlugin, "saveData");
		field.change(calendarConfig());
		expect(tab.containerEl.querySelector(".coworker-mcp-verdict")?.textContent).toBe("1 server: calendar (program).");
		await savedField;
		expect((await savedSettings()).mcpServers).toBe(calendarConfig());
		const test = findSetting(tab.containerEl, "Test MCP servers");
		const tested = nextCall((plugin as CoworkerPlugin).tools, "test");
		click(test.setting.settingEl, "Test");
		await tested;
		// The button's handler writes the lines on the turn after the test settles.
		await new Promise((resolve) => setImmediate(resolve));
		expect(test.setting.descEl.textContent).toBe("calendar: 2 tools (list_events, create_event)");

		// Number fields take only what data.json accepts: out of range is ignored, in range is saved.
		const seconds = findSetting(tab.containerEl, "Seconds per tool call");
		expect(seconds.setting.descEl.textContent).toContain("(1 to 600)");
		seconds.change("601");
		const saved = nextCall(plugin as CoworkerPlugin, "saveData");
		seconds.change("45");
		await saved;
		expect((await savedSettings()).mcpCallTimeoutSeconds).toBe(45);
		seconds.change("0");
		expect((plugin as CoworkerPlugin).settings.mcpCallTimeoutSeconds).toBe(45);
	});

	it("Test MCP servers lists each server's tools or its error; Show tools edits a tool's permission", async () => {
		const fake = await start({ mcpServers: calendarConfig({ broken: { command: "/nonexistent/mcp-server" } }) });
		const command = listCommands(fake.app).find((candidate) => candidate.id === "ai-coworker:test-mcp-servers");
		if (!command) throw new Error("Test MCP servers is not registered");
		// The whole command: the test of every server, its notice, and the tools view opened.
		const ran = nextCall(command as { callback: () => unknown }, "callback");
		expect(runCommand(fake.app, "ai-coworker:test-mcp-servers")).toBe(true);
		await ran;
		expect(noticeMessages().some((m) => m.includes("calendar: 2 tools (list_events, create_event)"))).toBe(true);
		expect(noticeMessages().find((m) => m.includes("calendar: 2 tools"))).toContain('broken: The MCP server "broken" could not be used (the program "/nonexistent/mcp-server" was not found; give its full path, or set PATH in the server\'s env).');

		expect(viewOfType<ToolsView>(fake.app, TOOLS_VIEW_TYPE)).not.toBeNull();
		const view = viewOfType<ToolsView>(fake.app, TOOLS_VIEW_TYPE) as ToolsView;
		view.render();
		expect(view.contentEl.textContent).toContain("calendar (program)Running");
		expect(view.contentEl.textContent).toContain("Failing");
		const createEvent = findSetting(view.contentEl, "create_event");
		const saved = nextCall(plugin as CoworkerPlugin, "saveData");
		createEvent.change("allow");
		await saved;
		expect((await savedSettings()).toolPermissions).toEqual({ "calendar/create_event": "allow" });
	});

	it("lets a delegated task pick its servers and an MCP resource (typed or browsed) from the form", async () => {
		http = await startHttpMcpServer();
		const fake = await start({ mcpServers: calendarConfig({ tracker: { url: http.url } }), mcpIdleMinutes: 0 });
		await openNote(fake.app, MEETING);
		const open = vi.spyOn(DelegateModal.prototype, "open");
		expect(runCommand(fake.app, "ai-coworker:delegate-task")).toBe(true);
		const form = open.mock.contexts.at(-1) as DelegateModal;
		findSetting(form.contentEl, "Goal").change("Meeting brief for today");
		findSetting(form.contentEl, "MCP resource").change("events://today");
		click(form.contentEl, "Delegate");
		expect(noticeMessages().at(-1)).toBe('The MCP resource "events://today" has the server name "events:", but a server name holds only letters, digits, - and _ (at most 32); write SERVER/URI, such as calendar/events://today.');
		expect(isModalOpen(form)).toBe(true);

		// Browse… starts the servers and lists what they offer; picking fills the field.
		const picker = vi.spyOn(ResourcePickerModal.prototype, "open");
		const pickerOpened = nextCall(ResourcePickerModal.prototype, "open");
		click(findSetting(form.contentEl, "MCP resource").setting.settingEl, "Browse…");
		await pickerOpened;
		const pickerModal = picker.mock.contexts.at(-1) as ResourcePickerModal;
		expect((await setSuggestQuery(pickerModal, "today")).map((resource) => `${resource.server}/${resource.uri}`)).toEqual(["calendar/events://today"]);
		chooseSuggestion(pickerModal, 0);
		const field = findSetting(form.contentEl, "MCP resource").setting.controlEl.querySelector("input");
		expect(field?.value).toBe("calendar/events://today");
		findSetting(form.contentEl, "calendar").change(false);
		model.enqueue({ kind: "reply", text: "# Brief\n\nTwo meetings." });
		const ran = nextCall((plugin as CoworkerPlugin).taskRunner, "run");
		click(form.contentEl, "Delegate");
		await ran;
		expect(fake.workspace.openedFiles.at(-1)?.path ?? "").toMatch(/^Coworker\/Deliverables\//);
		const request = JSON.stringify(model.chatRequests()[0]);
		// The resource was read although the calendar's tools were not picked; only the tracker's tools were offered.
		expect(request).toContain("09:00 Acme renewal call with Sofia");
		expect(request).toContain("tracker__open_issues");
		expect(request).not.toContain("calendar__list_events");
		const note = await readFile(join(vault.root, fake.workspace.openedFiles.at(-1)?.path ?? ""), "utf8");
		expect(note).toContain("- calendar/events://today (MCP resource)");
	});

	it("shows stdio servers as unavailable on mobile without an error, and reaches HTTP servers through requestUrl", async () => {
		http = await startHttpMcpServer();
		// The double plays the desktop app; here it plays a phone, which cannot start programs.
		const platform = Platform as { isDesktopApp: boolean; isMobileApp: boolean };
		platform.isDesktopApp = false;
		platform.isMobileApp = true;
		onTestFinished(() => {
			platform.isDesktopApp = true;
			platform.isMobileApp = false;
		});
		const fake = await start({ mcpServers: calendarConfig({ tracker: { url: http.url, headers: { Authorization: "Bearer ${tracker-token}" } } }) });
		fake.app.secretStorage.setSecret("tracker-token", "tk-123");
		model.enqueue({ kind: "tool-calls", calls: [{ name: "tracker__open_issues", arguments: { project: "Alpha" } }] }, { kind: "reply", text: "# Alpha\n\nTwo open issues." });
		const note = await delegate(fake, "Open issues of Alpha");

		expect(note).toMatch(/- tracker\/open_issues `\{"project":"Alpha"\}` — ok/);
		expect(note).not.toContain("calendar");
		expect(http.authorizations).toContain("Bearer tk-123");
		expect(requestUrlCalls().some((call) => call.url === http?.url && call.method === "POST")).toBe(true);
		expect(noticeMessages().some((m) => m.includes("calendar"))).toBe(false);
		expect((plugin as CoworkerPlugin).tools.statuses().find((s) => s.name === "calendar")?.state).toBe("unavailable");
		expect(calendarProcesses()).toEqual([]);
	});
});
