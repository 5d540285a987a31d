/**
 * Builds the Obsidian double (tests/__mocks__/obsidian.ts) around a real folder, and bridges its
 * test-only controls to the real `obsidian` types plugin code is compiled against.
 *
 * Typical use:
 *   const { app, vault, bootLayout } = createFakeApp(tmpDir);
 *   const plugin = await loadPlugin(MyPlugin, app, manifest); // onload runs, handlers registered
 *   bootLayout(); // initial 'create' events, then layout ready and the onLayoutReady queue
 *   ...
 *   unloadPlugin(plugin);
 *
 * The active note: `await openNote(app, "Note.md")`, then `setActiveSelection(app, "some text")` or
 * `selectInActiveEditor(app, from, to)`. Secrets: `findSetting(el, "API key").pickSecret(name, value?)`.
 * HTTP: requestUrl is real (point it at a server on 127.0.0.1); `requestUrlCalls()` lists the calls. The double plays the
 * desktop app (`Platform.isDesktopApp`), so the model is reached through Node's http instead: set it false to play mobile.
 * Notices: `clickNoticeButton("Cancel")`.
 * Views: after `plugin.activateView()`, `viewOfType<ChatView>(app, VIEW_TYPE)` or `openView(app, VIEW_TYPE)`;
 * `leafArea(leaf)` says where it is, `workspace.isLeafVisible(leaf)` whether it is revealed.
 * Local storage (App.saveLocalStorage) lives in memory per vault folder: `clearLocalStorage()` in afterEach.
 */
import * as fs from "node:fs";
import * as nodePath from "node:path";
import type * as Obsidian from "obsidian";
import * as Fake from "../__mocks__/obsidian";

/** Test-only controls of the double's Vault, next to the real Vault API. */
export interface FakeVaultControls {
	/** Absolute folder on disk holding the vault. */
	readonly basePath: string;
	/**
	 * Simulates a change made on disk by another program or by sync: writes `content` (creating
	 * folders), or removes the path for `null`, or (with no content) takes the disk as the test left it;
	 * then updates the tree and emits 'create' / 'modify' / 'delete' as Obsidian's file watcher would.
	 * A change to a plugin's data.json calls its onExternalSettingsChange.
	 */
	simulateExternalChange(path: string, content?: string | null): Promise<Obsidian.TAbstractFile | null>;
	/** Reconciles the whole tree with the disk (after a test wrote many files with fs). */
	syncFromDisk(): Promise<void>;
}

/** One WorkspaceLeaf.openFile call. */
export interface OpenedFileRecord {
	path: string;
	leaf: Obsidian.WorkspaceLeaf;
	openState: Obsidian.OpenViewState | undefined;
}

/** One Workspace.openLinkText call. */
export interface OpenedLinkRecord {
	linktext: string;
	sourcePath: string;
	/** Path of the note opened (created first when the link did not resolve, as Obsidian does). */
	path: string;
	/** The "#heading" or "#^block" part, or "". */
	subpath: string;
	newLeaf: Obsidian.PaneType | boolean | undefined;
	created: boolean;
}

/** Test-only records and controls of the double's Workspace, next to the real Workspace API. */
export interface FakeWorkspaceControls {
	/** Every WorkspaceLeaf.openFile call, oldest first. */
	readonly openedFiles: readonly OpenedFileRecord[];
	/** Every Workspace.openLinkText call, oldest first. */
	readonly openedLinks: readonly OpenedLinkRecord[];
	/** Every leaf passed to Workspace.revealLeaf, oldest first. */
	readonly revealedLeaves: readonly Obsidian.WorkspaceLeaf[];
	/**
	 * Selects the `occurrence`-th (0-based) match of `text` in the active note's editor, as a user would;
	 * throws if no note is open in the active leaf or the text is not in it. Returns the editor.
	 */
	simulateSelection(text: string, occurrence?: number): Obsidian.Editor;
	/**
	 * Whether the user sees the leaf: it is the tab its area shows (the first leaf made there, or the
	 * last one revealed or made active) and, in a sidebar, that sidebar is not collapsed.
	 */
	isLeafVisible(leaf: Obsidian.WorkspaceLeaf): boolean;
	/**
	 * Resolves once every view opening or closing under way has finished: the ones nobody awaited
	 * (an un-awaited setViewState, WorkspaceLeaf.detach, a plugin unloading). Use it before checking
	 * that a view's onClose cleaned up.
	 */
	settleViews(): Promise<void>;
}

export type FakeVault = Obsidian.Vault & FakeVaultControls;
export type FakeWorkspace = Obsidian.Workspace & FakeWorkspaceControls;

/** What createFakeApp returns. */
export interface FakeObsidianApp {
	/** The app, typed as the real one, to hand to plugin code. */
	app: Obsidian.App;
	vault: FakeVault;
	workspace: FakeWorkspace;
	metadataCache: Obsidian.MetadataCache;
	fileManager: Obsidian.FileManager;
	/**
	 * Finishes the app's start-up: emits 'create' for every file and folder loaded from disk (once;
	 * Obsidian does this on first vault load, before layout ready — see Vault/on('create').md), then
	 * marks the layout ready and runs the queued onLayoutReady callbacks (Workspace/onLayoutReady.md).
	 */
	bootLayout(): void;
}

/** Options of createFakeApp: the config dir name and Obsidian's "Files and links" preferences. */
export interface FakeAppOptions {
	/** Defaults to ".obsidian". */
	configDir?: string;
	/** "Default location for new notes": "root" (Obsidian's default), "current" (the source note's folder) or { folder }. */
	newFileLocation?: "root" | "current" | { folder: string };
	/** "Automatically update internal links" for FileManager.renameFile; default true. */
	alwaysUpdateLinks?: boolean;
	/** Plays an Obsidian older than 1.11.4: `app.secretStorage` is absent and SecretComponent cannot be built. */
	withoutSecretStorage?: boolean;
}

function fakeOf<T>(value: unknown, cls: abstract new (...args: never[]) => T, what: string): T {
	if (!(value instanceof cls)) throw new TypeError(`${what} does not come from the obsidian test double (is the "obsidian" alias of vitest.config.ts in effect?)`);
	return value;
}

/**
 * Creates an app double on `vaultDir` (an existing folder) and loads the vault tree from disk.
 * The initial 'create' events wait for bootLayout(), so that handlers a plugin registers in onload
 * receive them, as in Obsidian.
 */
export function createFakeApp(vaultDir: string, opts: FakeAppOptions = {}): FakeObsidianApp {
	const fake = new Fake.App(vaultDir, opts);
	fake.vault.load();
	const app = fake as unknown as Obsidian.App;
	return {
		app,
		vault: fake.vault as unknown as FakeVault,
		workspace: fake.workspace as unknown as FakeWorkspace,
		metadataCache: app.metadataCache,
		fileManager: app.fileManager,
		bootLayout() {
			fake.vault.emitInitialCreateEvents();
			fake.workspace.setLayoutReady();
		},
	};
}

/**
 * Constructs the plugin, installs it (creates `manifest.dir`, by default `<configDir>/plugins/<id>`,
 * with a manifest.json), and awaits its onload() as Obsidian does when enabling a plugin.
 */
export async function loadPlugin<P extends Obsidian.Plugin>(
	PluginClass: new (app: Obsidian.App, manifest: Obsidian.PluginManifest) => P,
	app: Obsidian.App,
	manifest: Obsidian.PluginManifest,
): Promise<P> {
	const plugin = new PluginClass(app, manifest);
	const fake = fakeOf(plugin, Fake.Plugin, "The plugin");
	const dir = fake.app.vault.adapter.getFullPath(fake.manifest.dir ?? "");
	fs.mkdirSync(dir, { recursive: true });
	const manifestFile = nodePath.join(dir, "manifest.json");
	if (!fs.existsSync(manifestFile)) {
		const { dir: _dir, ...stored } = fake.manifest;
		fs.writeFileSync(manifestFile, JSON.stringify(stored, null, 2));
	}
	await fake.loadAsync();
	return plugin;
}

/**
 * Resolves once the plugin has handled every data.json change so far (its onExternalSettingsChange, which
 * Obsidian calls without awaiting, has finished): the signal to wait on after simulateExternalChange of data.json.
 */
export async function settleExternalSettings(plugin: Obsidian.Plugin): Promise<void> {
	await fakeOf(plugin, Fake.Plugin, "The plugin").externalSettingsHandled;
}

/** Unloads the plugin (Component.unload: children, registered cleanups, then onunload). */
export function unloadPlugin(plugin: Obsidian.Plugin): void {
	plugin.unload();
}

/** The commands registered with addCommand, with their full ids (`${manifest.id}:${id}`). */
export function listCommands(app: Obsidian.App): Obsidian.Command[] {
	return fakeOf(app, Fake.App, "The app").commands.listCommands() as unknown as Obsidian.Command[];
}

/**
 * Runs a command by full id as the command palette would (checkCallback(true) first, then
 * checkCallback(false); or the callback). Returns false if it is unknown or not available now.
 */
export function runCommand(app: Obsidian.App, fullId: string): boolean {
	return fakeOf(app, Fake.App, "The app").commands.executeCommandById(fullId);
}

/** The notices on screen now (their containerEl), oldest first. */
export function shownNotices(): HTMLElement[] {
	return Array.from(Fake.domWindow().document.body.querySelectorAll<HTMLElement>(".notice-container > .notice"));
}

/** The first button whose trimmed text is `text` in a notice on screen, or null. */
export function findNoticeButton(text: string): HTMLButtonElement | null {
	for (const notice of shownNotices()) {
		for (const button of Array.from(notice.querySelectorAll("button"))) if ((button.textContent ?? "").trim() === text.trim()) return button;
	}
	return null;
}

/**
 * Clicks the button labelled `text` in a notice on screen (e.g. a plugin's "Cancel"), as a user
 * would; as in Obsidian, the click also dismisses the notice unless the handler stops it. Throws if
 * there is no such button.
 */
export function clickNoticeButton(text: string): void {
	const button = findNoticeButton(text);
	if (!button) throw new Error(`No notice on screen has a "${text}" button`);
	button.click();
}

/** The text of every Notice shown so far (including setMessage updates), oldest first. */
export function noticeMessages(): readonly string[] {
	return [...Fake.Notice.messages];
}

/** Forgets the recorded Notice messages. */
export function clearNotices(): void {
	Fake.Notice.clearMessages();
}

/** Whether the modal is open (attached to the document). */
export function isModalOpen(modal: Obsidian.Modal): boolean {
	return fakeOf(modal, Fake.Modal, "The modal").containerEl.isConnected;
}

/** Types `query` into a SuggestModal and resolves to the suggestions it rendered for it. */
export async function setSuggestQuery<T>(modal: Obsidian.SuggestModal<T>, query: string): Promise<T[]> {
	return fakeOf(modal, Fake.SuggestModal, "The modal").setQuery(query) as Promise<T[]>;
}

/** Picks the rendered suggestion at `index` as Enter would: the modal closes, then onChooseSuggestion runs. Returns the item. */
export function chooseSuggestion<T>(modal: Obsidian.SuggestModal<T>, index: number): T {
	return fakeOf(modal, Fake.SuggestModal, "The modal").chooseSuggestion(index) as T;
}

/** A setting found by name, with a way to act on its controls as a user would. */
export interface SettingControl {
	readonly setting: Obsidian.Setting;
	/** Its controls, in the order they were added (addText & co and addComponent alike). */
	readonly components: readonly Obsidian.BaseComponent[];
	/**
	 * Acts on the setting's `index`-th control as a user would, so its onChange/onClick fires:
	 * types into a text field, picks a dropdown option, sets a toggle (clicking it if needed), clicks a
	 * button, picks an existing secret by name in a SecretComponent.
	 */
	change(value?: string | boolean, index?: number): void;
	/**
	 * Uses the setting's (first) SecretComponent as a user would: with `secretValue`, creates or updates
	 * the secret `name` in app.secretStorage; then picks `name`, so onChange gets the name.
	 */
	pickSecret(name: string, secretValue?: string): void;
}

/** The Setting named `name` inside `containerEl` (throws if there is none). */
export function findSetting(containerEl: HTMLElement, name: string): SettingControl {
	const setting = Fake.Setting.find(containerEl, name);
	if (!setting) throw new Error(`No setting named "${name}"`);
	return {
		setting: setting as unknown as Obsidian.Setting,
		components: setting.components,
		change(value, index = 0) {
			const component = setting.components[index];
			if (!component) throw new Error(`Setting "${name}" has no control #${index}`);
			// A plugin's own BaseComponent subclass (via addComponent) has no test hook.
			if (typeof component.simulateUserInput !== "function") throw new Error(`Setting "${name}": control #${index} is not one of the double's components`);
			component.simulateUserInput(value);
		},
		pickSecret(secretName, secretValue) {
			const component = setting.components.find((c) => c instanceof Fake.SecretComponent);
			if (!component) throw new Error(`Setting "${name}" has no SecretComponent`);
			component.simulateUserInput(secretName, secretValue);
		},
	};
}

/** Opens the setting tab a plugin added (calls display(), as opening Obsidian's settings does) and returns it. */
export function openSettingTab(plugin: Obsidian.Plugin): Obsidian.PluginSettingTab {
	const fakePlugin = fakeOf(plugin, Fake.Plugin, "The plugin");
	const tab = fakePlugin.app.settingTabs.find((t) => t instanceof Fake.PluginSettingTab && t.plugin === fakePlugin);
	if (!tab) throw new Error(`Plugin "${fakePlugin.manifest.id}" has not added a setting tab`);
	tab.display();
	return tab as unknown as Obsidian.PluginSettingTab;
}

/** Every requestUrl call made so far (method and url), oldest first: proof a plugin used requestUrl rather than fetch. */
export function requestUrlCalls(): readonly Fake.RequestUrlLogEntry[] {
	return [...Fake.requestUrlLog];
}

/** Forgets the recorded requestUrl calls. */
export function clearRequestUrlLog(): void {
	Fake.requestUrlLog.length = 0;
}

/**
 * Opens the note at `path` in the active leaf, as clicking it in the file explorer would, and returns
 * its MarkdownView (now the active view and `workspace.activeEditor`, its editor holding the note).
 */
export async function openNote(app: Obsidian.App, path: string): Promise<Obsidian.MarkdownView> {
	const file = app.vault.getFileByPath(path);
	if (!file) throw new Error(`No file "${path}" in the vault`);
	const leaf = app.workspace.getLeaf(false);
	await leaf.openFile(file);
	if (!(leaf.view instanceof Fake.MarkdownView)) throw new Error(`"${path}" did not open in a MarkdownView (is it a note?)`);
	return leaf.view as unknown as Obsidian.MarkdownView;
}

/** Selects the `occurrence`-th (0-based) match of `text` in the active note's editor (see FakeWorkspaceControls.simulateSelection). */
export function setActiveSelection(app: Obsidian.App, text: string, occurrence = 0): Obsidian.Editor {
	return fakeOf(app, Fake.App, "The app").workspace.simulateSelection(text, occurrence);
}

/**
 * Selects from `from` to `to` in the active note's editor (character offsets or positions; `to`
 * omitted: a caret at `from`). Throws if no note is active. Returns the editor.
 */
export function selectInActiveEditor(app: Obsidian.App, from: number | Obsidian.EditorPosition, to?: number | Obsidian.EditorPosition): Obsidian.Editor {
	const editor = app.workspace.activeEditor?.editor;
	if (!editor) throw new Error("No active editor: open a note first (see openNote)");
	const pos = (p: number | Obsidian.EditorPosition) => (typeof p === "number" ? editor.offsetToPos(p) : p);
	editor.setSelection(pos(from), to === undefined ? undefined : pos(to));
	return editor;
}

/** The status bar, holding the plugins' addStatusBarItem elements. */
export function statusBarEl(app: Obsidian.App): HTMLElement {
	return fakeOf(app, Fake.App, "The app").statusBarEl;
}

/** The left ribbon, holding the plugins' addRibbonIcon elements (each with aria-label = title). */
export function ribbonEl(app: Obsidian.App): HTMLElement {
	return fakeOf(app, Fake.App, "The app").ribbonEl;
}

/** Where a leaf is: "main" (the main area, from getLeaf), or the "left" / "right" sidebar (getLeftLeaf / getRightLeaf). */
export function leafArea(leaf: Obsidian.WorkspaceLeaf): Fake.LeafArea {
	return fakeOf(leaf, Fake.WorkspaceLeaf, "The leaf").area;
}

/** The first leaf (of all areas, in the order the leaves were made) whose view has type `type`, or null. */
export function openView(app: Obsidian.App, type: string): Obsidian.WorkspaceLeaf | null {
	return app.workspace.getLeavesOfType(type)[0] ?? null;
}

/**
 * The view in the first leaf of type `type` (see openView), or null — typed as the plugin's view class
 * `T`, unchecked, the way a test knows which class registered `type`.
 */
export function viewOfType<T extends Obsidian.View = Obsidian.View>(app: Obsidian.App, type: string): T | null {
	return (openView(app, type)?.view as T | undefined) ?? null;
}

/** Forgets what App.saveLocalStorage kept (for every vault): call it in afterEach so tests do not see each other's values. */
export function clearLocalStorage(): void {
	Fake.App.clearLocalStorage();
}
