// @vitest-environment happy-dom
/** Workflows in the plugin, in the Obsidian test double: the scheduler's tick, the commands, the view, and a race with the CLI. */
import { WorkspaceLeaf } from "obsidian";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import CoworkerPlugin from "../../src/obsidian/main";
import { WORKFLOWS_VIEW_TYPE, type WorkflowsView } from "../../src/obsidian/workflows/workflows-view";
import { PRUNE_DELAY_MS, RUN_ON_THIS_DEVICE_KEY } from "../../src/obsidian/workflows/workflow-service";
import { parseWorkflow } from "../../src/core/workflow/parse-workflow";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { runBuiltCli } from "../helpers/run-cli";
import { PLUGIN_DIR, writeModelSettings } from "../helpers/plugin-settings";
import {
	clearLocalStorage,
	clearNotices,
	createFakeApp,
	findSetting,
	noticeMessages,
	openNote,
	openSettingTab,
	runCommand,
	viewOfType,
	type FakeObsidianApp,
} from "../helpers/fake-obsidian-app";
import { startCoworker, stopCoworker } from "../helpers/start-coworker";
import { nextCall } from "../helpers/next-call";

const HOURLY = "FREQ=HOURLY;BYMINUTE=0;BYSECOND=0";

let vault: TempVault;
let server: FakeModelServer;
let plugin: CoworkerPlugin | undefined;

function workflowNote(schedule: string, body = "Write a short status update."): string {
	return `---\ncoworker: workflow\nschedule: "${schedule}"\nformat: report\noutput: "Reports/{{workflow}} {{date}}.md"\nsources:\n  - "[[Project Alpha]]"\n---\n${body}\n`;
}

/** The ledger as if the scheduler had been watching since two hours ago, so this hour's occurrence is due now. */
async function watchedSince(path: string, hoursAgo: number): Promise<void> {
	const since = Date.now() - hoursAgo * 3_600_000;
	await writeFile(join(vault.root, PLUGIN_DIR, "workflow-ledger.json"), JSON.stringify({ version: 1, workflows: { [path]: { since, checkedUntil: since, lastSuccess: null, occurrences: {} } } }));
}

/**
 * Sets the clock (Date only, still moving with real time) to minute 20 of the current UTC hour, which is minute 50,
 * 5 or 20 of the hour in every time zone: a test that ticks again "in the same hour" must not cross into the next
 * one while it runs (one did, at 20:00 in Auckland, in a CI pass of 2026-12-07).
 */
function midHour(): void {
	const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
	vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
	vi.setSystemTime(hour + 20 * 60_000);
}

async function reports(): Promise<string[]> {
	return readdir(join(vault.root, "Reports")).catch(() => []);
}

beforeEach(async () => {
	vault = await createTempVault({
		"Projects/Project Alpha.md": "# Project Alpha\n\n## Risks\n- The design review slipped.",
		"Workflows/Hourly status.md": workflowNote(HOURLY),
	});
	server = await startFakeModelServer({ models: ["test-model"] });
	server.setDefault({ kind: "reply", text: "# Status\n\nAll well, see [[Project Alpha]]." });
	await writeModelSettings(vault.root, server);
});

afterEach(async () => {
	if (plugin) await stopCoworker(plugin);
	plugin = undefined;
	clearNotices();
	clearLocalStorage();
	vi.restoreAllMocks();
	vi.useRealTimers();
	await server.close();
	await vault.cleanup();
});

async function start(): Promise<{ fake: FakeObsidianApp; plugin: CoworkerPlugin }> {
	const fake = createFakeApp(vault.root);
	return { fake, plugin: await startCoworker(fake, (loaded) => (plugin = loaded)) };
}

describe("the scheduler in the app", () => {
	it("runs a due occurrence at start-up, once, and registers its minute tick", async () => {
		midHour();
		await watchedSince("Workflows/Hourly status.md", 2);
		const intervals = vi.spyOn(window, "setInterval");
		const { plugin } = await start();
		// The start-up tick, to its end.
		await plugin.workflows.whenIdle();
		expect(await reports()).toHaveLength(1);
		expect(intervals.mock.calls.some(([, ms]) => ms === 60_000)).toBe(true);
		// Later ticks in the same hour find nothing new.
		expect(await plugin.workflows.tick()).toEqual([]);
		expect(await reports()).toHaveLength(1);
		const note = await readFile(join(vault.root, "Reports", (await reports())[0] ?? ""), "utf8");
		expect(note).toContain('workflow: "[[Hourly status]]"');
		expect(noticeMessages().some((message) => message.startsWith("Hourly status: Deliverable written:"))).toBe(true);
	});

	it("does nothing while schedules are paused or when this device does not run them", async () => {
		midHour();
		await watchedSince("Workflows/Hourly status.md", 2);
		await writeFile(join(vault.root, PLUGIN_DIR, "data.json"), JSON.stringify({ provider: "custom", baseUrl: server.baseUrl, model: "test-model", schedulesPaused: true }));
		const { fake, plugin } = await start();
		expect(await plugin.workflows.tick()).toEqual([]);
		runCommand(fake.app, "ai-coworker:pause-all-schedules");
		expect(plugin.settings.schedulesPaused).toBe(false);
		const tab = openSettingTab(plugin);
		findSetting(tab.containerEl, "Run scheduled workflows on this device").change(false);
		expect(fake.app.loadLocalStorage(RUN_ON_THIS_DEVICE_KEY)).toBe(false);
		expect(await readFile(join(vault.root, PLUGIN_DIR, "data.json"), "utf8")).not.toContain(RUN_ON_THIS_DEVICE_KEY);
		expect(await plugin.workflows.tick()).toEqual([]);
		expect(server.chatRequests()).toHaveLength(0);
		findSetting(tab.containerEl, "Run scheduled workflows on this device").change(true);
		expect((await plugin.workflows.tick()).map((report) => report.status)).toEqual(["ok"]);
	});

	it("keeps a workflow's history when its note is renamed, and forgets it when deleted", async () => {
		await watchedSince("Workflows/Hourly status.md", 2);
		const { fake, plugin } = await start();
		await plugin.workflows.whenIdle();
		expect(await reports()).toHaveLength(1);
		const file = fake.vault.getFileByPath("Workflows/Hourly status.md");
		if (!file) throw new Error("no workflow note");
		// The ledger's own rename and remove, which the vault's events start.
		const ledgerRenamed = nextCall(plugin.workflows.ledger, "rename");
		await fake.app.fileManager.renameFile(file, "Workflows/Renamed status.md");
		await ledgerRenamed;
		expect(Object.keys(await plugin.workflows.history())).toEqual(["Workflows/Renamed status.md"]);
		const renamed = fake.vault.getFileByPath("Workflows/Renamed status.md");
		if (!renamed) throw new Error("rename failed");
		const ledgerRemoved = nextCall(plugin.workflows.ledger, "remove");
		await fake.vault.delete(renamed);
		await ledgerRemoved;
		expect(await plugin.workflows.history()).toEqual({});
	});

	it("races the CLI on the same vault folder without a second deliverable", async () => {
		await watchedSince("Workflows/Hourly status.md", 2);
		await writeModelSettings(vault.root, server, { schedulesPaused: true });
		const { plugin } = await start();
		plugin.settings.schedulesPaused = false;
		const [inApp, fromCli] = await Promise.all([plugin.workflows.tick(), runBuiltCli("run", "--vault", vault.root, "--due", "--json")]);
		const cliRuns = (JSON.parse(fromCli.stdout) as { runs: { status: string }[] }).runs;
		const statuses = [...inApp.map((report) => report.status), ...cliRuns.map((run) => run.status)];
		expect(statuses.filter((status) => status === "ok")).toHaveLength(1);
		expect(await reports()).toHaveLength(1);
	});
});

describe("workflow commands and the view", () => {
	it("Run this workflow now runs the current workflow note and opens the deliverable", async () => {
		const { fake } = await start();
		await openNote(fake.app, "Workflows/Hourly status.md");
		// The command opens the deliverable in a new tab as the run ends: the next file opened, once it is open.
		const opened = nextCall(WorkspaceLeaf.prototype, "openFile");
		expect(runCommand(fake.app, "ai-coworker:run-this-workflow")).toBe(true);
		await opened;
		expect(fake.workspace.openedFiles.at(-1)?.path ?? "").toMatch(/^Reports\/Hourly status /);
		await openNote(fake.app, "Projects/Project Alpha.md");
		expect(runCommand(fake.app, "ai-coworker:run-this-workflow")).toBe(false);
	});

	it("New workflow note writes the commented template, which is a valid workflow", async () => {
		const { fake } = await start();
		const created = nextCall(fake.vault, "create");
		runCommand(fake.app, "ai-coworker:new-workflow-note");
		expect((await created).path).toBe("Workflows/New workflow.md");
		const text = await readFile(join(vault.root, "Workflows/New workflow.md"), "utf8");
		expect(text).toContain("# When to run");
		const read = parseWorkflow("Workflows/New workflow.md", text, { resolve: () => null, folderExists: () => true }, { outputFolder: "Coworker", localZone: "UTC" });
		expect(read.problems).toEqual([]);
		const createdAgain = nextCall(fake.vault, "create");
		runCommand(fake.app, "ai-coworker:new-workflow-note");
		expect((await createdAgain).path).toBe("Workflows/New workflow 2.md");
	});

	it("Show workflows lists each workflow with its schedule in words, next run, last run and problems", async () => {
		await vault.write("Workflows/Broken.md", workflowNote("FREQ=SOMETIMES"));
		const { fake } = await start();
		await fake.vault.syncFromDisk();
		runCommand(fake.app, "ai-coworker:show-workflows");
		// The opening under way, whose onOpen draws the view once from the notes and the ledger, has finished.
		await fake.workspace.settleViews();
		const view = viewOfType<WorkflowsView>(fake.app, WORKFLOWS_VIEW_TYPE);
		if (!view) throw new Error("no view");
		expect(view.contentEl.textContent).toContain("every hour");
		const text = view.contentEl.textContent ?? "";
		expect(text).toContain("Workflows/Hourly status");
		expect(text).toMatch(/Next runs: \d{4}-\d{2}-\d{2} \d{2}:00, \d{4}-\d{2}-\d{2} \d{2}:00, \d{4}-\d{2}-\d{2} \d{2}:00/);
		expect(text).toContain("Not run yet.");
		expect(text).toMatch(/Workflows\/Broken\.md: schedule is not a valid RRULE/);
	});

	it("Show workflows says in one sentence which occurrence was given up, beside the last run and its next try", async () => {
		const sentence = "The run for Mon 2026-11-30 09:00 was given up after 6 attempts, as the next occurrence came: The model server failed.";
		const now = Date.now();
		const ledger = {
			since: now - 30 * 86_400_000,
			checkedUntil: now,
			lastSuccess: null,
			occurrences: {
				"2026-11-30T09:00:00+01:00": { status: "failed", attempts: 6, deliverable: null, error: sentence, at: now - 60_000, nextTryAt: null, givenUp: true },
				"2026-12-07T09:00:00+01:00": { status: "failed", attempts: 2, deliverable: null, error: "The model server failed.", at: now, nextTryAt: Date.parse("2026-12-07T08:15:00Z") },
			},
		};
		await writeFile(join(vault.root, PLUGIN_DIR, "workflow-ledger.json"), JSON.stringify({ version: 1, workflows: { "Workflows/Hourly status.md": ledger } }));
		// Paused, so the start-up tick leaves the ledger as written whatever the real clock says.
		await writeModelSettings(vault.root, server, { schedulesPaused: true });
		const { fake } = await start();
		runCommand(fake.app, "ai-coworker:show-workflows");
		// The opening under way, whose onOpen draws the view once from the notes and the ledger, has finished.
		await fake.workspace.settleViews();
		const view = viewOfType<WorkflowsView>(fake.app, WORKFLOWS_VIEW_TYPE);
		if (!view) throw new Error("no view");
		expect(view.contentEl.textContent).toContain(sentence);
		expect(view.contentEl.querySelector(".coworker-workflow-given-up")?.textContent).toBe(sentence);
		// The last run failed and waits for its next try, which the view names in the user's zone (UTC here).
		expect(view.contentEl.textContent).toContain("Last run: failed (2026-12-07T09:00:00+01:00)");
		// Shown in the host's zone, whatever the suite runs under.
		const nextTry = new Date(Date.parse("2026-12-07T08:15:00Z"));
		const pad = (n: number): string => String(n).padStart(2, "0");
		expect(view.contentEl.textContent).toContain(`Next try: ${nextTry.getFullYear()}-${pad(nextTry.getMonth() + 1)}-${pad(nextTry.getDate())} ${pad(nextTry.getHours())}:${pad(nextTry.getMinutes())}`);
	});

	it("prunes old run records and settled claims in the background after start, not during it", async () => {
		await vault.write(`${PLUGIN_DIR}/runs/20200101T090000000Z-ab12.json`, "{}");
		const recent = `${new Date().toISOString().replace(/[-:]/g, "").replace(".", "")}-cd34.json`;
		await vault.write(`${PLUGIN_DIR}/runs/${recent}`, "{}");
		await vault.write(`${PLUGIN_DIR}/claims/0011223344556677.json`, JSON.stringify({ runner: "plugin", token: "t", at: Date.parse("2020-01-01T00:00:00Z") }));
		const timeouts = vi.spyOn(window, "setTimeout");
		const { plugin } = await start();
		expect(timeouts.mock.calls.some(([, ms]) => ms === PRUNE_DELAY_MS)).toBe(true);
		expect((await readdir(join(vault.root, PLUGIN_DIR, "runs"))).sort()).toContain("20200101T090000000Z-ab12.json");
		const tab = openSettingTab(plugin);
		findSetting(tab.containerEl, "Keep run records for").change("30");
		expect(plugin.settings.keepRunRecordsDays).toBe(30);
		findSetting(tab.containerEl, "Keep run records for").change("0");
		expect(plugin.settings.keepRunRecordsDays).toBe(30);
		expect(await plugin.workflows.prunePrivateData()).toMatchObject({ runRecords: 1, claims: 1 });
		expect(await readdir(join(vault.root, PLUGIN_DIR, "runs"))).toEqual([recent]);
		expect(await readdir(join(vault.root, PLUGIN_DIR, "claims"))).toEqual([]);
	});

	it("Show workflows shows a schedule written in words as the RRULE it was read as, and a phrase it cannot read as a problem", async () => {
		await vault.write("Workflows/Words.md", workflowNote("every weekday at 9am"));
		await vault.write("Workflows/Typo.md", workflowNote("every weekdy at 9am"));
		const { fake } = await start();
		await fake.vault.syncFromDisk();
		runCommand(fake.app, "ai-coworker:show-workflows");
		// The opening under way, whose onOpen draws the view once from the notes and the ledger, has finished.
		await fake.workspace.settleViews();
		const view = viewOfType<WorkflowsView>(fake.app, WORKFLOWS_VIEW_TYPE);
		if (!view) throw new Error("no view");
		expect(view.contentEl.textContent).toContain("Read as: FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0");
		const text = view.contentEl.textContent ?? "";
		expect(text).toMatch(/Read as: FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0Next runs: (\d{4}-\d{2}-\d{2} 09:00(, )?){3}/);
		expect(text).toContain('Workflows/Typo.md: schedule "every weekdy at 9am" cannot be read');
	});
});
