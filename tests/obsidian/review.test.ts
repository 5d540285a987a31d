// @vitest-environment happy-dom
/** Review and memory in the plugin, in the Obsidian test double: approve, request changes (with a revision), the queue, remember, refine. */
import { WorkspaceLeaf } from "obsidian";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import CoworkerPlugin from "../../src/obsidian/main";
import { FeedbackModal } from "../../src/obsidian/commands/feedback-modal";
import { ReviewQueueModal } from "../../src/obsidian/commands/review-queue";
import { RefineModal } from "../../src/obsidian/commands/refine-workflow";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { writeModelSettings } from "../helpers/plugin-settings";
import { runBuiltCli as runCli } from "../helpers/run-cli";
import {
	clearLocalStorage,
	clearNotices,
	createFakeApp,
	findSetting,
	noticeMessages,
	openNote,
	runCommand,
	setActiveSelection,
	type FakeObsidianApp,
} from "../helpers/fake-obsidian-app";
import { startCoworker, stopCoworker } from "../helpers/start-coworker";
import { nextCall } from "../helpers/next-call";
import { whenNoticeShown } from "../helpers/dom-change";


let vault: TempVault;
let server: FakeModelServer;
let plugin: CoworkerPlugin | undefined;

const WORKFLOW = `---
coworker: workflow
output: "Reports/{{workflow}} {{date}}.md"
sources:
  - "[[Project Alpha]]"
---
Write a short status update.

## Lessons
- Keep it short.
`;

beforeEach(async () => {
	vault = await createTempVault({
		"Projects/Project Alpha.md": "# Project Alpha\n\n## Risks\n- The design review slipped.\n\n## Decisions\nShip on 2026-12-01.",
		"Workflows/Weekly status.md": WORKFLOW,
	});
	server = await startFakeModelServer({ models: ["test-model"] });
	server.setDefault({ kind: "reply", text: "# Status\n\nAll well, see [[Project Alpha]]." });
	await writeModelSettings(vault.root, server, { schedulesPaused: true });
});

afterEach(async () => {
	if (plugin) await stopCoworker(plugin);
	plugin = undefined;
	clearNotices();
	clearLocalStorage();
	vi.restoreAllMocks();
	await server.close();
	await vault.cleanup();
});

async function start(): Promise<FakeObsidianApp> {
	const fake = createFakeApp(vault.root);
	await startCoworker(fake, (loaded) => (plugin = loaded));
	return fake;
}

/** A deliverable written by the built CLI before the app starts (the same pipeline; a child process, since happy-dom replaces fetch here). */
async function delegated(goal: string): Promise<string> {
	const result = await runCli("delegate", "--vault", vault.root, "--json", "--source", "Projects/Project Alpha.md", goal);
	expect(result.code, result.stderr).toBe(0);
	return (JSON.parse(result.stdout) as { deliverable: string }).deliverable;
}

const read = (path: string): Promise<string> => readFile(join(vault.root, path), "utf8");

/** A delegated deliverable in view, Request changes… open on it, the feedback typed. */
async function requestChangesOnDelegated(feedback: string): Promise<{ path: string; fake: FakeObsidianApp; modal: FeedbackModal }> {
	const path = await delegated("Status of Project Alpha");
	const fake = await start();
	await openNote(fake.app, path);
	const opened = vi.spyOn(FeedbackModal.prototype, "open");
	expect(runCommand(fake.app, "ai-coworker:request-changes")).toBe(true);
	const modal = opened.mock.contexts[0] as FeedbackModal;
	findSetting(modal.contentEl, "Feedback").change(feedback);
	return { path, fake, modal };
}

function sendBack(modal: FeedbackModal): void {
	const button = Array.from(modal.contentEl.querySelectorAll("button")).find((candidate) => candidate.textContent === "Send back");
	button?.click();
}

describe("review in the app", () => {
	it("offers Approve and Request changes on a deliverable in an excluded folder, from the metadata cache, not the index", async () => {
		const path = await delegated("Status of Project Alpha");
		const folder = path.slice(0, path.lastIndexOf("/"));
		await writeModelSettings(vault.root, server, { schedulesPaused: true, excludedFolders: [folder] });
		const fake = await start();
		expect(plugin?.indexSync.index.noteInfo(path)).toBeFalsy();
		await openNote(fake.app, path);
		expect(runCommand(fake.app, "ai-coworker:run-this-workflow")).toBe(false);
		expect(runCommand(fake.app, "ai-coworker:approve-deliverable")).toBe(true);
		await whenNoticeShown((message) => message.startsWith("Approved:"));
		expect(await read(path)).toContain("status: approved");

		// Once `coworker:` is edited away, the cache follows at once and the commands are no longer offered.
		const file = fake.vault.getFileByPath(path);
		if (!file) throw new Error(`${path} missing`);
		await fake.vault.process(file, (data) => data.replace(/^coworker: deliverable\n/m, ""));
		expect(runCommand(fake.app, "ai-coworker:approve-deliverable")).toBe(false);
		expect(runCommand(fake.app, "ai-coworker:request-changes")).toBe(false);
	});

	it("Approve deliverable changes only status and reviewed, through processFrontMatter", async () => {
		const path = await delegated("Status of Project Alpha");
		const before = await read(path);
		const fake = await start();
		await openNote(fake.app, path);
		const processed = vi.spyOn(fake.fileManager, "processFrontMatter");
		expect(runCommand(fake.app, "ai-coworker:approve-deliverable")).toBe(true);
		// The command says so once the approval is written.
		await whenNoticeShown((message) => message.startsWith("Approved:"));
		expect(await read(path)).toContain("status: approved");
		expect(processed).toHaveBeenCalledTimes(1);
		const after = await read(path);
		const [beforeLines, afterLines] = [before.split("\n"), after.split("\n")];
		expect(beforeLines.filter((line) => !afterLines.includes(line))).toEqual(["status: draft"]);
		expect(afterLines.filter((line) => !beforeLines.includes(line))).toEqual(["status: approved", expect.stringMatching(/^reviewed: /)]);
		await openNote(fake.app, "Projects/Project Alpha.md");
		expect(runCommand(fake.app, "ai-coworker:approve-deliverable")).toBe(false);
	});

	it("Request changes… with Remember for future tasks keeps the feedback as a memory lesson and opens a revision that links back", async () => {
		const { path, fake, modal } = await requestChangesOnDelegated("Lead with the decisions.");
		findSetting(modal.contentEl, "Remember for future tasks").change(true);
		server.enqueue({ kind: "reply", text: "# Status\n\nDecision: ship on 2026-12-01 ([[Project Alpha#Decisions]])." });
		const revised = nextCall((plugin as CoworkerPlugin).taskRunner, "run");
		sendBack(modal);
		// The revision's run, to its end: written and opened.
		await revised;
		expect(fake.workspace.openedFiles.at(-1)?.path ?? "").toMatch(/revised\.md$/);
		const revision = await read(fake.workspace.openedFiles.at(-1)?.path ?? "");
		expect(revision).toContain(`revises: "[[${path.replace(/^.*\//, "").replace(/\.md$/, "")}]]"`);
		expect(await read(path)).toContain("status: changes-requested");
		expect(await read("Coworker/Memory.md")).toMatch(/## Feedback\n- \d{4}-\d{2}-\d{2}: Lead with the decisions\./);
	});

	it("Request changes… without Remember keeps a delegated task's feedback on the deliverable, not in memory", async () => {
		const { path, modal } = await requestChangesOnDelegated("Lead with the decisions.");
		findSetting(modal.contentEl, "Write a revision now").change(false);
		sendBack(modal);
		await whenNoticeShown((message) => message.startsWith("Sent back:"));
		expect(await read(path)).toContain("feedback: Lead with the decisions.");
		expect(await read(path)).toContain("status: changes-requested");
		expect(await read("Coworker/Memory.md").catch(() => "")).not.toContain("Lead with the decisions.");
		expect(server.chatRequests()).toHaveLength(1);
	});

	it("Review queue lists drafts newest first and writes the Review.base file once", async () => {
		const first = await delegated("First report");
		const second = await delegated("Second report");
		expect((await runCli("review", "--vault", vault.root, "--approve", first)).code).toBe(0);
		const third = await delegated("Third report");
		const fake = await start();
		const opened = vi.spyOn(ReviewQueueModal.prototype, "open");
		const shown = nextCall(ReviewQueueModal.prototype, "open");
		runCommand(fake.app, "ai-coworker:review-queue");
		await shown;
		expect(opened).toHaveBeenCalled();
		const modal = opened.mock.contexts[0] as ReviewQueueModal;
		expect(modal.getSuggestions("").map((draft) => draft.path)).toEqual([third, second]);
		const base = await read("Coworker/Review.base");
		expect(base).toContain('- \'coworker == "deliverable"\'');
		expect(base).toContain("name: Review queue");
		await writeFile(join(vault.root, "Coworker/Review.base"), "views: []\n");
		const shownAgain = nextCall(ReviewQueueModal.prototype, "open");
		runCommand(fake.app, "ai-coworker:review-queue");
		await shownAgain;
		expect(opened).toHaveBeenCalledTimes(2);
		expect(await read("Coworker/Review.base")).toBe("views: []\n");
	});
});

describe("memory in the app", () => {
	it("Remember selection appends a dated bullet with a link back; Open memory opens the note", async () => {
		const fake = await start();
		await openNote(fake.app, "Projects/Project Alpha.md");
		setActiveSelection(fake.app, "Ship on 2026-12-01.");
		expect(runCommand(fake.app, "ai-coworker:remember-selection")).toBe(true);
		await whenNoticeShown((message) => message.startsWith("Remembered:"));
		expect(await read("Coworker/Memory.md")).toMatch(/## Remembered\n- \d{4}-\d{2}-\d{2}: Ship on 2026-12-01\. \(from \[\[Project Alpha\]\]\)\n?$/);
		expect(noticeMessages()).toContain("Remembered: the coworker reads it on every run.");
		const openedMemory = nextCall(WorkspaceLeaf.prototype, "openFile");
		runCommand(fake.app, "ai-coworker:open-memory");
		await openedMemory;
		expect(fake.workspace.openedFiles.at(-1)?.path).toBe("Coworker/Memory.md");
	});
});

describe("refining a workflow", () => {
	it("shows the proposal beside the current instruction and changes nothing until Accept", async () => {
		const fake = await start();
		await openNote(fake.app, "Workflows/Weekly status.md");
		server.enqueue({ kind: "reply", text: "Write a short status update. Keep it to five lines." });
		const opened = vi.spyOn(RefineModal.prototype, "open");
		const shown = nextCall(RefineModal.prototype, "open");
		expect(runCommand(fake.app, "ai-coworker:refine-workflow")).toBe(true);
		await shown;
		expect(opened).toHaveBeenCalled();
		const modal = opened.mock.contexts[0] as RefineModal;
		expect(modal.contentEl.textContent).toContain("Keep it to five lines.");
		expect(await read("Workflows/Weekly status.md")).toBe(WORKFLOW);
		const request = JSON.stringify(server.chatRequests().at(-1));
		expect(request).toContain("Keep it short.");
		Array.from(modal.contentEl.querySelectorAll("button"))
			.find((button) => button.textContent === "Accept")
			?.click();
		await whenNoticeShown((message) => message.startsWith("The instruction of"));
		expect(await read("Workflows/Weekly status.md")).toContain("Keep it to five lines.");
		const after = await read("Workflows/Weekly status.md");
		expect(after.startsWith(WORKFLOW.slice(0, WORKFLOW.indexOf("---\nWrite") + 4))).toBe(true);
		expect(after).toContain("## Lessons\n- Keep it short.\n");
	});
});
