// @vitest-environment happy-dom
/** Settings changed underneath the app (Obsidian Sync, another device): data.json is re-read, applied, and never overwritten. */
import { afterEach, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type CoworkerPlugin from "../../src/obsidian/main";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { PLUGIN_DIR } from "../helpers/plugin-settings";
import {
	clearNotices,
	createFakeApp,
	findSetting,
	noticeMessages,
	openSettingTab,
	runCommand,
	settleExternalSettings,
	type FakeObsidianApp,
} from "../helpers/fake-obsidian-app";
import { startCoworker, stopCoworker } from "../helpers/start-coworker";

const DATA_JSON = `${PLUGIN_DIR}/data.json`;

let vault: TempVault;
let plugin: CoworkerPlugin | undefined;

afterEach(async () => {
	if (plugin) await stopCoworker(plugin);
	plugin = undefined;
	clearNotices();
	await vault.cleanup();
});

async function start(): Promise<{ fake: FakeObsidianApp; plugin: CoworkerPlugin }> {
	vault = await createTempVault({
		"Private/Salaries.md": "# Salaries\nthe quokka budget line",
		"Notes/Plan.md": "# Plan\nship the zeppelin",
	});
	await vault.write(DATA_JSON, JSON.stringify({ outputFolder: "Coworker", earlierDeliverables: "approved" }));
	const fake = createFakeApp(vault.root);
	return { fake, plugin: await startCoworker(fake, (loaded) => (plugin = loaded)) };
}

async function savedSettings(): Promise<Record<string, unknown>> {
	return JSON.parse(await readFile(join(vault.root, DATA_JSON), "utf8")) as Record<string, unknown>;
}

/** Another device writes data.json, as Sync would deliver it. */
async function changedElsewhere(fake: FakeObsidianApp, loaded: CoworkerPlugin, data: Record<string, unknown>): Promise<void> {
	await fake.vault.simulateExternalChange(DATA_JSON, JSON.stringify(data, null, 2));
	await settleExternalSettings(loaded);
}

describe("settings changed on another device", () => {
	it("are applied: the index drops the newly excluded folder and schedules pause", async () => {
		const { fake, plugin: loaded } = await start();
		expect(loaded.indexSync.index.searchNotes("quokka").map((hit) => hit.path)).toEqual(["Private/Salaries.md"]);

		await changedElsewhere(fake, loaded, { outputFolder: "Coworker", excludedFolders: ["Private"], schedulesPaused: true });
		expect(loaded.settings.excludedFolders).toEqual(["Private"]);
		expect(loaded.settings.schedulesPaused).toBe(true);
		expect(loaded.indexSync.index.searchNotes("quokka")).toEqual([]);
		expect(loaded.indexSync.index.searchNotes("zeppelin").map((hit) => hit.path)).toEqual(["Notes/Plan.md"]);
		expect(await loaded.workflows.tick()).toEqual([]);
	});

	it("are never overwritten by the copy the settings tab or a command held", async () => {
		const { fake, plugin: loaded } = await start();
		const tab = openSettingTab(loaded);
		await changedElsewhere(fake, loaded, { outputFolder: "Coworker", excludedFolders: ["Private"], schedulesPaused: true, earlierDeliverables: "approved" });

		// The user, on this device, then changes something else in the tab that was open all along.
		findSetting(tab.containerEl, "Earlier deliverables as context").change("none");
		await loaded.saveData(loaded.settings);
		let saved = await savedSettings();
		expect(saved.excludedFolders).toEqual(["Private"]);
		expect(saved.schedulesPaused).toBe(true);
		expect(saved.earlierDeliverables).toBe("none");

		// A command that saves the settings keeps the other device's change too.
		expect(runCommand(fake.app, "ai-coworker:pause-all-schedules")).toBe(true);
		await loaded.saveData(loaded.settings);
		saved = await savedSettings();
		expect(saved.schedulesPaused).toBe(false);
		expect(saved.excludedFolders).toEqual(["Private"]);
	});

	it("keep the live settings when data.json arrives half written or is removed, and say so", async () => {
		const { fake, plugin: loaded } = await start();
		await changedElsewhere(fake, loaded, { excludedFolders: ["Private"] });
		expect(loaded.indexSync.index.searchNotes("quokka")).toEqual([]);

		await fake.vault.simulateExternalChange(DATA_JSON, '{"excludedFolders": [');
		await settleExternalSettings(loaded);
		expect(loaded.settings.excludedFolders).toEqual(["Private"]);
		expect(noticeMessages().at(-1)).toMatch(/^AI Coworker settings changed on disk but could not be read \(.+\); the settings in use are kept\.$/);

		await fake.vault.simulateExternalChange(DATA_JSON, null);
		await settleExternalSettings(loaded);
		expect(loaded.settings.excludedFolders).toEqual(["Private"]);
		expect(noticeMessages().at(-1)).toBe("AI Coworker settings was removed on disk; the settings in use are kept.");
		expect(loaded.indexSync.index.searchNotes("quokka")).toEqual([]);
	});

	it("name a malformed field in a notice and take the rest", async () => {
		const { fake, plugin: loaded } = await start();
		await changedElsewhere(fake, loaded, { excludedFolders: ["Private"], outputFolder: 7 });
		expect(noticeMessages().some((message) => message.includes('"outputFolder"'))).toBe(true);
		expect(loaded.settings.excludedFolders).toEqual(["Private"]);
	});

	it("keep the last good exclusions when another device writes them with the wrong type", async () => {
		const { fake, plugin: loaded } = await start();
		await changedElsewhere(fake, loaded, { excludedFolders: ["Private"] });
		expect(loaded.indexSync.index.searchNotes("quokka")).toEqual([]);
		await changedElsewhere(fake, loaded, { excludedFolders: "Private", excludedTags: 7 });
		expect(loaded.settings.excludedFolders).toEqual(["Private"]);
		expect(noticeMessages().some((message) => message.includes("The last good exclusions are kept (folder Private)"))).toBe(true);
		expect(loaded.indexSync.index.searchNotes("quokka")).toEqual([]);
	});
});
