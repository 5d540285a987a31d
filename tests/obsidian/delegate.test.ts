// @vitest-environment happy-dom
/** "Delegate a task…" through the plugin in the Obsidian test double, against the fake model server (over Node's http, as the desktop app reaches it). */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import CoworkerPlugin from "../../src/obsidian/main";
import { DelegateModal } from "../../src/obsidian/commands/delegate-modal";
import { ContextPreviewModal } from "../../src/obsidian/commands/context-preview-modal";
import { copyExampleVault, type TempVault } from "../helpers/temp-vault";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { snapshotVault } from "../helpers/vault-snapshot";
import { writeModelSettings } from "../helpers/plugin-settings";
import {
	clearNotices,
	clearRequestUrlLog,
	clickNoticeButton,
	createFakeApp,
	findNoticeButton,
	findSetting,
	listCommands,
	noticeMessages,
	openNote,
	openSettingTab,
	requestUrlCalls,
	runCommand,
	setActiveSelection,
	type FakeObsidianApp,
} from "../helpers/fake-obsidian-app";
import { startCoworker, stopCoworker } from "../helpers/start-coworker";
import { nextCall } from "../helpers/next-call";
import { whenShown } from "../helpers/dom-change";

const DATA_FILE = ".obsidian/plugins/ai-coworker/data.json";

let vault: TempVault;
let server: FakeModelServer;
let plugin: CoworkerPlugin | undefined;

beforeEach(async () => {
	vault = await copyExampleVault();
	server = await startFakeModelServer({ models: ["test-model", "other-model"], apiKey: "sk-secret" });
	await writeModelSettings(vault.root, server, { apiKeySecret: "coworker-key" });
	clearRequestUrlLog();
});

afterEach(async () => {
	if (plugin) await stopCoworker(plugin);
	plugin = undefined;
	clearNotices();
	vi.restoreAllMocks();
	await server.close();
	await vault.cleanup();
});

async function start(options: { withoutSecretStorage?: boolean } = {}): Promise<FakeObsidianApp> {
	const fake = createFakeApp(vault.root, options);
	if (!options.withoutSecretStorage) fake.app.secretStorage.setSecret("coworker-key", "sk-secret");
	await startCoworker(fake, (loaded) => (plugin = loaded));
	return fake;
}

function openForm(fake: FakeObsidianApp, command = "ai-coworker:delegate-task"): DelegateModal {
	const open = vi.spyOn(DelegateModal.prototype, "open");
	expect(runCommand(fake.app, command)).toBe(true);
	const modal = open.mock.contexts.at(-1) as DelegateModal | undefined;
	if (!modal) throw new Error("the command opened no form");
	return modal;
}

/** The next run the task runner starts (the form's Delegate), to its end: notices said, the deliverable opened. */
function nextRun(): ReturnType<CoworkerPlugin["taskRunner"]["run"]> {
	return nextCall((plugin as CoworkerPlugin).taskRunner, "run");
}

/** The next preview (Preview context…); the modal opens in the same turn as it resolves, before the caller's next step. */
function nextPreview(): ReturnType<CoworkerPlugin["taskRunner"]["preview"]> {
	return nextCall((plugin as CoworkerPlugin).taskRunner, "preview");
}

function click(container: HTMLElement, text: string): void {
	const button = Array.from(container.querySelectorAll("button")).find((candidate) => candidate.textContent === text);
	if (!button) throw new Error(`No button "${text}"`);
	button.click();
}

describe("Delegate a task…", () => {
	it("writes the deliverable, the answer streamed over Node's http in the desktop app, with the key from secret storage, and opens it in a new tab", async () => {
		const fake = await start();
		await openNote(fake.app, "Projects/Acme renewal.md");
		server.enqueue({ kind: "reply", text: "# Acme renewal\n\nAt risk, see [[Acme renewal#Risks]] and [[Nowhere]]." });

		const form = openForm(fake);
		findSetting(form.contentEl, "Goal").change("Status of the Acme renewal for Maya");
		// The run the form starts, to its end: the notice said, the deliverable opened.
		const ran = nextRun();
		click(form.contentEl, "Delegate");
		await ran;
		expect(fake.workspace.openedFiles.at(-1)?.path ?? "").toMatch(/^Coworker\/Deliverables\//);
		const opened = fake.workspace.openedFiles.at(-1);
		// A new tab: not the leaf the source note was open in.
		expect(opened?.leaf).not.toBe(fake.workspace.openedFiles[0]?.leaf);
		expect(fake.workspace.openedFiles[0]?.path).toBe("Projects/Acme renewal.md");
		const path = opened?.path ?? "";
		const note = await readFile(join(vault.root, path), "utf8");
		expect(note).toContain("coworker: deliverable");
		expect(note).toContain("status: draft");
		expect(note).toContain('  - "[[Acme renewal]]"');
		expect(note).toContain("[[Acme renewal#Risks]]");
		expect(note).toContain("Nowhere (unresolved link)");
		expect(note).toMatch(/## Sources\n\n- \[\[Acme renewal\]\]/);

		// The desktop app reaches the model through Node's http (src/obsidian/adapters/desktop-http-fetch.ts), not requestUrl.
		expect(requestUrlCalls().some((call) => call.url === `${server.baseUrl}/chat/completions`)).toBe(false);
		expect(server.chatRequests()[0]).toMatchObject({ stream: true });
		const request = server.requests.find((r) => r.path.endsWith("/chat/completions"));
		expect(request?.headers.authorization).toBe("Bearer sk-secret");
		expect(JSON.stringify(request?.body)).toContain("Status of the Acme renewal for Maya");
		expect(await readFile(join(vault.root, DATA_FILE), "utf8")).not.toContain("sk-secret");
		expect(noticeMessages().some((message) => message.startsWith("Deliverable written:"))).toBe(true);
	});

	it("says in its notice that a deliverable is cut off, and writes it marked, after the continuations (streamed, the reasoning in both places left out)", async () => {
		const fake = await start();
		await openNote(fake.app, "Projects/Acme renewal.md");
		server.setDefault({ kind: "reply", text: "<think>HIDDEN plan</think># Acme renewal\n\nAt risk and", finishReason: "length", reasoning: "HIDDEN field", reasoningShape: "ollama" });
		const form = openForm(fake);
		findSetting(form.contentEl, "Goal").change("Status of the Acme renewal");
		const ran = nextRun();
		click(form.contentEl, "Delegate");
		await ran;
		const notice = noticeMessages().find((message) => message.startsWith("Deliverable written:")) ?? "";
		expect(notice).toMatch(/^Deliverable written: Coworker\/Deliverables\/.+\.md\. It is cut off: the model stopped at its output limit before it finished\.$/);
		expect(server.chatRequests()).toHaveLength(3);
		const path = /^Deliverable written: (.+\.md)\./.exec(notice)?.[1] ?? "";
		const note = await readFile(join(vault.root, path), "utf8");
		expect(note).toContain("truncated: true");
		expect(note).toContain("> [!warning] Cut off");
		expect(note).not.toContain("HIDDEN");
	});

	it("sends the selection when text is selected", async () => {
		const fake = await start();
		await openNote(fake.app, "Meetings/2026-11-18 Acme renewal call.md");
		const editor = setActiveSelection(fake.app, "Acme");
		expect(editor.getSelection()).toBe("Acme");
		const form = openForm(fake);
		expect(() => findSetting(form.contentEl, "Selection")).not.toThrow();
		findSetting(form.contentEl, "Goal").change("Explain this");
		click(form.contentEl, "Delegate");
		await server.received(1, "chat");
		const user = JSON.stringify(server.chatRequests()[0]);
		expect(user).toContain('kind=\\"selection\\"');
	});

	it("sums up left-out sources in one notice, however many there are", async () => {
		for (let i = 1; i <= 5; i++) await vault.write(`Secret/Plan ${i}.md`, "---\ncoworker: private\n---\nSecret plan.");
		await vault.write("Hub.md", "Plans: [[Plan 1]] [[Plan 2]] [[Plan 3]] [[Plan 4]] [[Plan 5]] and [[Acme renewal]].");
		const fake = await start();
		await openNote(fake.app, "Hub.md");
		server.enqueue({ kind: "reply", text: "# Plans\n\nNothing to share." });
		const form = openForm(fake);
		findSetting(form.contentEl, "Goal").change("Summarise the plans");
		findSetting(form.contentEl, "Notes linked from the current note").change(true);
		clearNotices();
		const ran = nextRun();
		click(form.contentEl, "Delegate");
		await ran;
		expect(noticeMessages().some((message) => message.startsWith("Deliverable written:"))).toBe(true);
		const leftOut = noticeMessages().filter((message) => message.includes("coworker: private"));
		expect(leftOut).toHaveLength(1);
		expect(leftOut[0]).toContain("And 2 more");
		expect(JSON.stringify(server.chatRequests())).not.toContain("Secret plan");
	});

	it("can be cancelled from its notice: nothing is written and the run is recorded as cancelled", async () => {
		const fake = await start();
		const before = await snapshotVault(vault.root);
		server.enqueue({ kind: "hang" });
		const form = openForm(fake);
		findSetting(form.contentEl, "Goal").change("A report that never comes");
		const ran = nextRun();
		click(form.contentEl, "Delegate");
		// The model has the request, so the run is under way with its notice.
		await server.received(1, "chat");
		expect(findNoticeButton("Cancel")).not.toBeNull();
		expect(listCommands(fake.app).some((command) => command.id === "ai-coworker:cancel-running-task")).toBe(true);
		clickNoticeButton("Cancel");
		expect((await ran)?.status).toBe("cancelled");
		expect(noticeMessages()).toContain("The task was cancelled; nothing was written.");
		expect(await snapshotVault(vault.root)).toEqual(before);
		expect(runCommand(fake.app, "ai-coworker:cancel-running-task")).toBe(false);
	});

	it("says in one sentence why a run failed and leaves the vault as it was", async () => {
		const fake = await start();
		fake.app.secretStorage.setSecret("coworker-key", "sk-wrong");
		const before = await snapshotVault(vault.root);
		const form = openForm(fake);
		findSetting(form.contentEl, "Goal").change("Anything");
		const ran = nextRun();
		click(form.contentEl, "Delegate");
		expect((await ran)?.status).toBe("failed");
		expect(noticeMessages().some((message) => message.includes("API key was rejected"))).toBe(true);
		expect(await snapshotVault(vault.root)).toEqual(before);
	});

	it("Preview context… shows the exact messages and calls no model", async () => {
		const fake = await start();
		await openNote(fake.app, "Projects/Project Alpha.md");
		const shown = vi.spyOn(ContextPreviewModal.prototype, "open");
		const form = openForm(fake, "ai-coworker:preview-context");
		findSetting(form.contentEl, "Goal").change("Brief on Alpha");
		const previewed = nextPreview();
		click(form.contentEl, "Preview context");
		await previewed;
		expect(shown).toHaveBeenCalled();
		const preview = shown.mock.contexts[0] as ContextPreviewModal;
		const text = preview.contentEl.textContent ?? "";
		expect(text).toContain("Nothing has been sent.");
		expect(text).toContain('cite="[[Project Alpha]]"');
		expect(text).toContain("Brief on Alpha");
		expect(server.requests).toHaveLength(0);
	});
});

describe("context by default in the app", () => {
	it("Preview context… with no source searches the vault for the goal and shows the notes it found", async () => {
		const fake = await start();
		const shown = vi.spyOn(ContextPreviewModal.prototype, "open");
		const form = openForm(fake, "ai-coworker:preview-context");
		findSetting(form.contentEl, "Goal").change("Acme renewal status");
		const previewed = nextPreview();
		click(form.contentEl, "Preview context");
		await previewed;
		expect(shown).toHaveBeenCalled();
		const text = (shown.mock.contexts[0] as ContextPreviewModal).contentEl.textContent ?? "";
		expect(text).toContain('cite="[[Acme renewal]]"');
		expect(text).not.toContain("No sources were given.");
		expect(server.requests).toHaveLength(0);
	});
});

describe("the model settings", () => {
	it("keep the API key in secret storage, store only its name, and test the connection", async () => {
		const fake = await start();
		const tab = openSettingTab(plugin as CoworkerPlugin);
		const saved = nextCall(plugin as CoworkerPlugin, "saveData");
		findSetting(tab.containerEl, "API key").pickSecret("other-key", "sk-secret");
		await saved;
		expect(JSON.parse(await readFile(join(vault.root, DATA_FILE), "utf8"))).toMatchObject({ apiKeySecret: "other-key" });
		expect(await readFile(join(vault.root, DATA_FILE), "utf8")).not.toContain("sk-secret");
		expect(fake.app.secretStorage.getSecret("other-key")).toBe("sk-secret");

		const test = findSetting(tab.containerEl, "Test connection");
		click(test.setting.settingEl, "Test");
		await whenShown(test.setting.descEl, () => (test.setting.descEl.textContent ?? "").startsWith("Connected"));
		expect(test.setting.descEl.textContent).toContain("Connected: 2 models available (other-model, test-model)");
		expect(test.setting.descEl.textContent).toContain('"test-model" is one of them.');

		await server.close();
		click(test.setting.settingEl, "Test");
		await whenShown(test.setting.descEl, () => !(test.setting.descEl.textContent ?? "").startsWith("Connect"));
		expect(test.setting.descEl.textContent).toMatch(/Nothing is listening at http:\/\/127\.0\.0\.1:\d+\/v1; is the local model server/);
	});

	it("fall back to data.json for the key only where Obsidian has no secret storage, and say so", async () => {
		await start({ withoutSecretStorage: true });
		const tab = openSettingTab(plugin as CoworkerPlugin);
		const key = findSetting(tab.containerEl, "API key");
		expect(key.setting.descEl.textContent).toContain("no secret storage");
		const saved = nextCall(plugin as CoworkerPlugin, "saveData");
		key.change("sk-plain");
		await saved;
		expect(JSON.parse(await readFile(join(vault.root, DATA_FILE), "utf8"))).toMatchObject({ apiKey: "sk-plain" });
	});

	it("fill in the preset's URL and model when the provider changes", async () => {
		await start();
		const tab = openSettingTab(plugin as CoworkerPlugin);
		const saved = nextCall(plugin as CoworkerPlugin, "saveData");
		findSetting(tab.containerEl, "Provider").change("ollama");
		await saved;
		expect(JSON.parse(await readFile(join(vault.root, DATA_FILE), "utf8"))).toMatchObject({ provider: "ollama", baseUrl: "http://localhost:11434/v1", model: "test-model" });
		expect(existsSync(join(vault.root, "Coworker/Deliverables"))).toBe(false);
	});
});
