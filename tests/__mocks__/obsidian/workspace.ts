/**
 * Workspace and WorkspaceLeaf of the Obsidian double: layout readiness, the active view, file and
 * editor, and a record of what was opened, for tests to read. Test helper: `simulateSelection`.
 */
import type { App } from "./app";
import type { Editor } from "./editor";
import { Events } from "./events";
import { TAbstractFile, TFile } from "./files";
import { parseLinktext, type FileManager, type MetadataCache } from "./metadata";
import { childPath, parentPath } from "./paths";
import type { Vault } from "./vault";
import { createFileView, EmptyView, FileView, MarkdownView, type MarkdownFileInfo, type View } from "./views";

/** Shape of Obsidian's PaneType — see Reference/TypeScript API/PaneType.md */
export type PaneType = "tab" | "split" | "window";

/** Shape of Obsidian's OpenViewState — see Reference/TypeScript API/OpenViewState.md */
export interface OpenViewState {
	state?: Record<string, unknown>;
	eState?: Record<string, unknown>;
	active?: boolean;
	group?: WorkspaceLeaf;
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

	constructor(private readonly workspace: Workspace) {
		super();
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

	/** Fake of WorkspaceLeaf.detach — see Reference/TypeScript API/WorkspaceLeaf/detach.md (the view is closed and unloaded) */
	detach(): void {
		const view = this.view;
		this.workspace.onLeafDetached(this);
		void view.closeInLeaf().catch((error: unknown) => console.error(error));
	}

	/** Internal: closes the current view and shows `view` instead. */
	async setView(view: View): Promise<void> {
		const old = this.view;
		this.view = view;
		await old.closeInLeaf();
		await view.openInLeaf();
	}
}

/** Fake of Workspace — see Reference/TypeScript API/Workspace.md */
export class Workspace extends Events {
	/** Fake of Workspace.layoutReady — see Reference/TypeScript API/Workspace/layoutReady.md */
	layoutReady = false;
	/** Test-only: every WorkspaceLeaf.openFile call, oldest first. */
	readonly openedFiles: OpenedFile[] = [];
	/** Test-only: every Workspace.openLinkText call, oldest first. */
	readonly openedLinks: OpenedLink[] = [];

	private readonly layoutQueue: (() => unknown)[] = [];
	private readonly leaves: WorkspaceLeaf[] = [];
	private activeLeaf: WorkspaceLeaf | null = null;
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
	 * leaf shows no note. The double has no sidebars or embedded editors, so this follows the active leaf.
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
	 * argument or false, the active leaf (a new one if there is none); otherwise a new leaf.
	 */
	getLeaf(newLeaf?: PaneType | boolean): WorkspaceLeaf {
		if (!newLeaf && this.activeLeaf) return this.activeLeaf;
		const leaf = new WorkspaceLeaf(this);
		this.leaves.push(leaf);
		this.activeLeaf ??= leaf;
		return leaf;
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
		const changed = this.activeLeaf !== leaf;
		this.activeLeaf = leaf;
		if (leaf.view instanceof FileView && leaf.view.file) this.lastActiveFile = leaf.view.file;
		if (changed) this.trigger("active-leaf-change", leaf);
		this.trigger("file-open", leaf.view instanceof FileView ? leaf.view.file : null);
	}

	/** Internal: called by WorkspaceLeaf.detach. */
	onLeafDetached(leaf: WorkspaceLeaf): void {
		const index = this.leaves.indexOf(leaf);
		if (index !== -1) this.leaves.splice(index, 1);
		if (this.activeLeaf === leaf) this.activeLeaf = this.leaves[this.leaves.length - 1] ?? null;
	}
}
