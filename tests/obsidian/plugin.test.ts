// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import CoworkerPlugin from "../../src/obsidian/main";
import { SearchModal } from "../../src/obsidian/commands/search-modal";
import type { SearchHit } from "../../src/core/index/note-search";
import { copyExampleVault, createTempVault, type TempVault } from "../helpers/temp-vault";
import {
	chooseSuggestion,
	clearNotices,
	createFakeApp,
	findSetting,
	listCommands,
	loadPlugin,
	noticeMessages,
	openSettingTab,
	runCommand,
	setSuggestQuery,
	statusBarEl,
	type FakeObsidianApp,
} from "../helpers/fake-obsidian-app";
import { COWORKER_MANIFEST, startCoworker, stopCoworker } from "../helpers/start-coworker";
import { nextCall } from "../helpers/next-call";

const CACHE_FILE = ".obsidian/plugins/ai-coworker/index-cache.json";

let vault: TempVault;
let plugin: CoworkerPlugin | undefined;
afterEach(async () => {
	if (plugin) await stopCoworker(plugin);
	plugin = undefined;
	clearNotices();
	vi.restoreAllMocks();
	await vault.cleanup();
});

function start(fake: FakeObsidianApp): Promise<CoworkerPlugin> {
	return startCoworker(fake, (loaded) => (plugin = loaded));
}

describe("the plugin's start-up", () => {
	it("does no indexing work in onload, only after the layout is ready", async () => {
		vault = await copyExampleVault();
		const fake = createFakeApp(vault.root);
		const listed = vi.spyOn(fake.vault, "getMarkdownFiles");
		const read = vi.spyOn(fake.vault, "cachedRead");
		// Timers on a test clock: whatever onload put off (a debounce, an interval) fires when the clock is moved on, not after a guess at a wait.
		vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
		try {
			plugin = await loadPlugin(CoworkerPlugin, fake.app, COWORKER_MANIFEST);
			await vi.advanceTimersByTimeAsync(10 * 60_000);
		} finally {
			vi.useRealTimers();
		}
		expect(listed).not.toHaveBeenCalled();
		expect(read).not.toHaveBeenCalled();
		expect(plugin.indexSync.index.noteCount).toBe(0);

		fake.bootLayout();
		const loaded = plugin;
		await loaded.indexSync.whenReady();
		expect(read).toHaveBeenCalled();
		expect(plugin.indexSync.index.noteCount).toBeGreaterThan(25);
		expect(plugin.indexSync.index.isIndexed("Private/Salary review 2026.md")).toBe(false);
	});

	it("shows progress in the status bar during the first build and clears it afterwards", async () => {
		vault = await copyExampleVault();
		const fake = createFakeApp(vault.root);
		plugin = await loadPlugin(CoworkerPlugin, fake.app, COWORKER_MANIFEST);
		const item = statusBarEl(fake.app).querySelector<HTMLElement>(".coworker-index-status");
		expect(item).not.toBeNull();
		if (!item) return;
		const texts: string[] = [];
		const setText = item.setText.bind(item);
		vi.spyOn(item, "setText").mockImplementation((text) => {
			texts.push(typeof text === "string" ? text : (text.textContent ?? ""));
			setText(text);
		});
		fake.bootLayout();
		const loaded = plugin;
		await loaded.indexSync.whenReady();
		const total = fake.vault.getMarkdownFiles().length;
		expect(texts).toContain(`Indexing vault: ${total} / ${total}`);
		expect(texts.at(-1)).toBe("");
		expect(item.textContent).toBe("");
	});

	it("writes the cache to its own folder, and a restart re-reads nothing that did not change", async () => {
		vault = await copyExampleVault();
		const first = await start(createFakeApp(vault.root));
		await first.indexSync.whenSaved();
		expect(first.indexSync.summary?.cache).toBe("missing");
		expect(existsSync(join(vault.root, CACHE_FILE))).toBe(true);
		await stopCoworker(first);
		plugin = undefined;

		const again = await start(createFakeApp(vault.root));
		expect(again.indexSync.summary?.cache).toBe("loaded");
		expect(again.indexSync.summary?.reindexed).toBe(0);
		expect(again.indexSync.index.searchNotes("code freeze", 1)[0]?.path).toBe("Reference/How we release.md");
	});

	it("rebuilds a corrupt cache instead of failing", async () => {
		vault = await copyExampleVault();
		await vault.write(CACHE_FILE, "{ this is not json");
		const loaded = await start(createFakeApp(vault.root));
		await loaded.indexSync.whenSaved();
		expect(loaded.indexSync.summary?.cache).toBe("discarded: the cache file is not valid JSON");
		expect(loaded.indexSync.index.noteCount).toBeGreaterThan(25);
		expect(JSON.parse(await readFile(join(vault.root, CACHE_FILE), "utf8"))).toHaveProperty("schema");
	});
});

describe("vault events keep the index current", () => {
	it("follows create, modify, rename and delete", async () => {
		vault = await createTempVault({ "a.md": "# Alpha\nbudget planning" });
		const fake = createFakeApp(vault.root);
		const loaded = await start(fake);
		const index = () => loaded.indexSync.index;
		// catchUp is the index's word that every change the vault has announced is in it.
		const caughtUp = () => loaded.indexSync.catchUp();

		await fake.vault.create("b.md", "# Beta\nthe zeppelin hangar");
		await caughtUp();
		expect(index().searchNotes("zeppelin").map((h) => h.path)).toEqual(["b.md"]);

		const a = fake.vault.getFileByPath("a.md");
		if (!a) throw new Error("a.md missing");
		await fake.vault.modify(a, "# Alpha\nnow about submarines");
		await caughtUp();
		expect(index().searchNotes("submarines").map((h) => h.path)).toEqual(["a.md"]);
		expect(index().searchNotes("budget")).toEqual([]);

		const b = fake.vault.getFileByPath("b.md");
		if (!b) throw new Error("b.md missing");
		await fake.vault.rename(b, "Archive/b2.md").catch(async () => {
			await fake.vault.createFolder("Archive");
			await fake.vault.rename(b, "Archive/b2.md");
		});
		await caughtUp();
		expect(index().searchNotes("zeppelin").map((h) => h.path)).toEqual(["Archive/b2.md"]);

		const moved = fake.vault.getFileByPath("Archive/b2.md");
		if (!moved) throw new Error("b2.md missing");
		await fake.vault.delete(moved);
		await caughtUp();
		expect(index().searchNotes("zeppelin")).toEqual([]);
		expect(index().noteCount).toBe(1);
	});

	it("picks up a change made outside Obsidian (sync, another editor)", async () => {
		vault = await createTempVault({ "a.md": "alpha" });
		const fake = createFakeApp(vault.root);
		const loaded = await start(fake);
		await fake.vault.simulateExternalChange("synced.md", "arrived by sync: quokka");
		await loaded.indexSync.catchUp();
		expect(loaded.indexSync.index.searchNotes("quokka").map((h) => h.path)).toEqual(["synced.md"]);
	});

	it("stops listening when the plugin unloads", async () => {
		vault = await createTempVault({ "a.md": "alpha" });
		const fake = createFakeApp(vault.root);
		const loaded = await start(fake);
		const index = loaded.indexSync.index;
		await stopCoworker(loaded);
		plugin = undefined;
		await fake.vault.create("late.md", "quokka");
		// The vault announced the note before create returned; an update it had started would be waited for here.
		await loaded.indexSync.catchUp();
		expect(index.searchNotes("quokka")).toEqual([]);
		expect(loaded.indexSync.index.isIndexed("late.md")).toBe(false);
	});
});

describe("commands", () => {
	it("registers its commands without default hotkeys", async () => {
		vault = await createTempVault({ "a.md": "alpha" });
		plugin = await loadPlugin(CoworkerPlugin, createFakeApp(vault.root).app, COWORKER_MANIFEST);
		const commands = listCommands(plugin.app);
		// Obsidian shows each command prefixed with the plugin's name.
		expect(commands.map((c) => c.name).sort()).toEqual([
			"AI Coworker: Approve deliverable",
			"AI Coworker: Cancel running task",
			"AI Coworker: Delegate a task…",
			"AI Coworker: Export deliverable…",
			"AI Coworker: New workflow note",
			"AI Coworker: Open coworker panel",
			"AI Coworker: Open memory",
			"AI Coworker: Pause all schedules",
			"AI Coworker: Preview context…",
			"AI Coworker: Rebuild index",
			"AI Coworker: Refine workflow from feedback",
			"AI Coworker: Remember selection",
			"AI Coworker: Request changes…",
			"AI Coworker: Review queue",
			"AI Coworker: Run a workflow…",
			"AI Coworker: Run this workflow now",
			"AI Coworker: Search vault context…",
			"AI Coworker: Show tools",
			"AI Coworker: Show workflows",
			"AI Coworker: Test MCP servers",
		]);
		for (const command of commands) expect(command.hotkeys ?? []).toEqual([]);
	});

	it("Search vault context… shows note, heading and snippet, and Enter opens the note at that heading", async () => {
		vault = await copyExampleVault();
		const fake = createFakeApp(vault.root);
		const loaded = await start(fake);
		const open = vi.spyOn(SearchModal.prototype, "open");
		expect(runCommand(fake.app, "ai-coworker:search-vault-context")).toBe(true);
		const modal = open.mock.contexts[0] as SearchModal | undefined;
		if (!modal) throw new Error("the command opened no modal");

		const hits: SearchHit[] = await setSuggestQuery(modal, "when is the code freeze");
		expect(hits[0]).toMatchObject({ path: "Reference/How we release.md", heading: "Code freeze" });
		const first = modal.resultContainerEl.querySelector(".coworker-search-hit");
		expect(first?.querySelector(".coworker-search-hit-title")?.textContent).toBe("How we release › Code freeze");
		expect(first?.querySelector(".coworker-search-hit-path")?.textContent).toBe("Reference/How we release.md");
		expect(first?.querySelector(".coworker-search-hit-snippet")?.textContent?.toLowerCase()).toContain("freeze");

		const opened = nextCall(fake.workspace, "openLinkText");
		chooseSuggestion(modal, 0);
		await opened;
		expect(fake.workspace.openedLinks.length).toBe(1);
		expect(fake.workspace.openedLinks[0]).toMatchObject({ path: "Reference/How we release.md", subpath: "#Code freeze", newLeaf: false });
		expect(loaded.indexSync.ready).toBe(true);

		// A Ctrl/Cmd-click opens a new tab (the modifier Obsidian expects depends on the platform; both are held).
		const hit = hits[0];
		if (!hit) throw new Error("no hit");
		const openedAgain = nextCall(fake.workspace, "openLinkText");
		modal.onChooseSuggestion(hit, new MouseEvent("click", { ctrlKey: true, metaKey: true }));
		await openedAgain;
		expect(fake.workspace.openedLinks.length).toBe(2);
		expect(fake.workspace.openedLinks[1]?.newLeaf).toBeTruthy();
	});

	it("Rebuild index reads everything again and says what it did", async () => {
		vault = await copyExampleVault();
		const fake = createFakeApp(vault.root);
		const loaded = await start(fake);
		const notes = loaded.indexSync.index.noteCount;
		const swapped = loaded.indexSync.nextSwap();
		// The command awaits the rebuild, then shows its notice in the same turn: its continuation runs before this one's.
		const rebuilt = nextCall(loaded.indexSync, "rebuild");
		expect(runCommand(fake.app, "ai-coworker:rebuild-index")).toBe(true);
		await swapped;
		await rebuilt;
		expect(noticeMessages().find((m) => m.startsWith("Vault index rebuilt:"))).toMatch(
			new RegExp(`^Vault index rebuilt: ${notes} notes, \\d+ sections in \\d+\\.\\d s\\.$`),
		);
		expect(loaded.indexSync.summary?.reindexed).toBe(fake.vault.getMarkdownFiles().length);
	});
});

describe("settings", () => {
	it("excluding a folder takes its notes out of the index and is saved in data.json", async () => {
		vault = await copyExampleVault();
		const fake = createFakeApp(vault.root);
		const loaded = await start(fake);
		expect(loaded.indexSync.index.searchNotes("code freeze", 1)[0]?.path).toBe("Reference/How we release.md");

		const tab = openSettingTab(loaded);
		// The index's own signal that the new rules are in place (after the settings' debounce), not a poll.
		const swapped = loaded.indexSync.nextSwap();
		findSetting(tab.containerEl, "Excluded folders").change("Reference\nPrivate");
		await swapped;
		expect(loaded.indexSync.index.searchNotes("code freeze", 10).map((h) => h.path)).not.toContain("Reference/How we release.md");
		expect(loaded.indexSync.ready).toBe(true);
		expect(loaded.indexSync.index.searchNotes("release", 10).length).toBeGreaterThan(0);
		const data = JSON.parse(await readFile(join(vault.root, ".obsidian/plugins/ai-coworker/data.json"), "utf8")) as { excludedFolders: string[] };
		expect(data.excludedFolders).toEqual(["Reference", "Private"]);
	});

	it("keeps the old index answering while new settings rebuild it beside, and the new one sees notes created meanwhile", async () => {
		vault = await copyExampleVault();
		const fake = createFakeApp(vault.root);
		const loaded = await start(fake);
		const sync = loaded.indexSync;
		const before = sync.index;
		const applied = sync.applySettings({ ...loaded.settings, excludedFolders: ["Reference"] });
		// Mid-build: still the old index, still ready, still finding the note about to be excluded.
		expect(sync.index).toBe(before);
		expect(sync.ready).toBe(true);
		expect(sync.index.searchNotes("code freeze", 1)[0]?.path).toBe("Reference/How we release.md");
		await fake.vault.create("zeppelin.md", "# Zeppelin\nthe zeppelin hangar lease");
		await applied;
		expect(sync.index).not.toBe(before);
		expect(sync.index.searchNotes("code freeze", 10).map((hit) => hit.path)).not.toContain("Reference/How we release.md");
		expect(sync.index.searchNotes("zeppelin hangar", 1)[0]?.path).toBe("zeppelin.md");
	});

	it('"Earlier deliverables as context" offers approved only (the default), all and none, and saves the choice in data.json', async () => {
		vault = await createTempVault({ "a.md": "alpha" });
		const loaded = await start(createFakeApp(vault.root));
		const tab = openSettingTab(loaded);
		const setting = findSetting(tab.containerEl, "Earlier deliverables as context");
		const select = setting.components[0] as unknown as { selectEl: HTMLSelectElement };
		expect(Array.from(select.selectEl.querySelectorAll("option"), (option) => [option.value, option.text])).toEqual([
			["approved", "Approved only"],
			["all", "All, drafts too"],
			["none", "None"],
		]);
		expect(select.selectEl.value).toBe("approved");
		const saved = nextCall(loaded, "saveData");
		setting.change("none");
		await saved;
		const data = JSON.parse(await readFile(join(vault.root, ".obsidian/plugins/ai-coworker/data.json"), "utf8")) as { earlierDeliverables?: string };
		expect(data.earlierDeliverables).toBe("none");
		expect(loaded.settings.earlierDeliverables).toBe("none");
	});

	it("reports a malformed settings field in a notice and uses the default", async () => {
		vault = await createTempVault({ "a.md": "alpha" });
		await vault.write(".obsidian/plugins/ai-coworker/data.json", JSON.stringify({ excludedTags: 7 }));
		plugin = await loadPlugin(CoworkerPlugin, createFakeApp(vault.root).app, COWORKER_MANIFEST);
		expect(noticeMessages()[0]).toMatch(/^AI Coworker settings: "excludedTags" must be a list of text \(got 7\), so the exclusions cannot be known\. No earlier exclusions are known/);
		expect(plugin.settings.excludedTags).toEqual([]);
	});
});
