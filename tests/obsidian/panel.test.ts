// @vitest-environment happy-dom
/** The coworker panel in the test double, against the fake model server: a run through its stages, a draft approved, a failing workflow, a cost. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Platform } from "obsidian";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type CoworkerPlugin from "../../src/obsidian/main";
import { COWORKER_PANEL_VIEW_TYPE, type CoworkerPanelView } from "../../src/obsidian/panel/coworker-panel-view";
import type { TaskRequest } from "../../src/core/run/run-task";
import { describeStage, type RunStage } from "../../src/core/run/run-stage";
import { copyExampleVault, type TempVault } from "../helpers/temp-vault";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { PLUGIN_DIR, writeModelSettings } from "../helpers/plugin-settings";
import { clearNotices, clearRequestUrlLog, createFakeApp, requestUrlCalls, findSetting, leafArea, listCommands, openSettingTab, openView, runCommand, viewOfType, type FakeObsidianApp } from "../helpers/fake-obsidian-app";
import { startCoworker, stopCoworker } from "../helpers/start-coworker";
import { nextCall } from "../helpers/next-call";

let vault: TempVault;
let server: FakeModelServer;
let plugin: CoworkerPlugin | undefined;

const PRICES = { "test-model": { input: 2, output: 8 } };
const USAGE = { prompt_tokens: 1000, completion_tokens: 500 };

beforeEach(async () => {
	vault = await copyExampleVault();
	server = await startFakeModelServer({ models: ["test-model"] });
	await writeModelSettings(vault.root, server, { modelPrices: PRICES });
});

afterEach(async () => {
	if (plugin) await stopCoworker(plugin);
	plugin = undefined;
	clearNotices();
	vi.restoreAllMocks();
	await server.close();
	await vault.cleanup();
});

async function start(): Promise<{ fake: FakeObsidianApp; coworker: CoworkerPlugin }> {
	const fake = createFakeApp(vault.root);
	const coworker = await startCoworker(fake, (loaded) => (plugin = loaded));
	return { fake, coworker };
}

async function openPanel(fake: FakeObsidianApp): Promise<CoworkerPanelView> {
	expect(runCommand(fake.app, "ai-coworker:open-coworker-panel")).toBe(true);
	// The opening under way (onOpen, which draws every section once) has finished.
	await fake.workspace.settleViews();
	expect(openView(fake.app, COWORKER_PANEL_VIEW_TYPE)).not.toBeNull();
	const view = viewOfType<CoworkerPanelView>(fake.app, COWORKER_PANEL_VIEW_TYPE);
	if (!view) throw new Error("the command opened no panel");
	return view;
}

/** Waits redraw by redraw (the panel's own signal, never a clock) until the panel shows what `shows` looks for. */
async function redrawnUntil(view: CoworkerPanelView, shows: () => boolean): Promise<void> {
	while (!shows()) await view.nextRedraw();
}

function textOf(view: CoworkerPanelView, selector: string): string {
	return Array.from(view.contentEl.querySelectorAll(selector))
		.map((el) => el.textContent ?? "")
		.join("\n");
}

function buttonIn(el: Element, text: string): HTMLButtonElement {
	const found = Array.from(el.querySelectorAll("button")).find((candidate) => candidate.textContent === text);
	if (!found) throw new Error(`No button "${text}"`);
	return found;
}

const TASK: TaskRequest = { goal: "Status of the Acme renewal", format: "report", sources: [{ kind: "note", path: "Projects/Acme renewal.md" }], useMemory: false, agentMode: false, trigger: "command" };

describe("Coworker panel", () => {
	it("opens in the right sidebar from its command, with no hotkey", async () => {
		const { fake } = await start();
		const command = listCommands(fake.app).find((candidate) => candidate.id === "ai-coworker:open-coworker-panel");
		expect(command?.name).toBe("AI Coworker: Open coworker panel");
		expect(command?.hotkeys ?? []).toEqual([]);
		const view = await openPanel(fake);
		expect(leafArea(view.leaf)).toBe("right");
		expect(view.contentEl.textContent).toContain("No runs yet.");
		expect(view.contentEl.textContent).toContain("Nothing is running.");
	});

	it("shows a run through its stages while the model works, with Cancel, then the run with its tokens and cost from the price table", async () => {
		const { fake, coworker } = await start();
		const view = await openPanel(fake);
		let release: () => void = () => undefined;
		const gate = new Promise<void>((resolve) => (release = resolve));
		server.enqueue({ kind: "tool-calls", calls: [{ name: "read_note", arguments: { path: "Projects/Acme renewal.md" } }], usage: USAGE }, { kind: "reply", text: "# Acme\n\nOn track.", usage: USAGE, gate });
		const stages: string[] = [];
		coworker.taskRunner.activity.onChange(() => {
			const running = coworker.taskRunner.activity.running;
			if (running && stages.at(-1) !== describeStage(running.stage)) stages.push(describeStage(running.stage));
		});
		const run = coworker.taskRunner.run({ ...TASK, agentMode: true }, false);

		await redrawnUntil(view, () => textOf(view, ".coworker-panel-stage") === "Waiting for the model (request 2)");
		expect(textOf(view, ".coworker-panel-task")).toBe("Status of the Acme renewal");
		expect(textOf(view, ".coworker-panel-facts")).toMatch(/^Elapsed: \d+ (ms|s) · 1,500 tokens so far$/);
		const cancel = buttonIn(view.contentEl.querySelector(".coworker-panel-now") as Element, "Cancel");
		expect(cancel.disabled).toBe(false);
		release();
		const result = await run;
		expect(result?.status).toBe("ok");
		// The desktop app streams the answer: it is seen being written before the deliverable is.
		expect(stages).toEqual(["Gathering sources", "Waiting for the model", "Tool call 1: read_note", "Waiting for the model (request 2)", "The model is writing (request 2)", "Writing the deliverable"]);

		await redrawnUntil(view, () => textOf(view, ".coworker-panel-run .coworker-panel-detail") !== "");
		expect(textOf(view, ".coworker-panel-run .coworker-panel-detail")).toMatch(/^Done · \d+ (ms|s) · 3,000 tokens · ≈ \$0\.012$/);
		expect(textOf(view, ".coworker-panel-now")).toContain("Nothing is running.");
		// 2 × (1000 × $2 + 500 × $8) per million = $0.012.
		expect(textOf(view, ".coworker-panel-run .coworker-panel-link")).toBe(result?.deliverable?.replace(/^.*\//, "").replace(/\.md$/, ""));
	});

	/** Resolves at the first redraw after which `check` holds (the panel draws in its own listener, registered before this one). */
	function untilPanel(coworker: CoworkerPlugin, check: () => boolean): Promise<void> {
		return new Promise((resolve) => {
			if (check()) return resolve();
			const stop = coworker.taskRunner.activity.onChange(() => {
				if (!check()) return;
				stop();
				resolve();
			});
		});
	}

	function answerLines(view: CoworkerPanelView): string[] {
		return Array.from(view.contentEl.querySelectorAll(".coworker-panel-answer-line")).map((line) => line.textContent ?? "");
	}

	/** Streamed in three pieces of ten characters: the first is "# Renewal\n". */
	const STREAMED = "# Renewal\nAt risk.\n\nSign by 1.";

	it("shows the answer as it is written on desktop, streamed over Node's http, never its reasoning, with Cancel kept in place", async () => {
		const { fake, coworker } = await start();
		const view = await openPanel(fake);
		clearRequestUrlLog();
		let release: () => void = () => undefined;
		const rest = new Promise<void>((resolve) => (release = resolve));
		server.enqueue({ kind: "reply", text: STREAMED, reasoning: "SECRET plan for the renewal", reasoningShape: "vllm", usage: USAGE, pauseMidAnswer: rest });
		let ended = false;
		const run = coworker.taskRunner.run(TASK, false);
		void run.finally(() => (ended = true));
		await untilPanel(coworker, () => textOf(view, ".coworker-panel-stage") === "Waiting for the model");
		const cancel = buttonIn(view.contentEl.querySelector(".coworker-panel-now") as Element, "Cancel");

		// The server holds the rest of the answer: only a streamed first piece can be on the panel now.
		await untilPanel(coworker, () => answerLines(view).length > 0);
		expect(ended).toBe(false);
		expect(answerLines(view)).toEqual(["# Renewal"]);
		expect(textOf(view, ".coworker-panel-stage")).toBe("The model is writing");
		expect(view.contentEl.textContent).not.toContain("SECRET");
		expect(view.contentEl.contains(cancel)).toBe(true);
		expect(server.chatRequests()[0]).toMatchObject({ stream: true });
		expect(requestUrlCalls().filter((call) => call.url.endsWith("/chat/completions"))).toEqual([]);

		release();
		const result = await run;
		expect(result?.status).toBe("ok");
		expect(await readFile(join(vault.root, result?.deliverable ?? ""), "utf8")).toContain("At risk.\n\nSign by 1.");
		await untilPanel(coworker, () => textOf(view, ".coworker-panel-now").includes("Nothing is running."));
		expect(answerLines(view)).toEqual([]);
	});

	it("off the desktop app reaches the model through requestUrl, not streamed, and shows only the stages", async () => {
		const platform = Platform as { isDesktopApp: boolean };
		platform.isDesktopApp = false;
		try {
			const { fake, coworker } = await start();
			const view = await openPanel(fake);
			let release: () => void = () => undefined;
			const rest = new Promise<void>((resolve) => (release = resolve));
			server.enqueue({ kind: "reply", text: STREAMED, usage: USAGE, pauseMidAnswer: rest });
			const seen: RunStage["kind"][] = [];
			const lines: string[][] = [];
			coworker.taskRunner.activity.onChange(() => {
				const running = coworker.taskRunner.activity.running;
				if (running && seen.at(-1) !== running.stage.kind) seen.push(running.stage.kind);
				lines.push(answerLines(view));
			});
			const run = coworker.taskRunner.run(TASK, false);
			await untilPanel(coworker, () => textOf(view, ".coworker-panel-stage") === "Waiting for the model");
			// The server holds the answer until released: the request itself arrives as the run waits.
			await server.received(1, "chat");
			expect(server.chatRequests()[0]).toMatchObject({ stream: false });
			expect(requestUrlCalls().some((call) => call.url === `${server.baseUrl}/chat/completions`)).toBe(true);
			release();
			expect((await run)?.status).toBe("ok");
			expect(seen).toEqual(["gathering", "waiting-for-model", "writing"]);
			expect(lines.flat()).toEqual([]);
		} finally {
			platform.isDesktopApp = true;
		}
	});

	it("cancels the running task from its Cancel button", async () => {
		const { fake, coworker } = await start();
		const view = await openPanel(fake);
		server.enqueue({ kind: "hang" });
		const run = coworker.taskRunner.run(TASK, false);
		await redrawnUntil(view, () => textOf(view, ".coworker-panel-stage") === "Waiting for the model");
		buttonIn(view.contentEl.querySelector(".coworker-panel-now") as Element, "Cancel").click();
		expect((await run)?.status).toBe("cancelled");
		await redrawnUntil(view, () => textOf(view, ".coworker-panel-run .coworker-panel-detail") !== "");
		expect(textOf(view, ".coworker-panel-run .coworker-panel-detail")).toMatch(/^Cancelled/);
		expect(textOf(view, ".coworker-panel-run .coworker-panel-reason")).toBe("The task was cancelled.");
	});

	it("lists a draft with its workflow and sources, and approves it from its button", async () => {
		const { fake, coworker } = await start();
		server.enqueue({ kind: "reply", text: "# Acme\n\nOn track.", usage: USAGE });
		const result = await coworker.taskRunner.run(TASK, false);
		const path = result?.deliverable;
		if (!path) throw new Error(result?.error ?? "no deliverable");
		const view = await openPanel(fake);
		expect(view.contentEl.querySelectorAll(".coworker-panel-draft")).toHaveLength(1);
		const draft = view.contentEl.querySelector(".coworker-panel-draft") as Element;
		expect(draft.textContent).toContain("Delegated task · 1 source ·");
		buttonIn(draft, "Approve").click();
		// The approval is written, then the panel told: the draft leaves the panel once the note says approved.
		await redrawnUntil(view, () => view.contentEl.querySelectorAll(".coworker-panel-draft").length === 0);
		expect(await readFile(join(vault.root, path), "utf8")).toMatch(/^status: approved$/m);
		expect(textOf(view, ".coworker-panel-waiting")).toContain("Nothing waits for review.");
	});

	it("edits the price table as JSON: a bad value is named in one sentence and not saved, a good one prices the runs", async () => {
		const { coworker } = await start();
		const tab = openSettingTab(coworker);
		const field = findSetting(tab.containerEl, "Model prices");
		field.change('{ "test-model": { "input": "cheap", "output": 8 } }');
		expect(tab.containerEl.querySelector(".coworker-prices-verdict")?.textContent).toBe('Model prices: "input" of "test-model" must be a number of dollars per million tokens, 0 or more.');
		expect(coworker.settings.modelPrices).toEqual(PRICES);
		const saved = nextCall(coworker, "saveData");
		field.change('{ "test-model": { "input": 1, "output": 4 } }');
		await saved;
		expect(JSON.parse(await readFile(join(vault.root, PLUGIN_DIR, "data.json"), "utf8"))).toMatchObject({ modelPrices: { "test-model": { input: 1, output: 4 } } });
		expect(tab.containerEl.querySelector(".coworker-prices-verdict")?.textContent).toBe("");
	});

	it("shows a failing workflow with its error and next try, and that schedules are paused", async () => {
		const now = Date.now();
		await vault.write(
			"Workflows/Hourly status.md",
			'---\ncoworker: workflow\nschedule: "FREQ=HOURLY"\nformat: report\noutput: "Reports/{{workflow}} {{date}}.md"\nsources:\n  - "[[Project Alpha]]"\n---\nWrite a short status update.\n',
		);
		const ledger = {
			since: now - 86_400_000,
			checkedUntil: now,
			lastSuccess: null,
			occurrences: { "2026-12-07T09:00:00+01:00": { status: "failed", attempts: 2, deliverable: null, error: "The model server failed.", at: now, nextTryAt: Date.parse("2026-12-07T08:15:00Z") } },
		};
		await writeFile(join(vault.root, PLUGIN_DIR, "workflow-ledger.json"), JSON.stringify({ version: 1, workflows: { "Workflows/Hourly status.md": ledger } }));
		// Paused, so the start-up tick leaves the ledger as written whatever the real clock says.
		await writeModelSettings(vault.root, server, { schedulesPaused: true });
		const { fake } = await start();
		const view = await openPanel(fake);
		expect(textOf(view, ".coworker-panel-reason")).toContain("Last run failed: The model server failed.");
		const failing = view.contentEl.querySelector(".coworker-panel-failing") as Element;
		expect(buttonIn(failing, "Hourly status")).toBeTruthy();
		expect(failing.textContent).toContain(`Next try: ${localDateTime(Date.parse("2026-12-07T08:15:00Z"))}.`);
		expect(textOf(view, ".coworker-panel-halted")).toContain("All schedules are paused");
		expect(textOf(view, ".coworker-panel-next")).toContain("Hourly status");
	});
});

function localDateTime(ms: number): string {
	const d = new Date(ms);
	const pad = (n: number): string => String(n).padStart(2, "0");
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
