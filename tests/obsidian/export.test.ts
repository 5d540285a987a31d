// @vitest-environment happy-dom
/** Export deliverable… in the app (Obsidian test double): the format picker, the files beside the note, the exports property. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { TAbstractFile } from "obsidian";
import CoworkerPlugin from "../../src/obsidian/main";
import { ExportFormatModal } from "../../src/obsidian/commands/export-format-modal";
import { copyExampleVault, type TempVault } from "../helpers/temp-vault";
import { officeParts, REPORT, SLIDES, writeDeliverables } from "../helpers/office-deliverables";
import { chooseSuggestion, clearNotices, createFakeApp, noticeMessages, openNote, runCommand, setSuggestQuery, type FakeObsidianApp } from "../helpers/fake-obsidian-app";
import { startCoworker, stopCoworker } from "../helpers/start-coworker";

let vault: TempVault;
let plugin: CoworkerPlugin | undefined;

beforeEach(async () => {
	vault = await copyExampleVault();
	await writeDeliverables(vault);
});

afterEach(async () => {
	if (plugin) await stopCoworker(plugin);
	plugin = undefined;
	clearNotices();
	vi.restoreAllMocks();
	await vault.cleanup();
});

async function start(): Promise<FakeObsidianApp> {
	const fake = createFakeApp(vault.root);
	await startCoworker(fake, (loaded) => (plugin = loaded));
	return fake;
}

/** Resolves when the note's properties are changed (the export's last step), from the vault's own event. */
function noteModified(fake: FakeObsidianApp, path: string): Promise<void> {
	return new Promise((resolve) => {
		const ref = fake.app.vault.on("modify", (file: TAbstractFile) => {
			if (file.path !== path) return;
			fake.app.vault.offref(ref);
			resolve();
		});
	});
}

/** The picker, once the command has read the note and opened it. */
function pickerOpened(): Promise<ExportFormatModal> {
	return new Promise((resolve) => {
		const spy = vi.spyOn(ExportFormatModal.prototype, "open");
		spy.mockImplementation(function (this: ExportFormatModal) {
			spy.mockRestore();
			this.open();
			resolve(this);
		});
	});
}

describe("Export deliverable… in the app", () => {
	it("offers the formats that fit a slides note, writes the .pptx through createBinary and lists it in exports", async () => {
		const fake = await start();
		await openNote(fake.app, SLIDES);
		const opened = pickerOpened();
		const binary = vi.spyOn(fake.app.vault, "createBinary");
		expect(runCommand(fake.app, "ai-coworker:export-deliverable")).toBe(true);
		const modal = await opened;
		expect((await setSuggestQuery(modal, "")).map((choice) => choice.label)).toEqual(["PowerPoint slides (.pptx)", "Word document (.docx)", "All of these"]);
		const modified = noteModified(fake, SLIDES);
		chooseSuggestion(modal, 0);
		await modified;
		const pptx = SLIDES.replace(/\.md$/, ".pptx");
		expect(binary).toHaveBeenCalledTimes(1);
		expect(binary.mock.calls[0]?.[0]).toBe(pptx);
		expect((await officeParts(join(vault.root, pptx)))["ppt/slides/slide2.xml"]).toContain("<a:t>Goals</a:t>");
		const note = await readFile(join(vault.root, SLIDES), "utf8");
		expect(note).toMatch(/\nexports:\n {2}- "\[\[2026-11-24 Alpha kickoff deck\.pptx\]\]"\n/);
		expect(noticeMessages()).toContain(`Exported: ${pptx}.`);
	});

	it("is offered only in a deliverable, and a report is not offered as slides", async () => {
		const fake = await start();
		await openNote(fake.app, "Clients/Acme Corp.md");
		expect(runCommand(fake.app, "ai-coworker:export-deliverable")).toBe(false);
		await openNote(fake.app, REPORT);
		const opened = pickerOpened();
		expect(runCommand(fake.app, "ai-coworker:export-deliverable")).toBe(true);
		const labels = (await setSuggestQuery(await opened, "")).map((choice) => choice.label);
		expect(labels).toEqual(["Word document (.docx)", "Excel workbook (.xlsx)", "All of these"]);
	});
});
