/**
 * Workspace and WorkspaceLeaf of the Obsidian double: layout readiness, the active file, and a record
 * of what was opened, for tests to read.
 */
import { Events } from "./events";
import { TFile } from "./files";
import { parseLinktext, type FileManager, type MetadataCache } from "./metadata";
import { childPath, parentPath } from "./paths";
import type { Vault } from "./vault";

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
	/** Minimal view: the file shown, if any. */
	view: { file: TFile | null; getViewType(): string };
	/** Test-only: what was opened in this leaf, oldest first. */
	readonly history: OpenedFile[] = [];

	constructor(private readonly workspace: Workspace) {
		super();
		const view = { file: null as TFile | null, getViewType: () => (view.file ? "markdown" : "empty") };
		this.view = view;
	}

	/**
	 * Fake of WorkspaceLeaf.openFile — see Reference/TypeScript API/WorkspaceLeaf/openFile.md.
	 * Records the call, shows the file and (unless `openState.active` is false) makes this the
	 * active leaf, firing 'file-open' and, if the active leaf changed, 'active-leaf-change'.
	 */
	async openFile(file: TFile, openState?: OpenViewState): Promise<void> {
		await Promise.resolve();
		const record: OpenedFile = { path: file.path, leaf: this, openState };
		this.history.push(record);
		this.view.file = file;
		this.workspace.onLeafOpened(this, record);
	}

	/** Fake of WorkspaceLeaf.detach — see Reference/TypeScript API/WorkspaceLeaf/detach.md */
	detach(): void {
		this.workspace.onLeafDetached(this);
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
	) {
		super();
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

	/** Fake of Workspace.getActiveFile — see Reference/TypeScript API/Workspace/getActiveFile.md */
	getActiveFile(): TFile | null {
		return this.activeLeaf?.view.file ?? this.lastActiveFile;
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
		this.lastActiveFile = leaf.view.file;
		if (changed) this.trigger("active-leaf-change", leaf);
		this.trigger("file-open", leaf.view.file);
	}

	/** Internal: called by WorkspaceLeaf.detach. */
	onLeafDetached(leaf: WorkspaceLeaf): void {
		const index = this.leaves.indexOf(leaf);
		if (index !== -1) this.leaves.splice(index, 1);
		if (this.activeLeaf === leaf) this.activeLeaf = this.leaves[this.leaves.length - 1] ?? null;
	}
}
