// @vitest-environment happy-dom
/**
 * Pins the documented behaviours of the Obsidian test double (tests/__mocks__/obsidian.ts).
 * Classes are imported from "obsidian" as plugin code does: typed by the real obsidian.d.ts, run
 * against the double. Test-only controls come from tests/helpers/fake-obsidian-app.ts.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as nodePath from "node:path";
import * as zlib from "node:zlib";
import {
	ButtonComponent,
	Component,
	debounce,
	Editor,
	Events,
	FileView,
	ItemView,
	Keymap,
	MarkdownView,
	Modal,
	normalizePath,
	Notice,
	Platform,
	Plugin,
	PluginSettingTab,
	request,
	requestUrl,
	SecretComponent,
	Setting,
	SuggestModal,
	TFile,
	TFolder,
	WorkspaceLeaf,
	type App,
	type MarkdownFileInfo,
	type PluginManifest,
	type TAbstractFile,
	type ViewStateResult,
} from "obsidian";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
	chooseSuggestion,
	clearLocalStorage,
	clearNotices,
	clearRequestUrlLog,
	clickNoticeButton,
	createFakeApp,
	findNoticeButton,
	findSetting,
	isModalOpen,
	leafArea,
	listCommands,
	loadPlugin,
	noticeMessages,
	openNote,
	openSettingTab,
	openView,
	requestUrlCalls,
	runCommand,
	selectInActiveEditor,
	setActiveSelection,
	setSuggestQuery,
	shownNotices,
	statusBarEl,
	unloadPlugin,
	viewOfType,
	type FakeObsidianApp,
} from "../helpers/fake-obsidian-app";

const MANIFEST: PluginManifest = {
	id: "ai-coworker",
	name: "AI Coworker",
	version: "0.1.0",
	minAppVersion: "1.11.4",
	description: "Test manifest",
	author: "Tests",
};

let tmpDirs: string[] = [];

/** A fresh temp folder holding `files` (path → content; a path ending in "/" is an empty folder). */
function makeDir(files: Record<string, string> = {}): string {
	const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), "obsidian-double-"));
	tmpDirs.push(dir);
	for (const [path, content] of Object.entries(files)) {
		const full = nodePath.join(dir, path);
		if (path.endsWith("/")) {
			fs.mkdirSync(full, { recursive: true });
		} else {
			fs.mkdirSync(nodePath.dirname(full), { recursive: true });
			fs.writeFileSync(full, content);
		}
	}
	return dir;
}

function makeApp(files: Record<string, string> = {}): FakeObsidianApp {
	return createFakeApp(makeDir(files));
}

function file(fake: FakeObsidianApp, path: string): TFile {
	const found = fake.vault.getFileByPath(path);
	if (!found) throw new Error(`no file ${path}`);
	return found;
}

function onDisk(fake: FakeObsidianApp, path: string): string {
	return fs.readFileSync(nodePath.join(fake.vault.basePath, path), "utf8");
}

/** Records the vault events as "event:path[:oldPath]". */
function recordVaultEvents(fake: FakeObsidianApp): string[] {
	const events: string[] = [];
	fake.vault.on("create", (f) => events.push(`create:${f.path}`));
	fake.vault.on("modify", (f) => events.push(`modify:${f.path}`));
	fake.vault.on("delete", (f) => events.push(`delete:${f.path}`));
	fake.vault.on("rename", (f: TAbstractFile, oldPath: string) => events.push(`rename:${f.path}:${oldPath}`));
	return events;
}

beforeEach(() => {
	clearNotices();
});

afterEach(() => {
	vi.useRealTimers();
	clearLocalStorage();
	for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
	tmpDirs = [];
	document.body.empty();
});

describe("Events", () => {
	it("calls listeners in order with their ctx, and off/offref remove them", () => {
		const events = new Events();
		const calls: string[] = [];
		const ctx = { label: "ctx" };
		const first = (...data: unknown[]) => calls.push(`first:${data.join(",")}`);
		const ref = events.on("ping", function (this: typeof ctx, ...data: unknown[]) {
			calls.push(`second:${this.label}:${data.join(",")}`);
		}, ctx);
		events.on("ping", first);
		events.trigger("ping", 1, 2);
		events.off("ping", first);
		events.trigger("ping", 3);
		events.offref(ref);
		events.trigger("ping", 4);
		expect(calls).toEqual(["second:ctx:1,2", "first:1,2", "second:ctx:3"]);
	});

	it("keeps calling the other listeners when one throws (tryTrigger logs the error)", () => {
		const events = new Events();
		const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
		const after = vi.fn();
		events.on("boom", () => {
			throw new Error("listener failed");
		});
		events.on("boom", after);
		events.trigger("boom");
		expect(after).toHaveBeenCalledOnce();
		expect(errors).toHaveBeenCalledOnce();
		errors.mockRestore();
	});

	it("tryTrigger calls one EventRef with the given arguments", () => {
		const events = new Events();
		const listener = vi.fn();
		const ref = events.on("x", listener);
		events.tryTrigger(ref, ["a", 1]);
		expect(listener).toHaveBeenCalledWith("a", 1);
	});
});

describe("Component", () => {
	it("load runs onload once and loads children; addChild loads a child when the parent is loaded", () => {
		const log: string[] = [];
		class Named extends Component {
			constructor(private readonly label: string) {
				super();
			}
			override onload(): void {
				log.push(`load:${this.label}`);
			}
			override onunload(): void {
				log.push(`unload:${this.label}`);
			}
		}
		const parent = new Named("parent");
		parent.addChild(new Named("early"));
		parent.load();
		parent.load();
		parent.addChild(new Named("late"));
		const removed = parent.addChild(new Named("removed"));
		parent.removeChild(removed);
		parent.unload();
		parent.unload();
		expect(log).toEqual(["load:parent", "load:early", "load:late", "load:removed", "unload:removed", "unload:late", "unload:early", "unload:parent"]);
	});

	it("unload detaches registered events, clears intervals with window.clearInterval, removes DOM listeners and runs register callbacks", () => {
		const component = new Component();
		component.load();
		const events = new Events();
		const onEvent = vi.fn();
		const onClick = vi.fn();
		const cleanup = vi.fn();
		const clearInterval = vi.spyOn(window, "clearInterval");
		const button = document.body.createEl("button");
		component.registerEvent(events.on("tick", onEvent));
		const id = window.setInterval(() => undefined, 1000);
		expect(component.registerInterval(id)).toBe(id);
		component.registerDomEvent(button, "click", onClick);
		component.register(cleanup);

		events.trigger("tick");
		button.click();
		component.unload();
		events.trigger("tick");
		button.click();

		expect(onEvent).toHaveBeenCalledOnce();
		expect(onClick).toHaveBeenCalledOnce();
		expect(cleanup).toHaveBeenCalledOnce();
		expect(clearInterval).toHaveBeenCalledWith(id);
		clearInterval.mockRestore();
	});

	it("registerInterval: the interval stops firing once the component unloads", () => {
		vi.useFakeTimers();
		const component = new Component();
		component.load();
		const tick = vi.fn();
		component.registerInterval(window.setInterval(tick, 1000));
		vi.advanceTimersByTime(3000);
		expect(tick).toHaveBeenCalledTimes(3);
		component.unload();
		vi.advanceTimersByTime(5000);
		expect(tick).toHaveBeenCalledTimes(3);
		expect(vi.getTimerCount()).toBe(0);
	});
});

describe("Vault", () => {
	it("loads the tree from disk, leaving out hidden folders and files", () => {
		const fake = makeApp({ "Note.md": "# Note", "folder/Sub.md": "sub", "folder/image.png": "png", "empty/": "", ".obsidian/app.json": "{}", ".hidden.md": "x" });
		const { vault } = fake;
		expect(vault.getFiles().map((f) => f.path).sort()).toEqual(["Note.md", "folder/Sub.md", "folder/image.png"]);
		expect(vault.getMarkdownFiles().map((f) => f.path).sort()).toEqual(["Note.md", "folder/Sub.md"]);
		expect(vault.getAllLoadedFiles().map((f) => f.path).sort()).toEqual(["/", "Note.md", "empty", "folder", "folder/Sub.md", "folder/image.png"]);
		expect(vault.getAbstractFileByPath(".obsidian")).toBeNull();
		expect(vault.getName()).toBe(nodePath.basename(vault.basePath));
		expect(vault.configDir).toBe(".obsidian");

		const root = vault.getRoot();
		expect(root.isRoot()).toBe(true);
		expect(root.path).toBe("/");
		const folder = vault.getFolderByPath("folder");
		expect(folder).toBeInstanceOf(TFolder);
		expect(folder?.isRoot()).toBe(false);
		expect(folder?.parent).toBe(root);
		expect(folder?.children.map((c) => c.name).sort()).toEqual(["Sub.md", "image.png"]);
		expect(vault.getFileByPath("folder")).toBeNull();
		expect(vault.getFolderByPath("Note.md")).toBeNull();

		const sub = file(fake, "folder/Sub.md");
		expect(sub).toBeInstanceOf(TFile);
		expect([sub.name, sub.basename, sub.extension, sub.parent?.path]).toEqual(["Sub.md", "Sub", "md", "folder"]);
		expect(sub.vault).toBe(vault);
		const stats = fs.statSync(nodePath.join(vault.basePath, "folder/Sub.md"));
		expect(sub.stat.size).toBe(3);
		expect(sub.stat.mtime).toBe(Math.round(stats.mtimeMs));
	});

	it("create writes the file, emits 'create', and throws if the file exists or its folder does not", async () => {
		const fake = makeApp({ "Existing.md": "old" });
		const events = recordVaultEvents(fake);
		const created = await fake.vault.create("New.md", "hello");
		expect(created).toBeInstanceOf(TFile);
		expect(created.parent).toBe(fake.vault.getRoot());
		expect(onDisk(fake, "New.md")).toBe("hello");
		expect(created.stat.size).toBe(5);
		expect(events).toEqual(["create:New.md"]);

		await expect(fake.vault.create("Existing.md", "new")).rejects.toThrow("File already exists.");
		expect(onDisk(fake, "Existing.md")).toBe("old");
		await expect(fake.vault.create("missing/Note.md", "")).rejects.toThrow(/ENOENT/);
		await expect(fake.vault.create("What: now?.md", "")).rejects.toThrow(/cannot contain/);
		await expect(fake.vault.create("/leading.md", "")).rejects.toThrow(/normalizePath/);
	});

	it("createFolder creates missing parents with a 'create' each and throws if the folder exists", async () => {
		const fake = makeApp();
		const events = recordVaultEvents(fake);
		const folder = await fake.vault.createFolder("a/b");
		expect(folder.path).toBe("a/b");
		expect(folder.parent?.path).toBe("a");
		expect(fs.statSync(nodePath.join(fake.vault.basePath, "a/b")).isDirectory()).toBe(true);
		expect(events).toEqual(["create:a", "create:a/b"]);
		await expect(fake.vault.createFolder("a")).rejects.toThrow("Folder already exists.");
	});

	it("modify and append write through, update stat and emit 'modify'", async () => {
		const fake = makeApp({ "Note.md": "one" });
		const note = file(fake, "Note.md");
		const events = recordVaultEvents(fake);
		await fake.vault.modify(note, "two", { mtime: 1_700_000_000_000 });
		expect(note.stat.mtime).toBe(1_700_000_000_000);
		await fake.vault.append(note, "+three");
		expect(onDisk(fake, "Note.md")).toBe("two+three");
		expect(note.stat.size).toBe("two+three".length);
		expect(await fake.vault.read(note)).toBe("two+three");
		expect(events).toEqual(["modify:Note.md", "modify:Note.md"]);
	});

	it("mutations are asynchronous: nothing happens before the returned promise settles", async () => {
		const fake = makeApp();
		const pending = fake.vault.create("Later.md", "x");
		expect(fake.vault.getFileByPath("Later.md")).toBeNull();
		await pending;
		expect(fake.vault.getFileByPath("Later.md")).not.toBeNull();
	});

	it("cachedRead serves the cache until the watcher reports an outside change; read always goes to disk", async () => {
		const fake = makeApp({ "Note.md": "v1" });
		const note = file(fake, "Note.md");
		expect(await fake.vault.cachedRead(note)).toBe("v1");
		fs.writeFileSync(nodePath.join(fake.vault.basePath, "Note.md"), "v2");
		expect(await fake.vault.cachedRead(note)).toBe("v1");
		expect(await fake.vault.read(note)).toBe("v2");
		fs.writeFileSync(nodePath.join(fake.vault.basePath, "Note.md"), "v3");
		await fake.vault.simulateExternalChange("Note.md");
		expect(await fake.vault.cachedRead(note)).toBe("v3");
	});

	it("process is atomic: concurrent calls lose no update, and a throwing fn writes nothing", async () => {
		const fake = makeApp({ "Counter.md": "0" });
		const counter = file(fake, "Counter.md");
		const events = recordVaultEvents(fake);
		const results = await Promise.all([
			fake.vault.process(counter, (data) => String(Number(data) + 1)),
			fake.vault.modify(counter, "10"),
			fake.vault.process(counter, (data) => String(Number(data) + 1)),
			fake.vault.process(counter, (data) => String(Number(data) + 1)),
		]);
		expect(results).toEqual(["1", undefined, "11", "12"]);
		expect(onDisk(fake, "Counter.md")).toBe("12");
		expect(events).toEqual(Array(4).fill("modify:Counter.md"));

		await expect(
			fake.vault.process(counter, () => {
				throw new Error("no");
			}),
		).rejects.toThrow("no");
		expect(onDisk(fake, "Counter.md")).toBe("12");
		expect(events).toHaveLength(4);
	});

	it("rename updates the TFile and emits 'rename' with (file, oldPath), descendants included for a folder", async () => {
		const fake = makeApp({ "Inbox/Draft.md": "d", "Inbox/deep/Idea.md": "i", "Taken.md": "t" });
		const draft = file(fake, "Inbox/Draft.md");
		const renames: [TAbstractFile, string][] = [];
		fake.vault.on("rename", (f: TAbstractFile, oldPath: string) => renames.push([f, oldPath]));

		await fake.vault.rename(draft, "Archive/2024/Final.txt");
		expect([draft.path, draft.name, draft.basename, draft.extension, draft.parent?.path]).toEqual(["Archive/2024/Final.txt", "Final.txt", "Final", "txt", "Archive/2024"]);
		expect(renames).toEqual([[draft, "Inbox/Draft.md"]]);
		expect(fake.vault.getFileByPath("Inbox/Draft.md")).toBeNull();
		expect(fake.vault.getFileByPath("Archive/2024/Final.txt")).toBe(draft);
		expect(fake.vault.getFolderByPath("Inbox")?.children.map((c) => c.name)).toEqual(["deep"]);
		expect(onDisk(fake, "Archive/2024/Final.txt")).toBe("d");

		const inbox = fake.vault.getFolderByPath("Inbox");
		if (!inbox) throw new Error("no Inbox");
		const idea = file(fake, "Inbox/deep/Idea.md");
		renames.length = 0;
		await fake.vault.rename(inbox, "Done");
		expect(renames.map(([f, oldPath]) => `${oldPath} -> ${f.path}`)).toEqual(["Inbox -> Done", "Inbox/deep -> Done/deep", "Inbox/deep/Idea.md -> Done/deep/Idea.md"]);
		expect(idea.path).toBe("Done/deep/Idea.md");
		expect(fake.vault.getFileByPath("Done/deep/Idea.md")).toBe(idea);

		await expect(fake.vault.rename(idea, "Taken.md")).rejects.toThrow("Destination file already exists!");
	});

	it("delete removes files and folders (children first) and emits 'delete'; trash moves to .trash", async () => {
		const fake = makeApp({ "a/One.md": "1", "a/b/Two.md": "2", "Three.md": "3" });
		const events = recordVaultEvents(fake);
		const folder = fake.vault.getFolderByPath("a");
		if (!folder) throw new Error("no folder");
		await fake.vault.delete(folder, true);
		expect([...events].sort()).toEqual(["delete:a", "delete:a/One.md", "delete:a/b", "delete:a/b/Two.md"]);
		expect(events.indexOf("delete:a/b/Two.md")).toBeLessThan(events.indexOf("delete:a/b"));
		expect(events.at(-1)).toBe("delete:a");
		expect(fs.existsSync(nodePath.join(fake.vault.basePath, "a"))).toBe(false);

		events.length = 0;
		await fake.vault.trash(file(fake, "Three.md"), true);
		expect(events).toEqual(["delete:Three.md"]);
		expect(fake.vault.getFileByPath("Three.md")).toBeNull();
		expect(fs.readFileSync(nodePath.join(fake.vault.basePath, ".trash/Three.md"), "utf8")).toBe("3");
	});

	it("copy creates a new file with 'create' and throws if the target exists", async () => {
		const fake = makeApp({ "Source.md": "content" });
		const events = recordVaultEvents(fake);
		const copy = await fake.vault.copy(file(fake, "Source.md"), "Copy.md");
		expect(copy.path).toBe("Copy.md");
		expect(onDisk(fake, "Copy.md")).toBe("content");
		expect(events).toEqual(["create:Copy.md"]);
		await expect(fake.vault.copy(copy, "Source.md")).rejects.toThrow("File already exists.");
	});

	it("the adapter works on disk with vault-relative paths, config dir included", async () => {
		const fake = makeApp({ ".obsidian/app.json": "{}" });
		const { adapter } = fake.vault;
		await adapter.mkdir(".obsidian/plugins/x");
		await adapter.write(".obsidian/plugins/x/data.json", '{"a":1}');
		expect(await adapter.exists(".obsidian/plugins/x/data.json")).toBe(true);
		expect(await adapter.read(".obsidian/plugins/x/data.json")).toBe('{"a":1}');
		expect(await adapter.list(".obsidian")).toEqual({ files: [".obsidian/app.json"], folders: [".obsidian/plugins"] });
		expect(await adapter.stat(".obsidian/plugins/x/data.json")).toMatchObject({ type: "file", size: 7 });
		expect(await adapter.stat("nothing")).toBeNull();
		await adapter.rename(".obsidian/plugins/x/data.json", ".obsidian/plugins/x/old.json");
		await adapter.remove(".obsidian/plugins/x/old.json");
		expect(await adapter.exists(".obsidian/plugins/x/old.json")).toBe(false);
		expect(fake.vault.getAllLoadedFiles().map((f) => f.path)).toEqual(["/"]);
	});

	it("adapter writes to visible paths reach the vault tree and its events, as the file watcher would report them", async () => {
		const fake = makeApp({ "Seen.md": "1" });
		const events = recordVaultEvents(fake);
		await fake.vault.adapter.write("Seen.md", "2");
		await fake.vault.adapter.write("Fresh.md", "new");
		await fake.vault.adapter.write(".obsidian-like.md", "hidden");
		expect(events).toEqual(["modify:Seen.md", "create:Fresh.md"]);
		expect(await fake.vault.cachedRead(file(fake, "Seen.md"))).toBe("2");
	});

	it("simulateExternalChange updates the tree and emits create / modify / delete like the file watcher", async () => {
		const fake = makeApp({ "Old.md": "old" });
		const events = recordVaultEvents(fake);
		const created = await fake.vault.simulateExternalChange("synced/New.md", "from sync");
		expect(created).toBeInstanceOf(TFile);
		expect(fake.vault.getFileByPath("synced/New.md")).toBe(created);
		await fake.vault.simulateExternalChange("Old.md", "edited elsewhere");
		expect(file(fake, "Old.md").stat.size).toBe("edited elsewhere".length);
		await fake.vault.simulateExternalChange("Old.md", null);
		expect(fake.vault.getFileByPath("Old.md")).toBeNull();
		expect(await fake.vault.simulateExternalChange(".obsidian/workspace.json", "{}")).toBeNull();
		expect(events).toEqual(["create:synced", "create:synced/New.md", "modify:Old.md", "delete:Old.md"]);
	});
});

describe("app start-up (createFakeApp, loadPlugin, bootLayout)", () => {
	it("fires 'create' for existing files before layout ready, to handlers registered in onload but not in onLayoutReady", async () => {
		const fake = makeApp({ "A.md": "a", "folder/B.md": "b" });
		const seenInOnload: string[] = [];
		const seenAfterReady: string[] = [];
		const order: string[] = [];
		class StartupPlugin extends Plugin {
			override async onload(): Promise<void> {
				await Promise.resolve();
				this.registerEvent(this.app.vault.on("create", (f) => seenInOnload.push(f.path)));
				this.app.workspace.onLayoutReady(() => {
					order.push(`ready:${String(this.app.workspace.layoutReady)}:${seenInOnload.length}`);
					this.registerEvent(this.app.vault.on("create", (f) => seenAfterReady.push(f.path)));
				});
			}
		}
		const plugin = await loadPlugin(StartupPlugin, fake.app, MANIFEST);
		expect(fake.workspace.layoutReady).toBe(false);
		expect(order).toEqual([]);
		fake.bootLayout();
		expect(seenInOnload).toEqual(["A.md", "folder", "folder/B.md"]);
		expect(order).toEqual(["ready:true:3"]);
		expect(seenAfterReady).toEqual([]);

		fake.workspace.onLayoutReady(() => order.push("immediate"));
		expect(order).toEqual(["ready:true:3", "immediate"]);
		await fake.vault.create("C.md", "c");
		expect(seenAfterReady).toEqual(["C.md"]);
		fake.bootLayout();
		expect(seenInOnload).toHaveLength(4);
		unloadPlugin(plugin);
	});

	it("runs queued onLayoutReady callbacks in order", () => {
		const fake = makeApp();
		const order: number[] = [];
		fake.workspace.onLayoutReady(() => order.push(1));
		fake.workspace.onLayoutReady(() => order.push(2));
		expect(order).toEqual([]);
		fake.bootLayout();
		expect(order).toEqual([1, 2]);
	});
});

describe("Plugin", () => {
	it("awaits onload, prefixes commands, runs callback/checkCallback, and removes everything on unload", async () => {
		const fake = makeApp();
		const ran: string[] = [];
		let available = false;
		class TestPlugin extends Plugin {
			loaded = false;
			override async onload(): Promise<void> {
				await new Promise((resolve) => setTimeout(resolve, 5));
				this.addCommand({ id: "summarize", name: "Summarize", callback: () => ran.push("summarize") });
				this.addCommand({
					id: "delegate",
					name: "Delegate",
					checkCallback: (checking) => {
						if (!available) return false;
						if (!checking) ran.push("delegate");
						return true;
					},
				});
				this.addStatusBarItem().setText("Idle");
				this.loaded = true;
			}
		}
		const plugin = await loadPlugin(TestPlugin, fake.app, MANIFEST);
		expect(plugin.loaded).toBe(true);
		expect(plugin.manifest.dir).toBe(".obsidian/plugins/ai-coworker");
		expect(listCommands(fake.app).map((c) => [c.id, c.name])).toEqual([
			["ai-coworker:summarize", "AI Coworker: Summarize"],
			["ai-coworker:delegate", "AI Coworker: Delegate"],
		]);
		expect(runCommand(fake.app, "ai-coworker:summarize")).toBe(true);
		expect(runCommand(fake.app, "ai-coworker:delegate")).toBe(false);
		available = true;
		expect(runCommand(fake.app, "ai-coworker:delegate")).toBe(true);
		expect(ran).toEqual(["summarize", "delegate"]);
		expect(statusBarEl(fake.app).getText()).toBe("Idle");

		unloadPlugin(plugin);
		expect(listCommands(fake.app)).toEqual([]);
		expect(statusBarEl(fake.app).children).toHaveLength(0);
	});

	it("loadData is null until saveData writes data.json in the plugin folder", async () => {
		const fake = makeApp();
		class DataPlugin extends Plugin {}
		const plugin = await loadPlugin(DataPlugin, fake.app, MANIFEST);
		expect(await plugin.loadData()).toBeNull();
		await plugin.saveData({ model: "m", limit: 3 });
		expect(JSON.parse(onDisk(fake, ".obsidian/plugins/ai-coworker/data.json"))).toEqual({ model: "m", limit: 3 });
		expect(await plugin.loadData()).toEqual({ model: "m", limit: 3 });
		expect(fake.vault.getAllLoadedFiles().map((f) => f.path)).toEqual(["/"]);
	});

	it("calls onExternalSettingsChange when data.json changes from outside, not on its own saveData", async () => {
		const fake = makeApp();
		const onChange = vi.fn();
		class SyncedPlugin extends Plugin {
			override onExternalSettingsChange(): void {
				onChange();
			}
		}
		const plugin = await loadPlugin(SyncedPlugin, fake.app, MANIFEST);
		await plugin.saveData({ a: 1 });
		expect(onChange).not.toHaveBeenCalled();
		await fake.vault.simulateExternalChange(".obsidian/plugins/ai-coworker/data.json", '{"a":2}');
		expect(onChange).toHaveBeenCalledOnce();
		unloadPlugin(plugin);
		await fake.vault.simulateExternalChange(".obsidian/plugins/ai-coworker/data.json", '{"a":3}');
		expect(onChange).toHaveBeenCalledOnce();
	});
});

describe("Workspace", () => {
	it("getLeaf().openFile records the file and makes it the active file, firing 'file-open'", async () => {
		const fake = makeApp({ "A.md": "a", "B.md": "b" });
		const opened: (string | undefined)[] = [];
		fake.workspace.on("file-open", (f) => opened.push(f?.path));
		expect(fake.workspace.getActiveFile()).toBeNull();
		await fake.workspace.getLeaf().openFile(file(fake, "A.md"));
		expect(fake.workspace.getActiveFile()?.path).toBe("A.md");
		const tab = fake.workspace.getLeaf("tab");
		await tab.openFile(file(fake, "B.md"), { state: { mode: "source" } });
		expect(fake.workspace.getActiveFile()?.path).toBe("B.md");
		expect(fake.workspace.openedFiles.map((o) => [o.path, o.leaf === tab])).toEqual([
			["A.md", false],
			["B.md", true],
		]);
		expect(opened).toEqual(["A.md", "B.md"]);
	});

	it("openLinkText resolves a name or path with #heading and records { path, subpath }; an unresolved link creates the note", async () => {
		const fake = makeApp({ "notes/Project Plan.md": "p", "Home.md": "h" });
		await fake.workspace.openLinkText("Project Plan#Goals", "Home.md");
		await fake.workspace.openLinkText("notes/Project Plan", "Home.md", true);
		await fake.workspace.openLinkText("#Top", "Home.md");
		await fake.workspace.openLinkText("Brand new", "Home.md", "tab");
		expect(fake.workspace.openedLinks.map(({ path, subpath, created }) => ({ path, subpath, created }))).toEqual([
			{ path: "notes/Project Plan.md", subpath: "#Goals", created: false },
			{ path: "notes/Project Plan.md", subpath: "", created: false },
			{ path: "Home.md", subpath: "#Top", created: false },
			{ path: "Brand new.md", subpath: "", created: true },
		]);
		expect(fake.workspace.openedFiles[0]?.openState?.eState).toEqual({ subpath: "#Goals" });
		expect(fake.vault.getFileByPath("Brand new.md")).not.toBeNull();
	});
});

describe("Views (Plugin.registerView, WorkspaceLeaf.setViewState, ItemView)", () => {
	const VIEW_TYPE_EXAMPLE = "example-view";
	let created: ExampleView[] = [];
	let log: string[] = [];

	/** The view of Plugins/User interface/Views.md, with a slow onOpen and some lifecycle bookkeeping. */
	class ExampleView extends ItemView {
		topic = "";
		opened = false;
		readonly ticks = vi.fn();
		readonly pings = vi.fn();
		readonly events = new Events();

		constructor(leaf: WorkspaceLeaf) {
			super(leaf);
			created.push(this);
		}

		getViewType(): string {
			return VIEW_TYPE_EXAMPLE;
		}

		getDisplayText(): string {
			return "Example view";
		}

		override getIcon(): string {
			return "dice";
		}

		override onload(): void {
			log.push("load");
		}

		override onunload(): void {
			log.push("unload");
		}

		override async onOpen(): Promise<void> {
			log.push("open");
			// Many plugins still build into containerEl.children[1]; it is contentEl.
			const container = this.containerEl.children[1] as HTMLElement;
			container.empty();
			container.createEl("h4", { text: "Example view" });
			this.registerEvent(this.events.on("ping", this.pings));
			this.registerInterval(window.setInterval(this.ticks, 1000));
			await new Promise((resolve) => setTimeout(resolve, 5));
			this.opened = true;
		}

		override async onClose(): Promise<void> {
			log.push("close");
		}

		override getState(): Record<string, unknown> {
			return { topic: this.topic };
		}

		override async setState(state: { topic?: string }, result: ViewStateResult): Promise<void> {
			log.push(`setState:${state.topic ?? ""}`);
			if (state.topic !== undefined) this.topic = state.topic;
		}
	}

	/** The plugin of Plugins/User interface/Views.md. */
	class ExamplePlugin extends Plugin {
		override async onload(): Promise<void> {
			this.registerView(VIEW_TYPE_EXAMPLE, (leaf) => new ExampleView(leaf));
		}

		async activateView(): Promise<WorkspaceLeaf> {
			const { workspace } = this.app;
			let leaf = workspace.getLeavesOfType(VIEW_TYPE_EXAMPLE)[0] ?? null;
			if (!leaf) {
				leaf = workspace.getRightLeaf(false);
				if (!leaf) throw new Error("no right leaf");
				await leaf.setViewState({ type: VIEW_TYPE_EXAMPLE, active: true });
			}
			await workspace.revealLeaf(leaf);
			return leaf;
		}
	}

	function onlyView(): ExampleView {
		const [view] = created;
		if (!view || created.length !== 1) throw new Error(`${created.length} views were created`);
		return view;
	}

	beforeEach(() => {
		created = [];
		log = [];
	});

	it("the guide's activateView: setViewState builds the registered view in a right-sidebar leaf and awaits onOpen; revealLeaf shows it", async () => {
		const fake = makeApp();
		const plugin = await loadPlugin(ExamplePlugin, fake.app, MANIFEST);
		expect(openView(fake.app, VIEW_TYPE_EXAMPLE)).toBeNull();
		expect(viewOfType(fake.app, VIEW_TYPE_EXAMPLE)).toBeNull();
		fake.workspace.rightSplit.collapse();
		const changes: (WorkspaceLeaf | null)[] = [];
		fake.workspace.on("active-leaf-change", (leaf) => changes.push(leaf));

		const leaf = await plugin.activateView();
		const view = onlyView();
		expect(view.opened).toBe(true);
		expect(log).toEqual(["load", "open", "setState:"]);
		expect(leaf.view).toBe(view);
		expect(view.leaf).toBe(leaf);
		expect(view.app).toBe(fake.app);
		expect(leafArea(leaf)).toBe("right");
		expect(fake.workspace.getLeavesOfType(VIEW_TYPE_EXAMPLE)).toEqual([leaf]);
		expect(openView(fake.app, VIEW_TYPE_EXAMPLE)).toBe(leaf);
		expect(viewOfType<ExampleView>(fake.app, VIEW_TYPE_EXAMPLE)).toBe(view);
		expect([view.getViewType(), view.getDisplayText(), view.getIcon()]).toEqual([VIEW_TYPE_EXAMPLE, "Example view", "dice"]);
		expect(leaf.getViewState()).toEqual({ type: VIEW_TYPE_EXAMPLE, state: { topic: "" } });
		// `active: true` made it the active leaf; revealLeaf expanded the collapsed sidebar.
		expect(fake.workspace.getActiveViewOfType(ExampleView)).toBe(view);
		expect(changes).toEqual([leaf]);
		expect(fake.workspace.revealedLeaves).toEqual([leaf]);
		expect(fake.workspace.rightSplit.collapsed).toBe(false);
		expect(fake.workspace.isLeafVisible(leaf)).toBe(true);

		// Asking again reuses the leaf (the guide's getLeavesOfType check): no second view.
		expect(await plugin.activateView()).toBe(leaf);
		expect(created).toHaveLength(1);
		expect(fake.workspace.revealedLeaves).toEqual([leaf, leaf]);
	});

	it("ItemView: containerEl holds the header then the content, children[1] being contentEl; addAction adds a header button", async () => {
		const fake = makeApp();
		await loadPlugin(ExamplePlugin, fake.app, MANIFEST);
		const leaf = fake.workspace.getRightLeaf(false);
		if (!leaf) throw new Error("no right leaf");
		await leaf.setViewState({ type: VIEW_TYPE_EXAMPLE });
		const view = onlyView();
		expect(view.containerEl.children).toHaveLength(2);
		expect(view.containerEl.children[0]?.hasClass("view-header")).toBe(true);
		expect(view.containerEl.children[1]).toBe(view.contentEl);
		expect(view.contentEl.hasClass("view-content")).toBe(true);
		expect(view.contentEl.querySelector("h4")?.getText()).toBe("Example view");

		const refresh = vi.fn();
		const action = view.addAction("refresh-cw", "Refresh", refresh);
		expect(view.containerEl.children[0]?.contains(action)).toBe(true);
		expect(action.getAttr("aria-label")).toBe("Refresh");
		action.click();
		expect(refresh).toHaveBeenCalledOnce();
	});

	it("setViewState keeps a view of the same type and hands it the state; an unknown type rejects; a taken type cannot be registered", async () => {
		const fake = makeApp();
		const plugin = await loadPlugin(ExamplePlugin, fake.app, MANIFEST);
		const tab = fake.workspace.getLeaf();
		const leaf = fake.workspace.getLeaf(true);
		await leaf.setViewState({ type: VIEW_TYPE_EXAMPLE, state: { topic: "roadmap" } });
		await leaf.setViewState({ type: VIEW_TYPE_EXAMPLE, state: { topic: "budget" } });
		expect(onlyView().topic).toBe("budget");
		expect(log).toEqual(["load", "open", "setState:roadmap", "setState:budget"]);
		// Not active: another tab was, and setViewState had no `active`.
		expect(fake.workspace.getActiveViewOfType(ExampleView)).toBeNull();
		expect(tab.view.getViewType()).toBe("empty");

		await expect(leaf.setViewState({ type: "nobody-registered-this" })).rejects.toThrow('No view type "nobody-registered-this" is registered');
		expect(leaf.view).toBe(onlyView());
		expect(() => plugin.registerView(VIEW_TYPE_EXAMPLE, (l) => new ExampleView(l))).toThrow(`Attempting to register an existing view type "${VIEW_TYPE_EXAMPLE}"`);
		expect(() => plugin.registerView("markdown", (l) => new ExampleView(l))).toThrow('existing view type "markdown"');

		await leaf.setViewState({ type: "empty" });
		expect(leaf.view.getViewType()).toBe("empty");
		expect(log.slice(-2)).toEqual(["close", "unload"]);
	});

	it("the view is a Component: detach calls onClose, then unloads it, so its events and intervals stop", async () => {
		const fake = makeApp();
		await loadPlugin(ExamplePlugin, fake.app, MANIFEST);
		const leaf = fake.workspace.getRightLeaf(false);
		if (!leaf) throw new Error("no right leaf");
		// Only intervals are faked: onOpen's setTimeout still runs.
		vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
		await leaf.setViewState({ type: VIEW_TYPE_EXAMPLE });
		const view = onlyView();
		vi.advanceTimersByTime(2000);
		view.events.trigger("ping");
		expect([view.ticks.mock.calls.length, view.pings.mock.calls.length]).toEqual([2, 1]);

		leaf.detach();
		expect(log).toContain("close");
		await fake.workspace.settleViews();
		expect(log).toEqual(["load", "open", "setState:", "close", "unload"]);
		vi.advanceTimersByTime(5000);
		view.events.trigger("ping");
		expect([view.ticks.mock.calls.length, view.pings.mock.calls.length]).toEqual([2, 1]);
		expect(fake.workspace.getLeavesOfType(VIEW_TYPE_EXAMPLE)).toEqual([]);
		expect(fake.workspace.isLeafVisible(leaf)).toBe(false);
	});

	it("detachLeavesOfType closes the type's leaves in every area; getLeftLeaf makes left-sidebar leaves", async () => {
		const fake = makeApp();
		await loadPlugin(ExamplePlugin, fake.app, MANIFEST);
		const left = fake.workspace.getLeftLeaf(true);
		const right = fake.workspace.getRightLeaf(true);
		if (!left || !right) throw new Error("no sidebar leaf");
		await left.setViewState({ type: VIEW_TYPE_EXAMPLE });
		await right.setViewState({ type: VIEW_TYPE_EXAMPLE });
		const main = fake.workspace.getLeaf();
		expect([leafArea(left), leafArea(right), leafArea(main)]).toEqual(["left", "right", "main"]);
		expect(fake.workspace.getLeavesOfType(VIEW_TYPE_EXAMPLE)).toEqual([left, right]);

		fake.workspace.detachLeavesOfType(VIEW_TYPE_EXAMPLE);
		await fake.workspace.settleViews();
		expect(log.filter((entry) => entry === "close")).toHaveLength(2);
		expect(fake.workspace.getLeavesOfType(VIEW_TYPE_EXAMPLE)).toEqual([]);
		const all: WorkspaceLeaf[] = [];
		fake.workspace.iterateAllLeaves((leaf) => all.push(leaf));
		expect(all).toEqual([main]);
	});

	it("a sidebar view does not take notes: getLeaf() is the main area's most recent leaf; setActiveLeaf switches the active view", async () => {
		const fake = makeApp({ "Plan.md": "plan" });
		const plugin = await loadPlugin(ExamplePlugin, fake.app, MANIFEST);
		const note = await openNote(fake.app, "Plan.md");
		const sidebar = await plugin.activateView();
		const view = onlyView();
		expect(fake.workspace.getActiveViewOfType(ExampleView)).toBe(view);
		expect(fake.workspace.getActiveViewOfType(MarkdownView)).toBeNull();
		expect(fake.workspace.getActiveFile()?.path).toBe("Plan.md");
		expect(fake.workspace.getMostRecentLeaf()).toBe(note.leaf);
		expect(fake.workspace.getLeaf()).toBe(note.leaf);

		expect(await openNote(fake.app, "Plan.md")).toBe(note);
		expect(sidebar.view).toBe(view);
		expect(fake.workspace.getActiveViewOfType(MarkdownView)).toBe(note);

		const events: string[] = [];
		fake.workspace.on("active-leaf-change", (leaf) => events.push(`leaf:${leaf?.view.getViewType() ?? "none"}`));
		fake.workspace.on("file-open", (f) => events.push(`file:${f?.path ?? "none"}`));
		fake.workspace.setActiveLeaf(sidebar, { focus: true });
		fake.workspace.setActiveLeaf(sidebar);
		fake.workspace.setActiveLeaf(note.leaf);
		// The active file stays Plan.md throughout, so no 'file-open'.
		expect(events).toEqual([`leaf:${VIEW_TYPE_EXAMPLE}`, "leaf:markdown"]);
	});

	it("unloading the plugin closes its views but keeps their leaves; loading it again rebuilds them in place, with their state", async () => {
		const fake = makeApp();
		const plugin = await loadPlugin(ExamplePlugin, fake.app, MANIFEST);
		const leaf = await plugin.activateView();
		await leaf.setViewState({ type: VIEW_TYPE_EXAMPLE, state: { topic: "roadmap" } });
		const first = onlyView();

		unloadPlugin(plugin);
		expect(log).toContain("close");
		await fake.workspace.settleViews();
		expect(log.slice(-2)).toEqual(["close", "unload"]);
		expect(fake.workspace.getLeavesOfType(VIEW_TYPE_EXAMPLE)).toEqual([]);
		expect(viewOfType(fake.app, VIEW_TYPE_EXAMPLE)).toBeNull();
		expect(leaf.view.getViewType()).toBe("empty");
		expect(leafArea(leaf)).toBe("right");
		await expect(leaf.setViewState({ type: VIEW_TYPE_EXAMPLE })).rejects.toThrow("is registered");

		// The user re-enables (or updates) the plugin: the same leaf shows a new view, as it was.
		await loadPlugin(ExamplePlugin, fake.app, MANIFEST);
		expect(fake.workspace.getLeavesOfType(VIEW_TYPE_EXAMPLE)).toEqual([leaf]);
		const second = viewOfType<ExampleView>(fake.app, VIEW_TYPE_EXAMPLE);
		expect(second).toBe(created[1]);
		expect(second).not.toBe(first);
		expect([second?.opened, second?.topic]).toEqual([true, "roadmap"]);
	});
});

describe("MetadataCache", () => {
	it("getFirstLinkpathDest resolves exact paths, path + .md, and names (case-insensitive, same folder first)", () => {
		const fake = makeApp({ "Home.md": "", "a/Note.md": "", "b/Note.md": "", "b/Other.md": "", "img/pic.png": "", "Unique.md": "" });
		const resolve = (link: string, source = "Home.md") => fake.metadataCache.getFirstLinkpathDest(link, source)?.path ?? null;
		expect(resolve("a/Note.md")).toBe("a/Note.md");
		expect(resolve("b/Note")).toBe("b/Note.md");
		expect(resolve("unique")).toBe("Unique.md");
		expect(resolve("pic.png")).toBe("img/pic.png");
		expect(resolve("Note", "b/Other.md")).toBe("b/Note.md");
		expect(resolve("Note", "a/x.md")).toBe("a/Note.md");
		expect(resolve("./Other", "b/Note.md")).toBe("b/Other.md");
		expect(resolve("Missing")).toBeNull();
		// Case-insensitive, as on macOS and Windows file systems, for a full path as for a name.
		expect(resolve("A/NOTE")).toBe("a/Note.md");
		expect(resolve("b/other.md")).toBe("b/Other.md");
	});

	it("getFileCache holds the parsed frontmatter from create/modify on, null before, none without a block or with bad YAML", async () => {
		const fake = makeApp({ "Note.md": "---\ncoworker: deliverable\ndate: 2024-01-02\n---\nbody", "Plain.md": "body", "Bad.md": "---\nkey: [unclosed\n---\n" });
		const note = file(fake, "Note.md");
		expect(fake.metadataCache.getFileCache(note)).toBeNull();
		const changed: string[] = [];
		fake.metadataCache.on("changed", (f: TFile) => changed.push(f.path));
		fake.bootLayout();
		expect(fake.metadataCache.getFileCache(note)?.frontmatter).toEqual({ coworker: "deliverable", date: "2024-01-02" });
		expect(fake.metadataCache.getFileCache(file(fake, "Plain.md"))?.frontmatter).toBeUndefined();
		expect(fake.metadataCache.getFileCache(file(fake, "Bad.md"))?.frontmatter).toBeUndefined();
		expect(changed.sort()).toEqual(["Bad.md", "Note.md", "Plain.md"]);
		await fake.vault.modify(note, "no frontmatter now");
		expect(fake.metadataCache.getFileCache(note)?.frontmatter).toBeUndefined();
		await fake.vault.rename(note, "Moved.md");
		expect(fake.metadataCache.getFileCache(note)).not.toBeNull();
	});

	it("fileToLinktext uses the name when unique, else the full path", () => {
		const fake = makeApp({ "a/Note.md": "", "b/Note.md": "", "c/Solo.md": "", "c/pic.png": "" });
		const { metadataCache } = fake;
		expect(metadataCache.fileToLinktext(file(fake, "c/Solo.md"), "")).toBe("Solo");
		expect(metadataCache.fileToLinktext(file(fake, "c/Solo.md"), "", false)).toBe("Solo.md");
		expect(metadataCache.fileToLinktext(file(fake, "a/Note.md"), "")).toBe("a/Note");
		expect(metadataCache.fileToLinktext(file(fake, "c/pic.png"), "")).toBe("pic.png");
	});
});

describe("FileManager", () => {
	it("processFrontMatter hands the frontmatter object to fn and writes it back, keeping the body byte for byte", async () => {
		const body = "# Title\n\nText with --- dashes\n---\nand trailing spaces  \n";
		const fake = makeApp({ "Note.md": `---\ntitle: Old\ndate: 2024-01-02\ntags:\n  - a\n---\n${body}`, "Plain.md": body });
		let seen: unknown;
		await fake.fileManager.processFrontMatter(file(fake, "Note.md"), (fm: Record<string, unknown>) => {
			seen = { ...fm };
			fm.title = "New";
			fm.status = "done";
			delete fm.tags;
		});
		expect(seen).toEqual({ title: "Old", date: "2024-01-02", tags: ["a"] });
		expect(onDisk(fake, "Note.md")).toBe(`---\ntitle: New\ndate: 2024-01-02\nstatus: done\n---\n${body}`);

		await fake.fileManager.processFrontMatter(file(fake, "Plain.md"), (fm: Record<string, unknown>) => {
			fm.source = "[[Note]]";
		});
		const plain = onDisk(fake, "Plain.md");
		expect(plain).toMatch(/^---\nsource: (["'])\[\[Note\]\]\1\n---\n/);
		expect(plain.endsWith(`\n---\n${body}`)).toBe(true);
	});

	it("processFrontMatter re-serialises the whole block, as Obsidian does: comments and quoting are not kept", async () => {
		const fake = makeApp({ "Note.md": "---\ntitle: 'Old'   # the working title\nlist: [a, b]\n---\nbody\n" });
		await fake.fileManager.processFrontMatter(file(fake, "Note.md"), (fm: Record<string, unknown>) => {
			fm.status = "approved";
		});
		expect(onDisk(fake, "Note.md")).toBe("---\ntitle: Old\nlist:\n  - a\n  - b\nstatus: approved\n---\nbody\n");
	});

	it("processFrontMatter rejects on bad YAML or a throwing fn and leaves the file untouched", async () => {
		const bad = "---\nkey: [unclosed\n---\nbody\n";
		const fake = makeApp({ "Bad.md": bad, "Good.md": "---\na: 1\n---\nbody\n" });
		await expect(fake.fileManager.processFrontMatter(file(fake, "Bad.md"), () => undefined)).rejects.toMatchObject({ name: "YAMLParseError" });
		expect(onDisk(fake, "Bad.md")).toBe(bad);
		await expect(
			fake.fileManager.processFrontMatter(file(fake, "Good.md"), () => {
				throw new Error("fn failed");
			}),
		).rejects.toThrow("fn failed");
		expect(onDisk(fake, "Good.md")).toBe("---\na: 1\n---\nbody\n");
	});

	it("generateMarkdownLink makes [[wikilinks]] with the shortest unique linktext, subpath and alias", () => {
		const fake = makeApp({ "notes/Plan.md": "", "a/Dup.md": "", "b/Dup.md": "" });
		const { fileManager } = fake;
		expect(fileManager.generateMarkdownLink(file(fake, "notes/Plan.md"), "Home.md")).toBe("[[Plan]]");
		expect(fileManager.generateMarkdownLink(file(fake, "notes/Plan.md"), "Home.md", "#Goals", "the plan")).toBe("[[Plan#Goals|the plan]]");
		expect(fileManager.generateMarkdownLink(file(fake, "notes/Plan.md"), "Home.md", undefined, "")).toBe("[[Plan]]");
		expect(fileManager.generateMarkdownLink(file(fake, "a/Dup.md"), "Home.md")).toBe("[[a/Dup]]");
	});

	it("renameFile renames and rewrites the wikilinks that pointed to the file", async () => {
		const fake = makeApp({ "Draft.md": "x", "Index.md": "See [[Draft]], [[Draft#Intro|intro]] and ![[Draft]] but not [[Drafts]].\n" });
		await fake.fileManager.renameFile(file(fake, "Draft.md"), "done/Report.md");
		expect(fake.vault.getFileByPath("done/Report.md")).not.toBeNull();
		expect(onDisk(fake, "Index.md")).toBe("See [[Report]], [[Report#Intro|intro]] and ![[Report]] but not [[Drafts]].\n");
	});

	it("getNewFileParent follows the new-file location preference; trashFile removes the file", async () => {
		const root = createFakeApp(makeDir({ "a/Note.md": "" }));
		expect(root.fileManager.getNewFileParent("a/Note.md").isRoot()).toBe(true);
		const current = createFakeApp(makeDir({ "a/Note.md": "" }), { newFileLocation: "current" });
		expect(current.fileManager.getNewFileParent("a/Note.md").path).toBe("a");
		const events = recordVaultEvents(current);
		await current.fileManager.trashFile(file(current, "a/Note.md"));
		expect(events).toEqual(["delete:a/Note.md"]);
	});
});

describe("normalizePath", () => {
	it("cleans paths as the plugin guidelines describe", () => {
		// The guidelines' example, '//my-folder\file', with the backslash escaped ("\f" in JS is a form feed).
		expect(normalizePath("//my-folder\\file")).toBe("my-folder/file");
		expect(normalizePath("folder///sub\\\\note.md")).toBe("folder/sub/note.md");
		expect(normalizePath("/leading/and/trailing/")).toBe("leading/and/trailing");
		expect(normalizePath("\\\\server\\share\\")).toBe("server/share");
		expect(normalizePath("non\u00A0breaking")).toBe("non breaking");
		expect(normalizePath("Cafe\u0301.md")).toBe("Caf\u00E9.md");
		expect(normalizePath("")).toBe("/");
	});
});

describe("debounce", () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});

	it("without resetTimer, runs once, timeout ms after the first call, with the latest arguments", () => {
		const cb = vi.fn((text: string) => text.length);
		const debounced = debounce(cb, 1000);
		expect(debounced("Hello world")).toBe(debounced);
		vi.advanceTimersByTime(500);
		debounced("World, hello");
		vi.advanceTimersByTime(499);
		expect(cb).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(cb).toHaveBeenCalledOnce();
		expect(cb).toHaveBeenCalledWith("World, hello");
	});

	it("with resetTimer, each call pushes the run back (the docs example prints only the second text)", () => {
		const cb = vi.fn();
		const debounced = debounce(cb, 1000, true);
		debounced("Hello world");
		vi.advanceTimersByTime(500);
		debounced("World, hello");
		vi.advanceTimersByTime(999);
		expect(cb).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(cb.mock.calls).toEqual([["World, hello"]]);
	});

	it("cancel drops the pending call; run calls it now and returns its value", () => {
		const cb = vi.fn((n: number) => n * 2);
		const debounced = debounce(cb, 100);
		debounced(1).cancel();
		vi.advanceTimersByTime(200);
		expect(cb).not.toHaveBeenCalled();
		debounced(21);
		expect(debounced.run()).toBe(42);
		expect(debounced.run()).toBeUndefined();
		vi.advanceTimersByTime(200);
		expect(cb).toHaveBeenCalledOnce();
	});
});

describe("Platform", () => {
	it("is a desktop app", () => {
		expect(Platform).toMatchObject({ isDesktop: true, isMobile: false, isDesktopApp: true, isMobileApp: false });
	});
});

describe("Keymap", () => {
	it("isModEvent maps Mod (Ctrl here), Alt and Shift, and middle clicks, to the pane type", () => {
		const key = (init: KeyboardEventInit) => new KeyboardEvent("keydown", { key: "Enter", ...init });
		expect(Keymap.isModEvent(key({}))).toBe(false);
		expect(Keymap.isModEvent(key({ ctrlKey: true }))).toBe("tab");
		expect(Keymap.isModEvent(key({ ctrlKey: true, altKey: true }))).toBe("split");
		expect(Keymap.isModEvent(key({ ctrlKey: true, altKey: true, shiftKey: true }))).toBe("window");
		expect(Keymap.isModEvent(new MouseEvent("auxclick", { button: 1 }))).toBe("tab");
		expect(Keymap.isModEvent(null)).toBe(false);
		expect(Keymap.isModifier(key({ shiftKey: true }), "Shift")).toBe(true);
	});
});

describe("Notice", () => {
	it("records every message, including setMessage and fragments, and hide detaches it", () => {
		const notice = new Notice("Indexing…");
		notice.setMessage("Indexed 3 notes");
		new Notice(createFragment((f) => f.createSpan({ text: "From a fragment" })), 0);
		expect(noticeMessages()).toEqual(["Indexing…", "Indexed 3 notes", "From a fragment"]);
		expect(notice.messageEl.getText()).toBe("Indexed 3 notes");
		expect(notice.containerEl.isConnected).toBe(true);
		notice.hide();
		expect(notice.containerEl.isConnected).toBe(false);
		clearNotices();
		expect(noticeMessages()).toEqual([]);
	});
});

describe("Modal", () => {
	it("open attaches and calls onOpen; close detaches, calls onClose then the close callback", () => {
		const fake = makeApp();
		const log: string[] = [];
		class ConfirmModal extends Modal {
			override onOpen(): void {
				log.push("open");
				this.setTitle("Confirm");
				this.contentEl.createEl("p", { text: "Proceed?" });
			}
			override onClose(): void {
				log.push("close");
				this.contentEl.empty();
			}
		}
		const modal = new ConfirmModal(fake.app).setCloseCallback(() => log.push("callback"));
		expect(modal.app).toBe(fake.app);
		modal.open();
		expect(isModalOpen(modal)).toBe(true);
		expect(modal.titleEl.getText()).toBe("Confirm");
		expect(modal.modalEl.contains(modal.contentEl)).toBe(true);
		expect(document.body.querySelector(".modal-content p")?.textContent).toBe("Proceed?");
		modal.close();
		modal.close();
		expect(isModalOpen(modal)).toBe(false);
		expect(log).toEqual(["open", "close", "callback"]);
	});
});

describe("SuggestModal", () => {
	class NotePicker extends SuggestModal<string> {
		chosen: string[] = [];
		closedBeforeChoose: boolean[] = [];
		constructor(
			app: App,
			private readonly items: string[],
			private readonly delay = 0,
		) {
			super(app);
			this.setPlaceholder("Pick a note");
			this.setInstructions([{ command: "↵", purpose: "to pick" }]);
		}
		override async getSuggestions(query: string): Promise<string[]> {
			await new Promise((resolve) => setTimeout(resolve, query === "slow" ? this.delay : 0));
			return this.items.filter((item) => item.toLowerCase().includes(query.toLowerCase()));
		}
		override renderSuggestion(value: string, el: HTMLElement): void {
			el.createDiv({ text: value, cls: "picked-name" });
		}
		override onChooseSuggestion(item: string): void {
			this.closedBeforeChoose.push(!isModalOpen(this));
			this.chosen.push(item);
		}
	}

	it("setQuery renders the (async) suggestions for the query, up to limit, or the empty state", async () => {
		const fake = makeApp();
		const modal = new NotePicker(fake.app, ["Alpha", "Beta", "Alphabet", "Gamma"]);
		modal.limit = 1;
		modal.open();
		expect(modal.inputEl.placeholder).toBe("Pick a note");
		expect(await setSuggestQuery(modal, "alp")).toEqual(["Alpha"]);
		expect(modal.inputEl.value).toBe("alp");
		expect(Array.from(modal.resultContainerEl.querySelectorAll(".picked-name")).map((el) => el.textContent)).toEqual(["Alpha"]);
		modal.limit = 10;
		expect(await setSuggestQuery(modal, "alp")).toEqual(["Alpha", "Alphabet"]);
		modal.emptyStateText = "Nothing here";
		expect(await setSuggestQuery(modal, "zzz")).toEqual([]);
		expect(modal.resultContainerEl.getText()).toBe("Nothing here");
		modal.close();
	});

	it("only the latest query's results are rendered", async () => {
		const fake = makeApp();
		const modal = new NotePicker(fake.app, ["slow", "fast"], 20);
		modal.open();
		const slow = setSuggestQuery(modal, "slow");
		const fast = await setSuggestQuery(modal, "fa");
		await slow;
		expect(fast).toEqual(["fast"]);
		expect(modal.resultContainerEl.getText()).toBe("fast");
		modal.close();
	});

	it("chooseSuggestion closes the modal, then calls onChooseSuggestion with the item", async () => {
		const fake = makeApp();
		const modal = new NotePicker(fake.app, ["One", "Two"]);
		modal.open();
		await setSuggestQuery(modal, "");
		expect(chooseSuggestion(modal, 1)).toBe("Two");
		expect(modal.chosen).toEqual(["Two"]);
		expect(modal.closedBeforeChoose).toEqual([true]);
		expect(() => chooseSuggestion(modal, 5)).toThrow(RangeError);
	});
});

describe("Setting and PluginSettingTab", () => {
	it("a setting found by name fires onChange when its control is used as a user would", async () => {
		const fake = makeApp();
		const changes: unknown[] = [];
		class CoworkerPlugin extends Plugin {
			override settings = { model: "small", verbose: false, style: "brief", notes: "" };
			override onload(): void {
				this.addSettingTab(new CoworkerSettingTab(this.app, this));
			}
		}
		class CoworkerSettingTab extends PluginSettingTab {
			constructor(
				app: App,
				private readonly owner: CoworkerPlugin,
			) {
				super(app, owner);
			}
			override getSettingDefinitions(): [] {
				return [];
			}
			override display(): void {
				const { containerEl } = this;
				containerEl.empty();
				new Setting(containerEl).setName("Coworker").setHeading();
				new Setting(containerEl)
					.setName("Model")
					.setDesc("Which model to use")
					.addText((text) =>
						text
							.setPlaceholder("model id")
							.setValue(this.owner.settings.model)
							.onChange((value) => changes.push(["model", value])),
					);
				new Setting(containerEl).setName("Verbose").addToggle((toggle) => toggle.setValue(this.owner.settings.verbose).onChange((value) => changes.push(["verbose", value])));
				new Setting(containerEl).setName("Style").addDropdown((dropdown) =>
					dropdown
						.addOptions({ brief: "Brief", detailed: "Detailed" })
						.setValue(this.owner.settings.style)
						.onChange((value) => changes.push(["style", value])),
				);
				new Setting(containerEl).setName("Notes").addTextArea((area) => area.onChange((value) => changes.push(["notes", value])));
				new Setting(containerEl).setName("Reset").addButton((button) =>
					button
						.setButtonText("Reset")
						.setCta()
						.onClick(() => changes.push(["reset"])),
				);
			}
		}
		const plugin = await loadPlugin(CoworkerPlugin, fake.app, MANIFEST);
		const tab = openSettingTab(plugin);
		const { containerEl } = tab;

		const model = findSetting(containerEl, "Model");
		expect(model.setting.descEl.getText()).toBe("Which model to use");
		expect(model.components).toHaveLength(1);
		expect(changes).toEqual([]);
		model.change("large");
		findSetting(containerEl, "Verbose").change(true);
		findSetting(containerEl, "Verbose").change(true);
		findSetting(containerEl, "Style").change("detailed");
		findSetting(containerEl, "Notes").change("line 1\nline 2");
		findSetting(containerEl, "Reset").change();
		expect(changes).toEqual([["model", "large"], ["verbose", true], ["style", "detailed"], ["notes", "line 1\nline 2"], ["reset"]]);
		expect(findSetting(containerEl, "Coworker").setting.settingEl.hasClass("setting-item-heading")).toBe(true);
		expect(containerEl.querySelector("input[type=text]")?.getAttribute("placeholder")).toBe("model id");
		expect(containerEl.querySelector("button")?.hasClass("mod-cta")).toBe(true);
		expect(() => findSetting(containerEl, "Missing")).toThrow('No setting named "Missing"');
		tab.hide();
		expect(containerEl.children).toHaveLength(0);
	});
});

describe("DOM helpers (happy-dom)", () => {
	it("createEl applies DomElementInfo and appends to the element it is called on", () => {
		const host = document.body.createDiv({ cls: "host" });
		host.createSpan("first");
		const link = host.createEl("a", {
			cls: ["link", "external"],
			text: "Docs",
			attr: { "data-id": 7, hidden: null, draggable: true },
			title: "Open the docs",
			href: "https://docs.obsidian.md",
		});
		const input = host.createEl("input", { type: "text", placeholder: "Search", value: "query", prepend: true });
		let seenInCallback: HTMLElement | null = null;
		const div = host.createDiv("box", (el) => (seenInCallback = el));

		expect(link.className).toBe("link external");
		expect(link.textContent).toBe("Docs");
		expect(link.getAttribute("data-id")).toBe("7");
		expect(link.hasAttribute("hidden")).toBe(false);
		expect(link.getAttribute("draggable")).toBe("true");
		expect(link.title).toBe("Open the docs");
		expect(link.getAttribute("href")).toBe("https://docs.obsidian.md");
		expect([input.type, input.placeholder, input.value]).toEqual(["text", "Search", "query"]);
		expect(seenInCallback).toBe(div);
		expect(Array.from(host.children).map((el) => el.tagName.toLowerCase())).toEqual(["input", "span", "a", "div"]);
	});

	it("the global createEl / createDiv / createSpan / createFragment build detached nodes, or append to info.parent", () => {
		const detached = createDiv({ text: "free" });
		expect(detached.parentNode).toBeNull();
		const parent = createDiv();
		const child = createSpan({ parent, cls: "inside" });
		expect(child.parentNode).toBe(parent);
		expect(createEl("p", "para").outerHTML).toBe('<p class="para"></p>');
		const fragment = createFragment((f) => {
			f.createSpan({ text: "a" });
			f.appendText("b");
		});
		expect(fragment.textContent).toBe("ab");
		expect(activeDocument).toBe(document);
		expect(activeWindow).toBe(window);
	});

	it("setText, empty, detach and the class and attribute helpers behave as Obsidian's", () => {
		const el = createDiv();
		el.setText("plain");
		expect(el.getText()).toBe("plain");
		el.setText(createFragment((f) => f.createEl("b", { text: "bold" })));
		expect(el.innerHTML).toBe("<b>bold</b>");
		el.addClass("a", "b");
		el.removeClass("a");
		el.toggleClass("c", true);
		el.toggleClass(["b", "d"], false);
		expect([el.hasClass("a"), el.hasClass("b"), el.hasClass("c")]).toEqual([false, false, true]);
		el.setAttr("aria-label", "Label");
		el.setAttr("data-n", 3);
		expect([el.getAttr("aria-label"), el.getAttribute("data-n")]).toEqual(["Label", "3"]);
		el.setAttr("aria-label", null);
		expect(el.hasAttribute("aria-label")).toBe(false);
		el.empty();
		expect(el.childNodes).toHaveLength(0);
		const parent = createDiv();
		const child = parent.createDiv();
		child.detach();
		expect(parent.children).toHaveLength(0);
	});
});

describe("Vault.create and Vault.createFolder failures", () => {
	it("create rejects like Obsidian's when the file exists or its folder is missing, leaving disk, tree and events untouched", async () => {
		const fake = makeApp({ "Existing.md": "old", "folder/": "" });
		const events = recordVaultEvents(fake);
		await expect(fake.vault.create("Existing.md", "new")).rejects.toThrow(new Error("File already exists."));
		expect(onDisk(fake, "Existing.md")).toBe("old");

		// Obsidian does not create missing parents: the write fails with Node's ENOENT.
		const missing: unknown = await fake.vault.create("missing/Note.md", "x").catch((error: unknown) => error);
		expect(missing).toBeInstanceOf(Error);
		expect(missing).toMatchObject({ code: "ENOENT" });
		expect((missing as Error).message).toMatch(/^ENOENT: no such file or directory, open '.*missing[/\\]Note\.md'$/);
		expect(fs.existsSync(nodePath.join(fake.vault.basePath, "missing"))).toBe(false);
		expect(fake.vault.getFolderByPath("missing")).toBeNull();

		await fake.vault.createFolder("missing");
		expect((await fake.vault.create("missing/Note.md", "x")).parent?.path).toBe("missing");
		expect(events).toEqual(["create:missing", "create:missing/Note.md"]);
	});

	it("createFolder rejects with 'Folder already exists.' when anything is at the path", async () => {
		const fake = makeApp({ "Existing.md": "old", "folder/": "" });
		const events = recordVaultEvents(fake);
		await expect(fake.vault.createFolder("folder")).rejects.toThrow(new Error("Folder already exists."));
		await expect(fake.vault.createFolder("Existing.md")).rejects.toThrow(new Error("Folder already exists."));
		expect(events).toEqual([]);
	});
});

describe("requestUrl", () => {
	interface Received {
		method: string;
		url: string;
		headers: http.IncomingHttpHeaders;
		body: Buffer;
	}
	const received: Received[] = [];
	let server: http.Server;
	let base = "";

	function respond(req: Received, res: http.ServerResponse): void {
		switch (req.url) {
			case "/json":
				res.writeHead(200, { "Content-Type": "application/json", "X-Model": "tiny" }).end('{"ok":true,"n":1}');
				return;
			case "/echo":
				res.writeHead(200, { "Content-Type": "application/json" }).end(
					JSON.stringify({ method: req.method, contentType: req.headers["content-type"], auth: req.headers.authorization, body: req.body.toString("utf8"), bytes: [...req.body] }),
				);
				return;
			case "/text":
				res.writeHead(200, { "Content-Type": "text/plain" }).end("not json");
				return;
			case "/fail":
				res.writeHead(500, { "Content-Type": "application/json", "X-Request-Id": "r1" }).end('{"error":"boom"}');
				return;
			case "/slow":
				// Two chunks, 30 ms apart: requestUrl resolves only once the body is complete.
				res.writeHead(200, { "Content-Type": "text/plain" });
				res.write("part1;");
				setTimeout(() => res.end("part2"), 30);
				return;
			case "/redirect":
				res.writeHead(303, { Location: "/echo" }).end();
				return;
			case "/gzip":
				res.writeHead(200, { "Content-Type": "text/plain", "Content-Encoding": "gzip" }).end(zlib.gzipSync("compressed text"));
				return;
			default:
				res.writeHead(404, { "Content-Type": "text/plain" }).end("nope");
		}
	}

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on("data", (chunk: Buffer) => chunks.push(chunk));
			req.on("end", () => {
				const seen: Received = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
				received.push(seen);
				respond(seen, res);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	beforeEach(() => {
		received.length = 0;
		clearRequestUrlLog();
	});

	it("does a real GET by default and resolves to the whole response: status, lowercase headers, text, json, arrayBuffer", async () => {
		const res = await requestUrl(`${base}/json`);
		expect(res.status).toBe(200);
		expect(res.headers["content-type"]).toBe("application/json");
		expect(res.headers["x-model"]).toBe("tiny");
		expect(Object.keys(res.headers).every((name) => name === name.toLowerCase())).toBe(true);
		expect(res.text).toBe('{"ok":true,"n":1}');
		expect(res.json as unknown).toEqual({ ok: true, n: 1 });
		expect(res.arrayBuffer).toBeInstanceOf(ArrayBuffer);
		expect(Buffer.from(res.arrayBuffer).toString("utf8")).toBe(res.text);
		expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /json"]);

		expect((await requestUrl({ url: `${base}/slow` })).text).toBe("part1;part2");
		expect(requestUrlCalls()).toEqual([
			{ method: "GET", url: `${base}/json` },
			{ method: "GET", url: `${base}/slow` },
		]);
	});

	it("sends the method, headers, contentType (which wins over a Content-Type header) and a string or ArrayBuffer body", async () => {
		const res = await requestUrl({
			url: `${base}/echo`,
			method: "post",
			contentType: "application/json",
			headers: { Authorization: "Bearer k", "content-type": "text/plain" },
			body: JSON.stringify({ q: "hi" }),
		});
		expect(res.json as unknown).toMatchObject({ method: "POST", contentType: "application/json", auth: "Bearer k", body: '{"q":"hi"}' });

		const bytes = new Uint8Array([0, 1, 2, 255]);
		const binary = await requestUrl({ url: `${base}/echo`, method: "PUT", contentType: "application/octet-stream", body: bytes.buffer });
		expect(binary.json as unknown).toMatchObject({ method: "PUT", contentType: "application/octet-stream", bytes: [0, 1, 2, 255] });
		expect(requestUrlCalls().map((call) => call.method)).toEqual(["POST", "PUT"]);
	});

	it("json throws when the body is not JSON; the promise's text, json and arrayBuffer resolve (or reject) likewise; request gives the text", async () => {
		const res = await requestUrl(`${base}/text`);
		expect(res.text).toBe("not json");
		expect(() => res.json as unknown).toThrow(SyntaxError);
		await expect(requestUrl(`${base}/text`).text).resolves.toBe("not json");
		await expect(requestUrl(`${base}/text`).json).rejects.toThrow(SyntaxError);
		await expect(requestUrl(`${base}/json`).json).resolves.toEqual({ ok: true, n: 1 });
		expect((await requestUrl(`${base}/json`).arrayBuffer).byteLength).toBe(17);
		expect(await request(`${base}/text`)).toBe("not json");
	});

	it("rejects a status >= 400 with 'Request failed, status N' carrying status and headers, unless throw is false", async () => {
		const error: unknown = await requestUrl(`${base}/fail`).then(
			() => null,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(Error);
		expect(error).toMatchObject({ message: "Request failed, status 500", status: 500, headers: expect.objectContaining({ "x-request-id": "r1" }) as unknown });
		await expect(requestUrl({ url: `${base}/missing` })).rejects.toThrow("Request failed, status 404");

		const res = await requestUrl({ url: `${base}/missing`, throw: false });
		expect([res.status, res.text]).toEqual([404, "nope"]);
	});

	it("rejects with Electron's net:: error when the connection is refused or the URL is bad", async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		await expect(requestUrl(`http://127.0.0.1:${port}/v1/chat/completions`)).rejects.toThrow(new Error("net::ERR_CONNECTION_REFUSED"));
		await expect(requestUrl("not a url")).rejects.toThrow(new Error("net::ERR_INVALID_URL"));
	});

	it("refuses, as Electron does, a header the network layer sets itself (net::ERR_INVALID_ARGUMENT), before sending anything", async () => {
		const before = received.length;
		const refused: Record<string, string>[] = [{ "Content-Length": "1" }, { host: "example.com" }, { "Transfer-Encoding": "chunked" }, { Connection: "Upgrade" }, { TE: "trailers" }];
		for (const headers of refused) {
			await expect(requestUrl({ url: `${base}/echo`, method: "POST", body: "x", headers })).rejects.toThrow(new Error("net::ERR_INVALID_ARGUMENT"));
		}
		expect(received.length).toBe(before);
		expect((await requestUrl({ url: `${base}/echo`, method: "POST", body: "x", headers: { Connection: "close", "X-Custom": "1" } })).status).toBe(200);
	});

	it("follows redirects (a 303 after a POST becomes a GET) and decodes a gzip body, as Chromium does", async () => {
		const res = await requestUrl({ url: `${base}/redirect`, method: "POST", body: "x" });
		expect(res.json as unknown).toMatchObject({ method: "GET", body: "" });
		expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(["POST /redirect", "GET /echo"]);
		expect((await requestUrl(`${base}/gzip`)).text).toBe("compressed text");
	});
});

describe("SecretStorage (App.secretStorage)", () => {
	it("keeps secrets in memory, per app, by id; lists ids in the order first set", () => {
		const fake = makeApp();
		const { secretStorage } = fake.app;
		expect(secretStorage.getSecret("openai-key")).toBeNull();
		expect(secretStorage.listSecrets()).toEqual([]);
		secretStorage.setSecret("openai-key", "sk-1");
		secretStorage.setSecret("backup2", "b");
		secretStorage.setSecret("openai-key", "sk-2");
		expect(secretStorage.getSecret("openai-key")).toBe("sk-2");
		expect(secretStorage.listSecrets()).toEqual(["openai-key", "backup2"]);
		expect(makeApp().app.secretStorage.listSecrets()).toEqual([]);
	});

	it("setSecret throws an Error for an id that is not lowercase alphanumeric with dashes", () => {
		const { secretStorage } = makeApp().app;
		for (const id of ["OpenAI", "open_ai", "open ai", "", "-key", "key-", "a--b", "clé", "a".repeat(65)]) {
			expect(() => secretStorage.setSecret(id, "x"), id).toThrow(Error);
		}
		expect(secretStorage.listSecrets()).toEqual([]);
		secretStorage.setSecret(`k2-${"a".repeat(61)}`, "x");
		expect(secretStorage.listSecrets()).toHaveLength(1);
	});

	it("withoutSecretStorage plays an Obsidian older than 1.11.4: no app.secretStorage, and no SecretComponent", () => {
		const fake = createFakeApp(makeDir(), { withoutSecretStorage: true });
		expect("secretStorage" in fake.app).toBe(false);
		expect(() => new SecretComponent(fake.app, createDiv())).toThrow(TypeError);
	});
});

describe("App.loadLocalStorage and App.saveLocalStorage", () => {
	/** Every path under `dir`, for checking that nothing was written. */
	function listTree(dir: string): string[] {
		return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
	}

	it("keep JSON copies per vault folder, shared by apps on the same folder, and write nothing into the vault", async () => {
		const dir = makeDir({ "Note.md": "n" });
		const first = createFakeApp(dir);
		const plugin = await loadPlugin(class extends Plugin {}, first.app, MANIFEST);
		const before = listTree(dir);
		const goal = { text: "Summarize the week", steps: [1, 2] };

		first.app.saveLocalStorage("last-goal", goal);
		goal.steps.push(3);
		const again = createFakeApp(dir);
		const loaded: unknown = again.app.loadLocalStorage("last-goal");
		expect(loaded).toEqual({ text: "Summarize the week", steps: [1, 2] });
		expect(first.app.loadLocalStorage("last-goal")).not.toBe(first.app.loadLocalStorage("last-goal"));
		expect(makeApp().app.loadLocalStorage("last-goal")).toBeNull();
		expect(first.app.loadLocalStorage("never-saved")).toBeNull();
		expect(listTree(dir)).toEqual(before);
		expect(await plugin.loadData()).toBeNull();

		again.app.saveLocalStorage("count", 0);
		expect(first.app.loadLocalStorage("count")).toBe(0);
		again.app.saveLocalStorage("last-goal", null);
		expect(first.app.loadLocalStorage("last-goal")).toBeNull();
		expect(first.app.loadLocalStorage("count")).toBe(0);
	});

	it("saving something JSON cannot hold throws; clearLocalStorage forgets every vault's values", () => {
		const fake = makeApp();
		const cyclic: Record<string, unknown> = {};
		cyclic.self = cyclic;
		expect(() => fake.app.saveLocalStorage("cyclic", cyclic)).toThrow(TypeError);
		expect(fake.app.loadLocalStorage("cyclic")).toBeNull();
		fake.app.saveLocalStorage("kept", "value");
		clearLocalStorage();
		expect(fake.app.loadLocalStorage("kept")).toBeNull();
	});
});

describe("SecretComponent and Setting.addComponent", () => {
	class KeyPlugin extends Plugin {
		config = { apiKeySecret: "" };
		readonly reported: string[] = [];
		override onload(): void {
			this.addSettingTab(new KeyTab(this.app, this));
		}
	}
	// The settings tab of Plugins/Guides/Store secrets.md.
	class KeyTab extends PluginSettingTab {
		constructor(
			app: App,
			private readonly owner: KeyPlugin,
		) {
			super(app, owner);
		}
		override getSettingDefinitions(): [] {
			return [];
		}
		override display(): void {
			const { containerEl } = this;
			containerEl.empty();
			new Setting(containerEl)
				.setName("API key")
				.setDesc("Select a secret from SecretStorage")
				.addComponent((el) =>
					new SecretComponent(this.app, el).setValue(this.owner.config.apiKeySecret).onChange((value) => {
						this.owner.config.apiKeySecret = value;
						this.owner.reported.push(value);
					}),
				);
		}
	}

	it("is found with the setting's other controls; picking (or creating) a secret reports its name, and only the name is saved", async () => {
		const fake = makeApp();
		fake.app.secretStorage.setSecret("team-key", "sk-team");
		const plugin = await loadPlugin(KeyPlugin, fake.app, MANIFEST);
		plugin.config.apiKeySecret = "team-key";
		const apiKey = findSetting(openSettingTab(plugin).containerEl, "API key");
		expect(apiKey.components).toHaveLength(1);
		expect(apiKey.components[0]).toBeInstanceOf(SecretComponent);
		const button = apiKey.setting.controlEl.querySelector("button");
		expect(button?.textContent).toBe("team-key");
		expect(plugin.reported).toEqual([]);

		apiKey.pickSecret("my-openai", "sk-mine");
		expect(fake.app.secretStorage.getSecret("my-openai")).toBe("sk-mine");
		expect(plugin.config.apiKeySecret).toBe("my-openai");
		expect(button?.textContent).toBe("my-openai");
		apiKey.change("team-key");
		expect(plugin.reported).toEqual(["my-openai", "team-key"]);
		expect(() => apiKey.change("nobody")).toThrow('No secret named "nobody"');
		expect(() => apiKey.pickSecret("Bad Name", "x")).toThrow(Error);
		expect(plugin.reported).toHaveLength(2);

		apiKey.setting.setDisabled(true);
		expect(button?.disabled).toBe(true);
		apiKey.change("my-openai");
		expect(plugin.reported).toHaveLength(2);

		await plugin.saveData(plugin.config);
		expect(onDisk(fake, ".obsidian/plugins/ai-coworker/data.json")).toContain('"team-key"');
		const everything = fs
			.readdirSync(fake.vault.basePath, { recursive: true, encoding: "utf8" })
			.map((path) => nodePath.join(fake.vault.basePath, path))
			.filter((path) => fs.statSync(path).isFile())
			.map((path) => fs.readFileSync(path, "utf8"))
			.join("\n");
		expect(everything).not.toContain("sk-");
		unloadPlugin(plugin);
	});

	it("addComponent hands the callback controlEl and keeps the component after the others", () => {
		const el = createDiv();
		let given: HTMLElement | null = null;
		const setting = new Setting(el)
			.setName("Mixed")
			.addText((text) => text.setValue("a"))
			.addComponent((controlEl) => {
				given = controlEl;
				return new ButtonComponent(controlEl).setButtonText("Go");
			});
		expect(given).toBe(setting.controlEl);
		expect(setting.components).toHaveLength(2);
		const mixed = findSetting(el, "Mixed");
		expect(mixed.components[1]).toBeInstanceOf(ButtonComponent);
		const clicked = vi.fn();
		(mixed.components[1] as ButtonComponent).onClick(clicked);
		mixed.change(undefined, 1);
		expect(clicked).toHaveBeenCalledOnce();
		expect(() => mixed.pickSecret("x")).toThrow('Setting "Mixed" has no SecretComponent');
	});
});

describe("MarkdownView, Editor and the active note", () => {
	const NOTE = "# Plan\nShip the index.\nThen the chat.\n";

	it("opening a note makes a MarkdownView the active view and activeEditor, its editor holding the note", async () => {
		const fake = makeApp({ "Plan.md": NOTE, "pic.png": "png" });
		const { workspace } = fake;
		expect(workspace.getActiveViewOfType(MarkdownView)).toBeNull();
		expect(workspace.activeEditor).toBeNull();

		await workspace.getLeaf().openFile(file(fake, "Plan.md"));
		const view = workspace.getActiveViewOfType(MarkdownView);
		if (!view) throw new Error("no MarkdownView");
		expect(view.getViewType()).toBe("markdown");
		expect(view.file).toBe(file(fake, "Plan.md"));
		expect(view.app).toBe(fake.app);
		expect(view.editor).toBeInstanceOf(Editor);
		expect(view.editor.getValue()).toBe(NOTE);
		expect(view.getViewData()).toBe(NOTE);
		expect(workspace.getActiveViewOfType(FileView)).toBe(view);
		expect(workspace.activeEditor).toBe(view);
		expect(workspace.activeEditor?.editor).toBe(view.editor);
		expect(workspace.activeEditor?.file?.path).toBe("Plan.md");
		expect(workspace.getActiveFile()).toBe(view.file);
		expect(view.editor.getCursor()).toEqual({ line: 0, ch: 0 });
		expect(view.editor.somethingSelected()).toBe(false);
		expect([view.editor.lineCount(), view.editor.getLine(1)]).toEqual([4, "Ship the index."]);

		await workspace.getLeaf().openFile(file(fake, "pic.png"));
		expect(workspace.getActiveViewOfType(MarkdownView)).toBeNull();
		expect(workspace.activeEditor).toBeNull();
		expect(workspace.getActiveViewOfType(FileView)?.getViewType()).toBe("image");
		expect(workspace.getActiveFile()?.path).toBe("pic.png");
	});

	it("a note opened in the background does not change the active view; another note in the same leaf reuses the view after saving", async () => {
		const fake = makeApp({ "A.md": "alpha", "B.md": "beta" });
		const a = await openNote(fake.app, "A.md");
		await fake.workspace.getLeaf("tab").openFile(file(fake, "B.md"), { active: false });
		expect(fake.workspace.getActiveViewOfType(MarkdownView)).toBe(a);

		a.editor.setValue("alpha, edited");
		const b = await openNote(fake.app, "B.md");
		expect(b).toBe(a);
		expect(onDisk(fake, "A.md")).toBe("alpha, edited");
		expect([b.file?.path, b.editor.getValue()]).toEqual(["B.md", "beta"]);
	});

	it("simulateSelection / setActiveSelection / selectInActiveEditor select text as a user would; the Editor reports it", async () => {
		const fake = makeApp({ "Plan.md": NOTE });
		expect(() => setActiveSelection(fake.app, "Ship")).toThrow("No active editor");
		const view = await openNote(fake.app, "Plan.md");

		const editor = setActiveSelection(fake.app, "the index.\nThen");
		expect(editor).toBe(view.editor);
		expect(editor.getSelection()).toBe("the index.\nThen");
		expect(editor.somethingSelected()).toBe(true);
		expect(editor.getCursor("from")).toEqual({ line: 1, ch: 5 });
		expect(editor.getCursor("to")).toEqual({ line: 2, ch: 4 });
		expect(editor.getCursor("anchor")).toEqual({ line: 1, ch: 5 });
		expect(editor.getCursor()).toEqual({ line: 2, ch: 4 });
		expect(editor.listSelections()).toEqual([{ anchor: { line: 1, ch: 5 }, head: { line: 2, ch: 4 } }]);

		expect(fake.workspace.simulateSelection("the", 1).getSelection()).toBe("the");
		expect(editor.getCursor("from")).toEqual({ line: 2, ch: 5 });
		expect(() => setActiveSelection(fake.app, "missing")).toThrow("occurs 0 time(s)");

		selectInActiveEditor(fake.app, 2, 6);
		expect(editor.getSelection()).toBe("Plan");
		selectInActiveEditor(fake.app, { line: 1, ch: 0 });
		expect([editor.somethingSelected(), editor.getSelection()]).toEqual([false, ""]);
		expect(editor.getRange({ line: 1, ch: 0 }, { line: 1, ch: 4 })).toBe("Ship");
	});

	it("edits fire 'editor-change' and reach the file 2 s after the last one (TextFileView.requestSave)", async () => {
		vi.useFakeTimers();
		const fake = makeApp({ "Plan.md": NOTE });
		const view = await openNote(fake.app, "Plan.md");
		const changes: string[] = [];
		fake.workspace.on("editor-change", (editor: Editor, info: MarkdownView | MarkdownFileInfo) => changes.push(`${info.file?.path ?? ""}:${editor.getLine(1)}`));

		setActiveSelection(fake.app, "index");
		view.editor.replaceSelection("vault index");
		const edited = "# Plan\nShip the vault index.\nThen the chat.\n";
		expect(view.editor.getValue()).toBe(edited);
		expect(view.editor.getCursor()).toEqual({ line: 1, ch: 20 });
		expect(changes).toEqual(["Plan.md:Ship the vault index."]);

		const saved = new Promise<void>((resolve) => fake.vault.on("modify", () => resolve()));
		await vi.advanceTimersByTimeAsync(1999);
		expect(onDisk(fake, "Plan.md")).toBe(NOTE);
		await vi.advanceTimersByTimeAsync(1);
		await saved;
		expect(onDisk(fake, "Plan.md")).toBe(edited);
	});

	it("replaceRange leaves a caret at the insertion point before the new text; save() writes now; changes made elsewhere reach the editor", async () => {
		const fake = makeApp({ "Plan.md": NOTE });
		const view = await openNote(fake.app, "Plan.md");
		const { editor } = view;
		editor.setCursor(0, 6);
		editor.replaceRange(" (draft)", editor.getCursor());
		expect(editor.getLine(0)).toBe("# Plan (draft)");
		expect(editor.getCursor()).toEqual({ line: 0, ch: 6 });
		await view.save();
		expect(onDisk(fake, "Plan.md")).toBe(`# Plan (draft)\n${NOTE.slice("# Plan\n".length)}`);

		await fake.vault.process(file(fake, "Plan.md"), (data) => `${data}More.\n`);
		expect(editor.getValue().endsWith("Then the chat.\nMore.\n")).toBe(true);
		await fake.vault.simulateExternalChange("Plan.md", "Replaced by sync\n");
		expect(editor.getValue()).toBe("Replaced by sync\n");
		expect(editor.getCursor()).toEqual({ line: 0, ch: 6 });
	});

	it("editor commands run with the active editor and its view, and are unavailable without one", async () => {
		const fake = makeApp({ "Plan.md": NOTE, "pic.png": "png" });
		const seen: string[] = [];
		class EditorPlugin extends Plugin {
			override onload(): void {
				this.addCommand({
					id: "upper",
					name: "Upper-case the selection",
					editorCallback: (editor, ctx) => {
						seen.push(`${ctx.file?.path ?? ""}:${editor.getSelection()}`);
						editor.replaceSelection(editor.getSelection().toUpperCase());
					},
				});
				this.addCommand({
					id: "with-selection",
					name: "Only with a selection",
					editorCheckCallback: (checking, editor) => {
						if (!editor.somethingSelected()) return false;
						if (!checking) seen.push("checked");
						return true;
					},
				});
			}
		}
		const plugin = await loadPlugin(EditorPlugin, fake.app, MANIFEST);
		expect(runCommand(fake.app, "ai-coworker:upper")).toBe(false);
		await openNote(fake.app, "Plan.md");
		expect(runCommand(fake.app, "ai-coworker:with-selection")).toBe(false);
		setActiveSelection(fake.app, "chat");
		expect(runCommand(fake.app, "ai-coworker:with-selection")).toBe(true);
		expect(runCommand(fake.app, "ai-coworker:upper")).toBe(true);
		expect(seen).toEqual(["checked", "Plan.md:chat"]);
		expect(fake.workspace.activeEditor?.editor?.getLine(2)).toBe("Then the CHAT.");

		await fake.workspace.getLeaf().openFile(file(fake, "pic.png"));
		expect(runCommand(fake.app, "ai-coworker:upper")).toBe(false);
		unloadPlugin(plugin);
	});

	it("deleting the open note leaves its leaf empty: no active view, editor or file", async () => {
		const fake = makeApp({ "Plan.md": NOTE });
		const view = await openNote(fake.app, "Plan.md");
		await fake.vault.delete(file(fake, "Plan.md"));
		expect(fake.workspace.getActiveViewOfType(MarkdownView)).toBeNull();
		expect(fake.workspace.activeEditor).toBeNull();
		expect(fake.workspace.getActiveFile()).toBeNull();
		expect(view.file).toBeNull();
	});
});

describe("Notice with buttons", () => {
	it("a fragment message can carry a Cancel button; clicking it runs the handler and dismisses the notice", () => {
		const cancelled = vi.fn();
		const notice = new Notice(
			createFragment((f) => {
				f.createSpan({ text: "Indexing… " });
				f.createEl("button", { text: "Cancel" }).addEventListener("click", cancelled);
			}),
			0,
		);
		expect(notice.messageEl.querySelector("button")?.textContent).toBe("Cancel");
		expect(shownNotices()).toEqual([notice.containerEl]);
		expect(noticeMessages()).toEqual(["Indexing… Cancel"]);
		expect(findNoticeButton("Cancel")).toBe(notice.messageEl.querySelector("button"));

		clickNoticeButton("Cancel");
		expect(cancelled).toHaveBeenCalledOnce();
		expect(notice.containerEl.isConnected).toBe(false);
		expect(findNoticeButton("Cancel")).toBeNull();
		expect(() => clickNoticeButton("Cancel")).toThrow('No notice on screen has a "Cancel" button');
	});

	it("a button appended to messageEl later works too; a handler that stops the click keeps the notice up", () => {
		const notice = new Notice("Working…", 0);
		const pause = vi.fn((evt: MouseEvent) => evt.stopPropagation());
		notice.messageEl.createEl("button", { text: "Pause" }).addEventListener("click", pause);
		clickNoticeButton("Pause");
		expect(pause).toHaveBeenCalledOnce();
		expect(notice.containerEl.isConnected).toBe(true);
		notice.containerEl.click();
		expect(notice.containerEl.isConnected).toBe(false);
	});
});
