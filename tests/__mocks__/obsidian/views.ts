/** The views a WorkspaceLeaf shows in the Obsidian double: View, ItemView, FileView, TextFileView, MarkdownView, and internal ones. */
import type { App } from "./app";
import { newEl } from "./dom";
import { Editor } from "./editor";
import { Component } from "./events";
import type { TFile } from "./files";
import type { Scope } from "./ui";
import { debounce } from "./util";
import type { WorkspaceLeaf } from "./workspace";

/** Shape of Obsidian's MarkdownFileInfo — see Reference/TypeScript API/MarkdownFileInfo.md (what Workspace.activeEditor holds) */
export interface MarkdownFileInfo {
	app: App;
	readonly file: TFile | null;
	editor?: Editor;
}

/** Fake of View — see Reference/TypeScript API/View.md */
export abstract class View extends Component {
	/** Fake of View.app — see Reference/TypeScript API/View/app.md */
	app: App;
	/** Fake of View.icon — see Reference/TypeScript API/View/icon.md */
	icon = "";
	/** Fake of View.navigation — see Reference/TypeScript API/View/navigation.md */
	navigation = false;
	/** Fake of View.leaf — see Reference/TypeScript API/View/leaf.md */
	leaf: WorkspaceLeaf;
	/** Fake of View.containerEl — see Reference/TypeScript API/View/containerEl.md */
	containerEl: HTMLElement;
	/** Fake of View.scope — see Reference/TypeScript API/View/scope.md */
	scope: Scope | null = null;

	/** Fake of the View constructor — see Reference/TypeScript API/View/(constructor).md */
	constructor(leaf: WorkspaceLeaf) {
		super();
		this.leaf = leaf;
		this.app = leaf.app;
		this.containerEl = newEl("div", "workspace-leaf-content");
	}

	/** Fake of View.getViewType — see Reference/TypeScript API/View/getViewType.md */
	abstract getViewType(): string;
	/** Fake of View.getDisplayText — see Reference/TypeScript API/View/getDisplayText.md */
	abstract getDisplayText(): string;

	/** Fake of View.getState — see Reference/TypeScript API/View/getState.md */
	getState(): Record<string, unknown> {
		return {};
	}

	/** Fake of View.setState — see Reference/TypeScript API/View/setState.md (ignored) */
	async setState(state: unknown, result: unknown): Promise<void> {
		// The double keeps no view state.
	}

	/** Fake of View.getEphemeralState — see Reference/TypeScript API/View/getEphemeralState.md */
	getEphemeralState(): Record<string, unknown> {
		return {};
	}

	/** Fake of View.setEphemeralState — see Reference/TypeScript API/View/setEphemeralState.md (ignored) */
	setEphemeralState(state: unknown): void {
		// The double keeps no view state.
	}

	/** Fake of View.getIcon — see Reference/TypeScript API/View/getIcon.md */
	getIcon(): string {
		return this.icon;
	}

	/** Fake of View.onResize — see Reference/TypeScript API/View/onResize.md */
	onResize(): void {
		// Nothing is laid out.
	}

	/** Fake of View.onOpen — see Reference/TypeScript API/View/onOpen.md */
	protected async onOpen(): Promise<void> {
		// Override to build the view.
	}

	/** Fake of View.onClose — see Reference/TypeScript API/View/onClose.md */
	protected async onClose(): Promise<void> {
		// Override to clean up.
	}

	/** Internal: what the leaf does when it starts showing this view (load, then onOpen). */
	async openInLeaf(): Promise<void> {
		this.load();
		await this.onOpen();
	}

	/** Internal: what the leaf does when it stops showing this view (onClose, then unload). */
	async closeInLeaf(): Promise<void> {
		await this.onClose();
		this.unload();
	}
}

/**
 * Fake of ItemView — see Reference/TypeScript API/ItemView.md and Plugins/User interface/Views.md.
 * As in Obsidian, containerEl holds the header (`.view-header`, where addAction puts its buttons)
 * and then the content (`.view-content`): views build into `this.contentEl`, or into
 * `this.containerEl.children[1]` as many plugins written before contentEl existed do. A view is a
 * Component: its leaf loads it before onOpen and unloads it after onClose, so what it registered
 * (registerEvent, registerInterval, registerDomEvent, children) is cleaned up when it closes.
 */
export abstract class ItemView extends View {
	/** Fake of ItemView.contentEl — see Reference/TypeScript API/ItemView/contentEl.md (`containerEl.children[1]`) */
	contentEl: HTMLElement;
	readonly #actionsEl: HTMLElement;

	/** Fake of the ItemView constructor — see Reference/TypeScript API/ItemView/(constructor).md */
	constructor(leaf: WorkspaceLeaf) {
		super(leaf);
		const headerEl = this.containerEl.createDiv("view-header");
		this.#actionsEl = headerEl.createDiv("view-actions");
		this.contentEl = this.containerEl.createDiv("view-content");
	}

	/**
	 * Fake of ItemView.addAction — see Reference/TypeScript API/ItemView/addAction.md: a clickable icon
	 * in the view's header (aria-label = title, data-icon = icon, since the double draws no icons) that
	 * calls `callback` when clicked. Returns the element.
	 */
	addAction(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
		const el = this.#actionsEl.createEl("a", { cls: "clickable-icon view-action", attr: { "aria-label": title, "data-icon": icon } });
		el.addEventListener("click", (evt) => void callback(evt));
		return el;
	}
}

/** Fake of FileView — see Reference/TypeScript API/FileView.md */
export abstract class FileView extends ItemView {
	/** Fake of FileView.allowNoFile — see Reference/TypeScript API/FileView/allowNoFile.md */
	allowNoFile = false;
	/** Fake of FileView.file — see Reference/TypeScript API/FileView/file.md */
	file: TFile | null = null;
	/** Fake of FileView.navigation — see Reference/TypeScript API/FileView/navigation.md */
	override navigation = true;

	/** Fake of FileView.getDisplayText — see Reference/TypeScript API/FileView/getDisplayText.md (the file's basename) */
	getDisplayText(): string {
		return this.file?.basename ?? "";
	}

	/** Fake of FileView.getState — see Reference/TypeScript API/FileView/getState.md (`{ file: path }`) */
	override getState(): Record<string, unknown> {
		return this.file ? { file: this.file.path } : {};
	}

	/** Fake of FileView.onLoadFile — see Reference/TypeScript API/FileView/onLoadFile.md */
	async onLoadFile(file: TFile): Promise<void> {
		// Override to show the file.
	}

	/** Fake of FileView.onUnloadFile — see Reference/TypeScript API/FileView/onUnloadFile.md */
	async onUnloadFile(file: TFile): Promise<void> {
		// Override to let go of the file.
	}

	/** Fake of FileView.onRename — see Reference/TypeScript API/FileView/onRename.md */
	async onRename(file: TFile): Promise<void> {
		// The TFile object is renamed in place; nothing to do.
	}

	/** Fake of FileView.canAcceptExtension — see Reference/TypeScript API/FileView/canAcceptExtension.md */
	canAcceptExtension(extension: string): boolean {
		return false;
	}

	/** Internal: switches the view to `file` (onUnloadFile for the old one, then onLoadFile), as Obsidian does when a leaf opens a file. */
	async loadFile(file: TFile): Promise<void> {
		if (this.file) await this.onUnloadFile(this.file);
		this.file = file;
		await this.onLoadFile(file);
	}

	/** Internal: lets go of the file before the leaf stops showing this view. */
	override async closeInLeaf(): Promise<void> {
		if (this.file) await this.onUnloadFile(this.file);
		await super.closeInLeaf();
	}
}

/** Fake of EditableFileView — see Reference/TypeScript API/EditableFileView.md */
export abstract class EditableFileView extends FileView {}

/** Ignores a failed background save whose folder is gone (a test removed its temp vault before the timer fired). */
function reportSaveError(error: unknown): void {
	if ((error as { code?: string } | null)?.code === "ENOENT") return;
	console.error(error);
}

/**
 * Fake of TextFileView — see Reference/TypeScript API/TextFileView.md. onLoadFile reads the file and
 * hands it to setViewData(data, true); requestSave saves 2 seconds after the last call (debounced,
 * see TextFileView/requestSave.md); save writes getViewData() with Vault.modify when it differs from
 * the disk; switching to another file saves first. While loaded, a change to the file made elsewhere
 * (Vault.modify/process, or outside the app) is loaded into the view with setViewData(data, false).
 */
export abstract class TextFileView extends EditableFileView {
	/** Fake of TextFileView.data — see Reference/TypeScript API/TextFileView/data.md */
	data = "";
	/** Fake of TextFileView.requestSave — see Reference/TypeScript API/TextFileView/requestSave.md */
	requestSave: () => void;

	/** Fake of the TextFileView constructor — see Reference/TypeScript API/TextFileView/(constructor).md */
	constructor(leaf: WorkspaceLeaf) {
		super(leaf);
		this.requestSave = debounce(() => void this.save().catch(reportSaveError), 2000, true);
	}

	/** Fake of FileView.onload — see Reference/TypeScript API/FileView/onload.md (follows changes made to the file elsewhere) */
	override onload(): void {
		this.registerEvent(
			this.app.vault.on("modify", (file: TFile) => {
				if (file !== this.file) return;
				const data = this.app.vault.readNow(file);
				if (data === this.getViewData()) return;
				this.data = data;
				this.setViewData(data, false);
			}),
		);
	}

	/** Fake of TextFileView.onLoadFile — see Reference/TypeScript API/TextFileView/onLoadFile.md */
	override async onLoadFile(file: TFile): Promise<void> {
		const data = await this.app.vault.read(file);
		this.data = data;
		this.setViewData(data, true);
	}

	/** Fake of TextFileView.onUnloadFile — see Reference/TypeScript API/TextFileView/onUnloadFile.md (saves first) */
	override async onUnloadFile(file: TFile): Promise<void> {
		await this.save();
	}

	/** Fake of TextFileView.save — see Reference/TypeScript API/TextFileView/save.md */
	async save(clear?: boolean): Promise<void> {
		const file = this.file;
		if (!file || this.app.vault.getFileByPath(file.path) !== file) return;
		const data = this.getViewData();
		this.data = data;
		if (data !== this.app.vault.readNow(file)) await this.app.vault.modify(file, data);
		if (clear) this.clear();
	}

	/** Fake of TextFileView.getViewData — see Reference/TypeScript API/TextFileView/getViewData.md */
	abstract getViewData(): string;
	/** Fake of TextFileView.setViewData — see Reference/TypeScript API/TextFileView/setViewData.md */
	abstract setViewData(data: string, clear: boolean): void;
	/** Fake of TextFileView.clear — see Reference/TypeScript API/TextFileView/clear.md */
	abstract clear(): void;
}

/**
 * Fake of MarkdownView — see Reference/TypeScript API/MarkdownView.md, in source mode. Its editor
 * holds the note's text; an edit fires Workspace 'editor-change' (Workspace/on('editor-change').md)
 * and requests a save, so it reaches the file 2 seconds later, or at once with `await view.save()`.
 */
export class MarkdownView extends TextFileView implements MarkdownFileInfo {
	/** Fake of MarkdownView.editor — see Reference/TypeScript API/MarkdownView/editor.md */
	editor: Editor;
	/** Fake of MarkdownView.hoverPopover — see Reference/TypeScript API/MarkdownView/hoverPopover.md */
	hoverPopover: null = null;

	/** Fake of the MarkdownView constructor — see Reference/TypeScript API/MarkdownView/(constructor).md */
	constructor(leaf: WorkspaceLeaf) {
		super(leaf);
		this.editor = new Editor(() => {
			this.data = this.editor.getValue();
			this.requestSave();
			this.app.workspace.trigger("editor-change", this.editor, this);
		});
	}

	/** Fake of MarkdownView.getViewType — see Reference/TypeScript API/MarkdownView/getViewType.md */
	getViewType(): string {
		return "markdown";
	}

	/** Fake of MarkdownView.getMode — see Reference/TypeScript API/MarkdownView/getMode.md (always "source": there is no reading view) */
	getMode(): "source" | "preview" {
		return "source";
	}

	/** Fake of MarkdownView.getViewData — see Reference/TypeScript API/MarkdownView/getViewData.md */
	getViewData(): string {
		return this.editor.getValue();
	}

	/** Fake of MarkdownView.setViewData — see Reference/TypeScript API/MarkdownView/setViewData.md (`clear`: a different file, so the selection resets) */
	setViewData(data: string, clear: boolean): void {
		this.editor.loadText(data, clear);
	}

	/** Fake of MarkdownView.clear — see Reference/TypeScript API/MarkdownView/clear.md */
	clear(): void {
		this.editor.loadText("", true);
	}

	/** Fake of MarkdownView.showSearch — see Reference/TypeScript API/MarkdownView/showSearch.md (no search UI in the double) */
	showSearch(replace?: boolean): void {
		// Nothing is rendered.
	}

	/** Fake of FileView.canAcceptExtension for notes — see Reference/TypeScript API/FileView/canAcceptExtension.md */
	override canAcceptExtension(extension: string): boolean {
		return extension === "md";
	}
}

/** Internal: what a leaf with nothing open shows (Obsidian's "empty" view). */
export class EmptyView extends ItemView {
	getViewType(): string {
		return "empty";
	}

	getDisplayText(): string {
		return "New tab";
	}
}

/** The view types of Obsidian's core viewers, by extension. */
const VIEW_TYPES: Record<string, string> = {
	png: "image",
	jpg: "image",
	jpeg: "image",
	gif: "image",
	bmp: "image",
	svg: "image",
	webp: "image",
	avif: "image",
	mp3: "audio",
	wav: "audio",
	m4a: "audio",
	ogg: "audio",
	flac: "audio",
	mp4: "video",
	webm: "video",
	ogv: "video",
	mov: "video",
	mkv: "video",
	pdf: "pdf",
	canvas: "canvas",
	base: "bases",
};

/** Internal: the types of Obsidian's own views, which Plugin.registerView may not take. */
export const CORE_VIEW_TYPES: ReadonlySet<string> = new Set(["empty", "markdown", ...Object.values(VIEW_TYPES)]);

/** Internal: the view of a file that is not a note (image, PDF, canvas…); it has no editor. Unknown extensions get the extension as view type. */
export class NonMarkdownFileView extends FileView {
	getViewType(): string {
		const extension = this.file?.extension ?? "";
		return VIEW_TYPES[extension] ?? extension;
	}

	override canAcceptExtension(extension: string): boolean {
		return extension !== "md";
	}
}

/** Internal: the view Obsidian opens `file` in. */
export function createFileView(leaf: WorkspaceLeaf, file: TFile): FileView {
	return file.extension === "md" ? new MarkdownView(leaf) : new NonMarkdownFileView(leaf);
}
