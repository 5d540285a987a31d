/**
 * Workspace and WorkspaceLeaf of the Obsidian double: layout readiness, the active view, file and
 * editor, leaves in the main area and the two sidebars, plugin views (the view registry behind
 * Plugin.registerView), and a record of what was opened and revealed, for tests to read.
 * Test helpers: `simulateSelection`, `isLeafVisible`, `settleViews`, `WorkspaceLeaf.area`.
 */
import type { App } from "./app";
import type { Editor } from "./editor";
import { Events } from "./events";
import { TAbstractFile, TFile } from "./files";
import { parseLinktext, type FileManager, type MetadataCache } from "./metadata";
import { childPath, parentPath } from "./paths";
import type { Vault } from "./vault";
import { CORE_VIEW_TYPES, createFileView, EmptyView, FileView, MarkdownView, type MarkdownFileInfo, type View } from "./views";

/** Shape of Obsidian's PaneType — see Reference/TypeScript API/PaneType.md */
export type PaneType = "tab" | "split" | "window";

/** Shape of Obsidian's OpenViewState — see Reference/TypeScript API/OpenViewState.md */
export interface OpenViewState {
	state?: Record<string, unknown>;
	eState?: Record<string, unknown>;
	active?: boolean;
	group?: WorkspaceLeaf;
}

/** Shape of Obsidian's ViewState — see Reference/TypeScript API/ViewState.md */
export interface ViewState {
	type: string;
	state?: Record<string, unknown>;
	active?: boolean;
	pinned?: boolean;
	group?: WorkspaceLeaf;
}

/** Shape of Obsidian's ViewCreator — see Reference/TypeScript API/ViewCreator.md */
export type ViewCreator = (leaf: WorkspaceLeaf) => View;

/** Test-only: where a leaf is — the main area (Obsidian's root split) or the left or right sidebar. */
export type LeafArea = "main" | "left" | "right";

/**
 * Internal app.viewRegistry (not in the typed API): the view creators by type, filled by
 * Plugin.registerView. Like Obsidian's, it fires 'view-registered' and 'view-unregistered' with the
 * type; the workspace follows them to close and later rebuild the views of a plugin that unloads.
 */
export class ViewRegistry extends Events {
	readonly #creators = new Map<string, ViewCreator>();

	/** Obsidian throws when a type is taken (a core view's, or one a plugin registered and did not unregister). */
	registerView(type: string, creator: ViewCreator): void {
		if (CORE_VIEW_TYPES.has(type) || this.#creators.has(type)) throw new Error(`Attempting to register an existing view type "${type}"`);
		this.#creators.set(type, creator);
		this.trigger("view-registered", type);
	}

	unregisterView(type: string): void {
		if (!this.#creators.delete(type)) return;
		this.trigger("view-unregistered", type);
	}

	getViewCreatorByType(type: string): ViewCreator | undefined {
		return this.#creators.get(type);
	}
}

/**
 * Fake of WorkspaceSidedock — see Reference/TypeScript API/WorkspaceSidedock.md: what
 * Workspace.leftSplit and rightSplit hold on desktop. Only its collapsed state is modelled; the
 * double keeps one tab group per sidebar whatever `split` getLeftLeaf/getRightLeaf are given.
 */
export class WorkspaceSidedock extends Events {
	/** Fake of WorkspaceSidedock.collapsed — see Reference/TypeScript API/WorkspaceSidedock/collapsed.md (the double starts with both sidebars open) */
	collapsed = false;

	/** Fake of WorkspaceSidedock.toggle — see Reference/TypeScript API/WorkspaceSidedock/toggle.md */
	toggle(): void {
		this.collapsed = !this.collapsed;
	}

	/** Fake of WorkspaceSidedock.collapse — see Reference/TypeScript API/WorkspaceSidedock/collapse.md */
	collapse(): void {
		this.collapsed = true;
	}

	/** Fake of WorkspaceSidedock.expand — see Reference/TypeScript API/WorkspaceSidedock/expand.md */
	expand(): void {
		this.collapsed = false;
	}
}

/** Test-only record of one WorkspaceLeaf.openFile call. */
export interface OpenedFile {
	path: string;
	leaf: WorkspaceLeaf;
	openState: OpenViewState | undefined;
}

/** Test-only record of one Workspace.openLinkText call. */
export interface OpenedLink {
	linktext: string;
	sourcePath: string;
	/** Path of the file that was opened (created first if the link did not resolve, as Obsidian does). */
	path: string;
	/** The `#heading` / `#^block` part of the linktext, with its "#", or "". */
	subpath: string;
	newLeaf: PaneType | boolean | undefined;
	created: boolean;
}

/** Fake of WorkspaceLeaf — see Reference/TypeScript API/WorkspaceLeaf.md */
export class WorkspaceLeaf extends Events {
	/**
	 * Fake of WorkspaceLeaf.view — see Reference/TypeScript API/WorkspaceLeaf/view.md: an empty view
	 * until a file is opened, then a MarkdownView for a note, or a FileView without editor for other files.
	 */
	view: View;
	/** Test-only: what was opened in this leaf, oldest first. */
	readonly history: OpenedFile[] = [];
	/** Test-only: where the leaf is (getLeaf makes "main" leaves, getLeftLeaf / getRightLeaf sidebar ones). */
	readonly area: LeafArea;
	/** The plugin view this leaf showed until its type was unregistered, to rebuild when the type comes back. */
	#unregistered: { type: string; state: Record<string, unknown> } | null = null;

	constructor(
		private readonly workspace: Workspace,
		area: LeafArea = "main",
	) {
		super();
		this.area = area;
		this.view = new EmptyView(this);
		this.view.load();
	}

	/** Internal: the app the leaf belongs to (Views take their `app` from it). */
	get app(): App {
		return this.workspace.app;
	}

	/**
	 * Fake of WorkspaceLeaf.openFile — see Reference/TypeScript API/WorkspaceLeaf/openFile.md.
	 * Records the call and shows the file: a MarkdownView already in the leaf is reused (it saves the
	 * old note, then loads the new one, as Obsidian does), otherwise a new view replaces the old one.
	 * Then (unless `openState.active` is false) makes this the active leaf, firing 'file-open' and,
	 * if the active leaf changed, 'active-leaf-change'.
	 */
	async openFile(file: TFile, openState?: OpenViewState): Promise<void> {
		this.#unregistered = null;
		await Promise.resolve();
		const record: OpenedFile = { path: file.path, leaf: this, openState };
		this.history.push(record);
		const current = this.view;
		if (current instanceof FileView && current.canAcceptExtension(file.extension)) {
			await current.loadFile(file);
		} else {
			const view = createFileView(this, file);
			await this.setView(view);
			await view.loadFile(file);
		}
		this.workspace.onLeafOpened(this, record);
	}

	/**
	 * Fake of WorkspaceLeaf.setViewState — see Reference/TypeScript API/WorkspaceLeaf/setViewState.md
	 * and Plugins/User interface/Views.md. A leaf already showing a view of `type` keeps it; otherwise
	 * the creator registered for `type` (Plugin.registerView) builds a new view, the old view closes
	 * (onClose, then unload) and the new one opens (load, then onOpen, awaited). Then the view gets
	 * `state` through View.setState and `eState` through setEphemeralState, and `active: true` makes
	 * the leaf active (Workspace.setActiveLeaf). "empty" empties the leaf.
	 * Obsidian shows a blank placeholder for a type nobody registered; the double rejects instead,
	 * naming the type, so a test finds the missing registerView. Files open with openFile.
	 */
	async setViewState(viewState: ViewState, eState?: unknown): Promise<void> {
		const { type, state = {}, active } = viewState;
		const current = this.view;
		// Built before the first await, so leaf.view is the new view as soon as the call returns.
		const view = current.getViewType() === type ? current : this.workspace.createView(this, type);
		this.#unregistered = null;
		await this.workspace.track(
			(async () => {
				if (view !== current) await this.setView(view);
				await view.setState(state, { history: false });
				if (eState !== undefined) view.setEphemeralState(eState);
			})(),
		);
		if (active) this.workspace.setActiveLeaf(this);
	}

	/** Fake of WorkspaceLeaf.getViewState — see Reference/TypeScript API/WorkspaceLeaf/getViewState.md (`{ type, state }` of the view) */
	getViewState(): ViewState {
		return { type: this.view.getViewType(), state: this.view.getState() };
	}

	/** Fake of WorkspaceLeaf.isDeferred — see Reference/TypeScript API/WorkspaceLeaf/isDeferred.md (the double loads every view at once, so never) */
	get isDeferred(): boolean {
		return false;
	}

	/** Fake of WorkspaceLeaf.loadIfDeferred — see Reference/TypeScript API/WorkspaceLeaf/loadIfDeferred.md (waits for views still opening) */
	async loadIfDeferred(): Promise<void> {
		await this.workspace.settleViews();
	}

	/**
	 * Fake of WorkspaceLeaf.detach — see Reference/TypeScript API/WorkspaceLeaf/detach.md: the leaf
	 * leaves the workspace and its view closes (onClose is called now; unload follows once it resolves).
	 */
	detach(): void {
		const view = this.view;
		this.#unregistered = null;
		this.workspace.onLeafDetached(this);
		void this.workspace.track(view.closeInLeaf()).catch((error: unknown) => console.error(error));
	}

	/**
	 * Internal: the view's type was unregistered (its plugin unloaded). As in Obsidian the leaf stays
	 * where it is: its view closes (onClose, unload) and the leaf shows an empty view until the type is
	 * registered again (onViewRegistered).
	 */
	onViewUnregistered(): void {
		const unregistered = { type: this.view.getViewType(), state: this.view.getState() };
		void this.workspace.track(this.setView(new EmptyView(this))).catch((error: unknown) => console.error(error));
		this.#unregistered = unregistered;
	}

	/** Internal: `type` was registered; rebuilds the view this leaf lost when that type was unregistered ("your views automatically get refreshed"). */
	onViewRegistered(type: string): void {
		const unregistered = this.#unregistered;
		if (unregistered?.type !== type) return;
		void this.setViewState({ type, state: unregistered.state }).catch((error: unknown) => console.error(error));
	}

	/** Internal: closes the current view and shows `view` instead. */
	async setView(view: View): Promise<void> {
		const old = this.view;
		this.view = view;
		await old.closeInLeaf();
		await view.openInLeaf();
	}
}

/**
 * Fake of Workspace — see Reference/TypeScript API/Workspace.md and Plugins/User interface/Workspace.md.
 * Leaves live in the main area or in the left or right sidebar; each area is modelled as one tab
 * group, which shows one leaf at a time (see isLeafVisible).
 */
export class Workspace extends Events {
	/** Fake of Workspace.layoutReady — see Reference/TypeScript API/Workspace/layoutReady.md */
	layoutReady = false;
	/** Fake of Workspace.leftSplit — see Reference/TypeScript API/Workspace/leftSplit.md (the left sidebar) */
	readonly leftSplit = new WorkspaceSidedock();
	/** Fake of Workspace.rightSplit — see Reference/TypeScript API/Workspace/rightSplit.md (the right sidebar) */
	readonly rightSplit = new WorkspaceSidedock();
	/** Test-only: every WorkspaceLeaf.openFile call, oldest first. */
	readonly openedFiles: OpenedFile[] = [];
	/** Test-only: every Workspace.openLinkText call, oldest first. */
	readonly openedLinks: OpenedLink[] = [];
	/** Test-only: every leaf passed to Workspace.revealLeaf, oldest first. */
	readonly revealedLeaves: WorkspaceLeaf[] = [];

	private readonly layoutQueue: (() => unknown)[] = [];
	private readonly leaves: WorkspaceLeaf[] = [];
	private activeLeaf: WorkspaceLeaf | null = null;
	/** The main-area leaf last active: getLeaf(false) reuses it while a sidebar leaf is active. */
	private recentMainLeaf: WorkspaceLeaf | null = null;
	/** The tab each area shows. */
	private readonly shownLeaves = new Map<LeafArea, WorkspaceLeaf>();
	/** View openings and closings under way, which revealLeaf and settleViews wait for. */
	private readonly pendingViews = new Set<Promise<unknown>>();
	private lastActiveFile: TFile | null = null;

	constructor(
		private readonly vault: Vault,
		private readonly metadataCache: MetadataCache,
		private readonly fileManager: FileManager,
		/** Internal: the app, for the views' `app`. */
		readonly app: App,
	) {
		super();
		// A deleted file leaves the leaves that showed it empty, and stops being the active file.
		vault.on("delete", (file: TAbstractFile) => {
			if (!(file instanceof TFile)) return;
			if (this.lastActiveFile === file) this.lastActiveFile = null;
			for (const leaf of this.leaves) {
				if (leaf.view instanceof FileView && leaf.view.file === file) {
					leaf.view.file = null;
					void leaf.setView(new EmptyView(leaf)).catch((error: unknown) => console.error(error));
				}
			}
		});
		// A plugin that unloads takes its view types away; they come back when it loads again.
		app.viewRegistry.on("view-unregistered", (type: string) => {
			for (const leaf of this.getLeavesOfType(type)) leaf.onViewUnregistered();
		});
		app.viewRegistry.on("view-registered", (type: string) => {
			for (const leaf of this.leaves.slice()) leaf.onViewRegistered(type);
		});
	}

	/** Test-only: marks the layout ready and runs the queued onLayoutReady callbacks in order. */
	setLayoutReady(): void {
		if (this.layoutReady) return;
		this.layoutReady = true;
		for (let cb = this.layoutQueue.shift(); cb; cb = this.layoutQueue.shift()) cb();
	}

	/** Fake of Workspace.onLayoutReady — see Reference/TypeScript API/Workspace/onLayoutReady.md (runs now if ready, else queues) */
	onLayoutReady(callback: () => unknown): void {
		if (this.layoutReady) callback();
		else this.layoutQueue.push(callback);
	}

	/**
	 * Fake of Workspace.getActiveFile — see Reference/TypeScript API/Workspace/getActiveFile.md: the
	 * active view's file if it is a FileView, else the most recently active file.
	 */
	getActiveFile(): TFile | null {
		const view = this.activeLeaf?.view;
		return (view instanceof FileView ? view.file : null) ?? this.lastActiveFile;
	}

	/**
	 * Fake of Workspace.getActiveViewOfType — see Reference/TypeScript API/Workspace/getActiveViewOfType.md:
	 * the active leaf's view if it is an instance of `type`, else null (Plugins/Editor/Editor.md).
	 */
	getActiveViewOfType<T extends View>(type: abstract new (...args: never[]) => T): T | null {
		const view = this.activeLeaf?.view;
		return view instanceof type ? view : null;
	}

	/**
	 * Fake of Workspace.activeEditor — see Reference/TypeScript API/Workspace/activeEditor.md: the
	 * active MarkdownView (which is a MarkdownFileInfo: `{ app, file, editor }`), or null when the active
	 * leaf shows no note. The double has no embedded editors, so this follows the active leaf (it is
	 * null while a sidebar view is active, like getActiveViewOfType(MarkdownView)).
	 */
	get activeEditor(): MarkdownFileInfo | null {
		const view = this.activeLeaf?.view;
		return view instanceof MarkdownView ? view : null;
	}

	/**
	 * Test-only: selects the `occurrence`-th (0-based) match of `text` in the active editor, as a user
	 * dragging over it would (anchor at its start, head at its end). Throws if no note is active or the
	 * text is not there. Returns the editor.
	 */
	simulateSelection(text: string, occurrence = 0): Editor {
		const editor = this.activeEditor?.editor;
		if (!editor) throw new Error("No active editor: open a note first (e.g. workspace.getLeaf().openFile(file))");
		if (text === "") throw new Error("simulateSelection needs some text to select");
		const value = editor.getValue();
		let at = -1;
		for (let i = 0; i <= occurrence; i++) {
			at = value.indexOf(text, at + 1);
			if (at === -1) throw new Error(`"${text}" occurs ${i} time(s) in the active note; cannot select occurrence #${occurrence}`);
		}
		editor.setSelection(editor.offsetToPos(at), editor.offsetToPos(at + text.length));
		return editor;
	}

	/**
	 * Fake of Workspace.getLeaf — see Reference/TypeScript API/Workspace/getLeaf_1.md: with no
	 * argument or false, the most recent leaf of the main area (getMostRecentLeaf: the active leaf
	 * unless a sidebar leaf is active; a new one if there is none); otherwise a new main-area leaf.
	 * Never a sidebar leaf, so opening a note does not replace a plugin's sidebar view.
	 */
	getLeaf(newLeaf?: PaneType | boolean): WorkspaceLeaf {
		if (!newLeaf) {
			const recent = this.getMostRecentLeaf();
			if (recent) return recent;
		}
		const leaf = this.addLeaf("main");
		if (!this.activeLeaf) this.activate(leaf);
		return leaf;
	}

	/**
	 * Fake of Workspace.getMostRecentLeaf — see Reference/TypeScript API/Workspace/getMostRecentLeaf.md:
	 * the main-area leaf most recently active, even while a sidebar leaf is active (the double has
	 * no pop-out windows and ignores `root`).
	 */
	getMostRecentLeaf(root?: unknown): WorkspaceLeaf | null {
		return this.recentMainLeaf ?? this.lastLeafIn("main");
	}

	/** Fake of Workspace.getLeftLeaf — see Reference/TypeScript API/Workspace/getLeftLeaf.md: a new leaf, empty, in the left sidebar (not made active) */
	getLeftLeaf(split: boolean): WorkspaceLeaf | null {
		return this.addLeaf("left");
	}

	/** Fake of Workspace.getRightLeaf — see Reference/TypeScript API/Workspace/getRightLeaf.md: a new leaf, empty, in the right sidebar (not made active) */
	getRightLeaf(split: boolean): WorkspaceLeaf | null {
		return this.addLeaf("right");
	}

	/** Fake of Workspace.getLeavesOfType — see Reference/TypeScript API/Workspace/getLeavesOfType.md (all areas, in the order the leaves were made) */
	getLeavesOfType(viewType: string): WorkspaceLeaf[] {
		return this.leaves.filter((leaf) => leaf.view.getViewType() === viewType);
	}

	/** Fake of Workspace.detachLeavesOfType — see Reference/TypeScript API/Workspace/detachLeavesOfType.md (WorkspaceLeaf.detach on each) */
	detachLeavesOfType(viewType: string): void {
		for (const leaf of this.getLeavesOfType(viewType)) leaf.detach();
	}

	/** Fake of Workspace.iterateAllLeaves — see Reference/TypeScript API/Workspace/iterateAllLeaves.md (main area and sidebars) */
	iterateAllLeaves(callback: (leaf: WorkspaceLeaf) => unknown): void {
		for (const leaf of this.leaves.slice()) callback(leaf);
	}

	/** Fake of Workspace.iterateRootLeaves — see Reference/TypeScript API/Workspace/iterateRootLeaves.md (the main area only) */
	iterateRootLeaves(callback: (leaf: WorkspaceLeaf) => unknown): void {
		for (const leaf of this.leaves.filter((l) => l.area === "main")) callback(leaf);
	}

	/**
	 * Fake of Workspace.setActiveLeaf — see Reference/TypeScript API/Workspace/setActiveLeaf.md (the
	 * deprecated `(leaf, pushHistory, focus)` form is accepted too). Fires 'active-leaf-change' when the
	 * active leaf changes, and 'file-open' when that changes the active file (Workspace/on('file-open').md).
	 */
	setActiveLeaf(leaf: WorkspaceLeaf, params?: { focus?: boolean } | boolean, focus?: boolean): void {
		const fileBefore = this.getActiveFile();
		if (!this.activate(leaf)) return;
		if (leaf.view instanceof FileView && leaf.view.file) this.lastActiveFile = leaf.view.file;
		this.trigger("active-leaf-change", leaf);
		const fileAfter = this.getActiveFile();
		if (fileAfter !== fileBefore) this.trigger("file-open", fileAfter);
	}

	/**
	 * Fake of Workspace.revealLeaf — see Reference/TypeScript API/Workspace/revealLeaf.md (async since
	 * 1.7.2): brings the leaf to the foreground — expands its sidebar if collapsed and shows its tab —
	 * and resolves once its view has loaded. It does not make the leaf active; setViewState with
	 * `active: true` or setActiveLeaf does. Recorded in `revealedLeaves`.
	 */
	async revealLeaf(leaf: WorkspaceLeaf): Promise<void> {
		this.revealedLeaves.push(leaf);
		if (leaf.area !== "main") this.sidedock(leaf.area).expand();
		if (this.leaves.includes(leaf)) this.shownLeaves.set(leaf.area, leaf);
		await this.settleViews();
	}

	/**
	 * Test-only: whether the user sees the leaf — it is the tab its area shows (the first leaf made
	 * there, or the last revealed or made active) and, for a sidebar leaf, that sidebar is not collapsed.
	 */
	isLeafVisible(leaf: WorkspaceLeaf): boolean {
		if (this.shownLeaves.get(leaf.area) !== leaf) return false;
		return leaf.area === "main" || !this.sidedock(leaf.area).collapsed;
	}

	/**
	 * Test-only: resolves once every view opening or closing under way has finished — the ones a
	 * plugin did not await (setViewState, detach, a plugin unloading or loading again). Failures are
	 * reported where the work started, not here.
	 */
	async settleViews(): Promise<void> {
		while (this.pendingViews.size > 0) await Promise.all([...this.pendingViews]);
	}

	/** Internal: remembers view work until it settles, for settleViews. Returns `work`. */
	track<T>(work: Promise<T>): Promise<T> {
		const settled: Promise<unknown> = work.then(
			() => this.pendingViews.delete(settled),
			() => this.pendingViews.delete(settled),
		);
		this.pendingViews.add(settled);
		return work;
	}

	/** Internal: the view of `type` for `leaf`, from the creator a plugin registered; throws for an unknown type. */
	createView(leaf: WorkspaceLeaf, type: string): View {
		if (type === "empty") return new EmptyView(leaf);
		const creator = this.app.viewRegistry.getViewCreatorByType(type);
		if (!creator) {
			throw new Error(`No view type "${type}" is registered: call Plugin.registerView("${type}", creator) first (files open with WorkspaceLeaf.openFile)`);
		}
		return creator(leaf);
	}

	/**
	 * Fake of Workspace.openLinkText — see Reference/TypeScript API/Workspace/openLinkText.md.
	 * Resolves the linktext's path (a vault path or a name, see getFirstLinkpathDest; an empty path
	 * is the source note) and opens it with its `#subpath` in the leaf from getLeaf(newLeaf). As in
	 * Obsidian, an unresolved link creates the note first (in getNewFileParent, unless the link has a folder).
	 */
	async openLinkText(linktext: string, sourcePath: string, newLeaf?: PaneType | boolean, openViewState?: OpenViewState): Promise<void> {
		const { path, subpath } = parseLinktext(linktext);
		let file = this.metadataCache.getFirstLinkpathDest(path, sourcePath);
		let created = false;
		if (!file) {
			const name = /\.[^/.]+$/.test(path) ? path : `${path}.md`;
			const target = path.includes("/") ? name : childPath(this.fileManager.getNewFileParent(sourcePath).path, name);
			if (!this.vault.getFolderByPath(parentPath(target))) await this.vault.createFolder(parentPath(target));
			file = await this.vault.create(target, "");
			created = true;
		}
		this.openedLinks.push({ linktext, sourcePath, path: file.path, subpath, newLeaf, created });
		await this.getLeaf(newLeaf).openFile(file, { ...openViewState, eState: { ...openViewState?.eState, subpath } });
	}

	/** Internal: called by WorkspaceLeaf.openFile. */
	onLeafOpened(leaf: WorkspaceLeaf, record: OpenedFile): void {
		this.openedFiles.push(record);
		if (record.openState?.active === false) return;
		const changed = this.activate(leaf);
		if (leaf.view instanceof FileView && leaf.view.file) this.lastActiveFile = leaf.view.file;
		if (changed) this.trigger("active-leaf-change", leaf);
		this.trigger("file-open", leaf.view instanceof FileView ? leaf.view.file : null);
	}

	/** Internal: called by WorkspaceLeaf.detach. The area shows its last leaf; the active leaf falls back to the main area's most recent. */
	onLeafDetached(leaf: WorkspaceLeaf): void {
		const index = this.leaves.indexOf(leaf);
		if (index !== -1) this.leaves.splice(index, 1);
		if (this.shownLeaves.get(leaf.area) === leaf) {
			const next = this.lastLeafIn(leaf.area);
			if (next) this.shownLeaves.set(leaf.area, next);
			else this.shownLeaves.delete(leaf.area);
		}
		if (this.recentMainLeaf === leaf) this.recentMainLeaf = this.lastLeafIn("main");
		if (this.activeLeaf === leaf) this.activeLeaf = this.getMostRecentLeaf() ?? this.leaves[this.leaves.length - 1] ?? null;
	}

	/** A new leaf in `area`; it is shown if its area showed nothing. */
	private addLeaf(area: LeafArea): WorkspaceLeaf {
		const leaf = new WorkspaceLeaf(this, area);
		this.leaves.push(leaf);
		if (!this.shownLeaves.has(area)) this.shownLeaves.set(area, leaf);
		return leaf;
	}

	/** Makes `leaf` the active one (and the tab its area shows); returns whether the active leaf changed. */
	private activate(leaf: WorkspaceLeaf): boolean {
		const changed = this.activeLeaf !== leaf;
		this.activeLeaf = leaf;
		this.shownLeaves.set(leaf.area, leaf);
		if (leaf.area === "main") this.recentMainLeaf = leaf;
		return changed;
	}

	private lastLeafIn(area: LeafArea): WorkspaceLeaf | null {
		for (let i = this.leaves.length - 1; i >= 0; i--) {
			const leaf = this.leaves[i];
			if (leaf?.area === area) return leaf;
		}
		return null;
	}

	private sidedock(area: "left" | "right"): WorkspaceSidedock {
		return area === "left" ? this.leftSplit : this.rightSplit;
	}
}
