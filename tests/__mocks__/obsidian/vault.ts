/**
 * Vault of the Obsidian double, backed by a real folder on disk.
 *
 * Every method does its disk work, tree update and event in one synchronous step after a microtask,
 * so each call is atomic with respect to the others (that is what makes `process` atomic) and
 * callers still have to await it. Hidden entries (a path segment starting with ".") are not part
 * of the vault, as in Obsidian; the adapter reaches them.
 */
import * as fs from "node:fs";
import * as nodePath from "node:path";
import { applyWriteOptions, FileSystemAdapter, statFrom, type DataWriteOptions } from "./adapter";
import { Events } from "./events";
import { TAbstractFile, TFile, TFolder } from "./files";
import { childPath, FORBIDDEN_CHARS, FsError, isHiddenPath, isVisibleEntry, parentPath, removeFrom } from "./paths";
import { normalizePath } from "./util";

/** Options of the double's Vault. */
export interface VaultOptions {
	/** Config folder name; Obsidian's default is `.obsidian`. */
	configDir?: string;
}

/** Fake of Vault — see Reference/TypeScript API/Vault.md */
export class Vault extends Events {
	/** Fake of Vault.adapter — see Reference/TypeScript API/Vault/adapter.md */
	adapter: FileSystemAdapter;
	/** Fake of Vault.configDir — see Reference/TypeScript API/Vault/configDir.md */
	configDir: string;
	/** Test-only: the absolute folder on disk that holds the vault. */
	readonly basePath: string;

	private root: TFolder;
	private readonly fileMap = new Map<string, TAbstractFile>();
	private readonly readCache = new Map<string, string>();
	private initialCreatesSent = false;

	constructor(basePath: string, options: VaultOptions = {}) {
		super();
		this.basePath = nodePath.resolve(basePath);
		this.configDir = options.configDir ?? ".obsidian";
		this.adapter = new FileSystemAdapter(this.basePath, (path) => {
			if (!isHiddenPath(path)) this.reconcile(path, true);
		});
		this.root = this.makeRoot();
	}

	// ---- test-only controls -------------------------------------------------------------------

	/** Test-only: (re)builds the file tree from disk, without events. */
	load(): void {
		this.fileMap.clear();
		this.readCache.clear();
		this.root = this.makeRoot();
		this.syncFolder(this.root, false);
	}

	/**
	 * Test-only: emits 'create' for every loaded file and folder (parents first), once — what Obsidian
	 * does when it first loads a vault (see Reference/TypeScript API/Vault/on('create').md).
	 */
	emitInitialCreateEvents(): void {
		if (this.initialCreatesSent) return;
		this.initialCreatesSent = true;
		for (const file of this.walk(this.root)) this.trigger("create", file);
	}

	/**
	 * Test-only: simulates a change made on disk by another program or by sync, then does what
	 * Obsidian's file watcher does: updates the tree, drops the read cache and emits 'create',
	 * 'modify' or 'delete' (a 'create' for each new folder too). `content` is written to the path
	 * (creating folders), `null` removes it, `undefined` means the test already changed the disk.
	 * Also emits the internal 'raw' event with the path, hidden paths included.
	 * Resolves to the file or folder now at the path (null if gone or hidden).
	 */
	async simulateExternalChange(path: string, content?: string | null): Promise<TAbstractFile | null> {
		await this.tick();
		const full = this.fullPath(path);
		if (typeof content === "string") {
			fs.mkdirSync(nodePath.dirname(full), { recursive: true });
			fs.writeFileSync(full, content, "utf8");
		} else if (content === null) {
			fs.rmSync(full, { recursive: true, force: true });
		}
		const result = isHiddenPath(path) ? null : this.reconcile(path, true);
		this.trigger("raw", path);
		return result;
	}

	/** Test-only: reconciles the whole tree with the disk, as simulateExternalChange does for one path. */
	async syncFromDisk(): Promise<void> {
		await this.tick();
		this.syncFolder(this.root, true);
	}

	// ---- queries --------------------------------------------------------------------------------

	/** Fake of Vault.getName — see Reference/TypeScript API/Vault/getName.md */
	getName(): string {
		return nodePath.basename(this.basePath);
	}

	/** Fake of Vault.getRoot — see Reference/TypeScript API/Vault/getRoot.md */
	getRoot(): TFolder {
		return this.root;
	}

	/** Fake of Vault.getFiles — see Reference/TypeScript API/Vault/getFiles.md */
	getFiles(): TFile[] {
		return [...this.fileMap.values()].filter((f): f is TFile => f instanceof TFile);
	}

	/** Fake of Vault.getMarkdownFiles — see Reference/TypeScript API/Vault/getMarkdownFiles.md */
	getMarkdownFiles(): TFile[] {
		return this.getFiles().filter((f) => f.extension === "md");
	}

	/** Fake of Vault.getAllLoadedFiles — see Reference/TypeScript API/Vault/getAllLoadedFiles.md (the root folder included, as in Obsidian) */
	getAllLoadedFiles(): TAbstractFile[] {
		return [...this.fileMap.values()];
	}

	/** Fake of Vault.getAbstractFileByPath — see Reference/TypeScript API/Vault/getAbstractFileByPath.md (exact, case-sensitive path) */
	getAbstractFileByPath(path: string): TAbstractFile | null {
		return this.fileMap.get(path) ?? null;
	}

	/** Fake of Vault.getFileByPath — see Reference/TypeScript API/Vault/getFileByPath.md */
	getFileByPath(path: string): TFile | null {
		const file = this.fileMap.get(path);
		return file instanceof TFile ? file : null;
	}

	/** Fake of Vault.getFolderByPath — see Reference/TypeScript API/Vault/getFolderByPath.md */
	getFolderByPath(path: string): TFolder | null {
		const folder = this.fileMap.get(path);
		return folder instanceof TFolder ? folder : null;
	}

	// ---- reading --------------------------------------------------------------------------------

	/** Fake of Vault.read — see Reference/TypeScript API/Vault/read.md (always from disk; refreshes the read cache) */
	async read(file: TFile): Promise<string> {
		await this.tick();
		return this.readNow(file);
	}

	/**
	 * Fake of Vault.cachedRead — see Reference/TypeScript API/Vault/cachedRead.md and Plugins/Vault.md:
	 * serves the cached content until the file watcher reports a change (simulateExternalChange) or
	 * the vault itself writes the file.
	 */
	async cachedRead(file: TFile): Promise<string> {
		await this.tick();
		return this.readCache.get(file.path) ?? this.readNow(file);
	}

	/** Fake of Vault.readBinary — see Reference/TypeScript API/Vault/readBinary.md (any file's bytes as an ArrayBuffer) */
	async readBinary(file: TFile): Promise<ArrayBuffer> {
		await this.tick();
		const bytes = fs.readFileSync(this.fullPath(file.path));
		return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
	}

	// ---- writing --------------------------------------------------------------------------------

	/** Fake of Vault.createBinary — see Reference/TypeScript API/Vault/createBinary.md (throws if the file exists or its folder does not) */
	async createBinary(path: string, data: ArrayBuffer, options?: DataWriteOptions): Promise<TFile> {
		await this.tick();
		this.assertValidPath(path);
		const full = this.fullPath(path);
		if (this.fileMap.has(path) || fs.existsSync(full)) throw new Error("File already exists.");
		const parent = this.fileMap.get(parentPath(path));
		if (!(parent instanceof TFolder)) throw new FsError("ENOENT", `ENOENT: no such file or directory, open '${full}'`);
		fs.writeFileSync(full, new Uint8Array(data));
		applyWriteOptions(full, options);
		const file = new TFile(this, path);
		this.refreshStat(file, options);
		this.attach(file, parent);
		this.trigger("create", file);
		return file;
	}

	/** Fake of Vault.create — see Reference/TypeScript API/Vault/create.md (throws if the file exists or its folder does not) */
	async create(path: string, data: string, options?: DataWriteOptions): Promise<TFile> {
		await this.tick();
		this.assertValidPath(path);
		const full = this.fullPath(path);
		if (this.fileMap.has(path) || fs.existsSync(full)) throw new Error("File already exists.");
		const parent = this.fileMap.get(parentPath(path));
		if (!(parent instanceof TFolder)) throw new FsError("ENOENT", `ENOENT: no such file or directory, open '${full}'`);
		fs.writeFileSync(full, data, "utf8");
		applyWriteOptions(full, options);
		const file = new TFile(this, path);
		this.refreshStat(file, options);
		this.attach(file, parent);
		this.readCache.set(path, data);
		this.trigger("create", file);
		return file;
	}

	/** Fake of Vault.createFolder — see Reference/TypeScript API/Vault/createFolder.md (creates missing parents, one 'create' each) */
	async createFolder(path: string): Promise<TFolder> {
		await this.tick();
		this.assertValidPath(path);
		if (this.fileMap.has(path) || fs.existsSync(this.fullPath(path))) throw new Error("Folder already exists.");
		return this.ensureFolder(path);
	}

	/** Fake of Vault.modify — see Reference/TypeScript API/Vault/modify.md */
	async modify(file: TFile, data: string, options?: DataWriteOptions): Promise<void> {
		await this.tick();
		this.assertLive(file);
		this.writeNow(file, data, options);
	}

	/** Fake of Vault.append — see Reference/TypeScript API/Vault/append.md */
	async append(file: TFile, data: string, options?: DataWriteOptions): Promise<void> {
		await this.tick();
		this.assertLive(file);
		this.writeNow(file, this.readNow(file) + data, options);
	}

	/**
	 * Fake of Vault.process — see Reference/TypeScript API/Vault/process.md: reads the file from disk,
	 * calls `fn` and writes its result in one synchronous step, so no other vault call can change
	 * the file in between. If `fn` throws, nothing is written and the promise rejects.
	 */
	async process(file: TFile, fn: (data: string) => string, options?: DataWriteOptions): Promise<string> {
		await this.tick();
		this.assertLive(file);
		const data = fn(this.readNow(file));
		this.writeNow(file, data, options);
		return data;
	}

	/** Fake of Vault.delete — see Reference/TypeScript API/Vault/delete.md ('delete' for each child, then for the item) */
	async delete(file: TAbstractFile, force?: boolean): Promise<void> {
		await this.tick();
		this.assertLive(file);
		const full = this.fullPath(file.path);
		if (file instanceof TFolder) {
			if (!force && this.hasHiddenEntries(full)) throw new Error(`Folder has hidden children: ${file.path}`);
			fs.rmSync(full, { recursive: true });
		} else {
			fs.unlinkSync(full);
		}
		this.removeSubtree(file);
	}

	/**
	 * Fake of Vault.trash — see Reference/TypeScript API/Vault/trash.md. There is no system trash in
	 * tests, so the item always goes to the local `.trash` folder at the vault root; emits 'delete'.
	 */
	async trash(file: TAbstractFile, system: boolean): Promise<void> {
		await this.tick();
		this.moveToLocalTrash(file);
	}

	/**
	 * Fake of Vault.rename — see Reference/TypeScript API/Vault/rename.md. Updates path, name,
	 * basename, extension and parent (of the descendants too, for a folder) and emits
	 * 'rename' with (file, oldPath) for the item, then for each descendant. Missing parent
	 * folders of `newPath` are created.
	 */
	async rename(file: TAbstractFile, newPath: string): Promise<void> {
		await this.tick();
		this.assertLive(file);
		this.assertValidPath(newPath);
		if (newPath === file.path) return;
		const target = this.fullPath(newPath);
		if (this.fileMap.has(newPath) || fs.existsSync(target)) throw new Error("Destination file already exists!");
		const parent = this.ensureFolder(parentPath(newPath));
		fs.renameSync(this.fullPath(file.path), target);

		const moved: [TAbstractFile, string][] = [file, ...this.walk(file)].map((f) => [f, f.path]);
		for (const [, oldPath] of moved) {
			this.fileMap.delete(oldPath);
			this.readCache.delete(oldPath);
		}
		if (file.parent) removeFrom(file.parent.children, file);
		file.setPath(newPath);
		this.attach(file, parent);
		for (const [f] of moved.slice(1)) {
			if (f.parent) f.setPath(childPath(f.parent.path, f.name));
			this.fileMap.set(f.path, f);
		}
		for (const [f, oldPath] of moved) this.trigger("rename", f, oldPath);
	}

	/** Fake of Vault.copy — see Reference/TypeScript API/Vault/copy.md (emits 'create' for the copy and, for a folder, its contents) */
	async copy<T extends TAbstractFile>(file: T, newPath: string): Promise<T> {
		await this.tick();
		this.assertLive(file);
		this.assertValidPath(newPath);
		const target = this.fullPath(newPath);
		if (this.fileMap.has(newPath) || fs.existsSync(target)) throw new Error("File already exists.");
		const parent = this.fileMap.get(parentPath(newPath));
		if (!(parent instanceof TFolder)) throw new FsError("ENOENT", `ENOENT: no such file or directory, copyfile '${target}'`);
		if (file instanceof TFolder) fs.cpSync(this.fullPath(file.path), target, { recursive: true });
		else fs.copyFileSync(this.fullPath(file.path), target);
		return this.addFromDisk(newPath, parent) as T;
	}

	// ---- internals shared with FileManager --------------------------------------------------------

	/** Internal: moves a file or folder to `<vault>/.trash` (deduplicating the name) and emits 'delete'. */
	moveToLocalTrash(file: TAbstractFile): void {
		this.assertLive(file);
		const trashDir = this.fullPath(".trash");
		fs.mkdirSync(trashDir, { recursive: true });
		let target = nodePath.join(trashDir, file.name);
		for (let n = 1; fs.existsSync(target); n++) {
			const base = file instanceof TFile && file.extension ? `${file.basename} ${n}.${file.extension}` : `${file.name} ${n}`;
			target = nodePath.join(trashDir, base);
		}
		fs.renameSync(this.fullPath(file.path), target);
		this.removeSubtree(file);
	}

	/** Internal: the file's content on disk, now (refreshes the read cache). */
	readNow(file: TFile): string {
		const data = fs.readFileSync(this.fullPath(file.path), "utf8");
		this.readCache.set(file.path, data);
		return data;
	}

	private writeNow(file: TFile, data: string, options?: DataWriteOptions): void {
		const full = this.fullPath(file.path);
		fs.writeFileSync(full, data, "utf8");
		applyWriteOptions(full, options);
		this.refreshStat(file, options);
		this.readCache.set(file.path, data);
		this.trigger("modify", file);
	}

	private async tick(): Promise<void> {
		await Promise.resolve();
	}

	private fullPath(path: string): string {
		return this.adapter.getFullPath(path);
	}

	private makeRoot(): TFolder {
		const root = new TFolder(this, "/");
		this.fileMap.set("/", root);
		return root;
	}

	private assertValidPath(path: string): void {
		if (path === "/" || path === "" || path !== normalizePath(path)) throw new Error(`Invalid vault path "${path}": use normalizePath()`);
		if (isHiddenPath(path)) throw new Error(`"${path}" is hidden: the Vault API does not see hidden files and folders; use vault.adapter`);
		if (path.split("/").some((segment) => FORBIDDEN_CHARS.test(segment))) {
			throw new Error('File name cannot contain any of the following characters: * " \\ / < > : | ?');
		}
	}

	private assertLive(file: TAbstractFile): void {
		if (this.fileMap.get(file.path) !== file) throw new Error(`File does not exist: ${file.path}`);
	}

	private hasHiddenEntries(fullDir: string): boolean {
		return fs.readdirSync(fullDir, { withFileTypes: true }).some((entry) => !isVisibleEntry(entry.name) || (entry.isDirectory() && this.hasHiddenEntries(nodePath.join(fullDir, entry.name))));
	}

	private refreshStat(file: TFile, options?: DataWriteOptions): void {
		const stat = statFrom(fs.statSync(this.fullPath(file.path)));
		file.stat = { ctime: options?.ctime ?? (file.stat.ctime || stat.ctime), mtime: stat.mtime, size: stat.size };
	}

	private attach(file: TAbstractFile, parent: TFolder): void {
		file.parent = parent;
		parent.children.push(file);
		this.fileMap.set(file.path, file);
	}

	private *walk(folder: TAbstractFile): Generator<TAbstractFile> {
		if (!(folder instanceof TFolder)) return;
		for (const child of folder.children.slice()) {
			yield child;
			yield* this.walk(child);
		}
	}

	/** Creates the folder (and missing parents) on disk and in the tree, emitting 'create' for each new one. */
	private ensureFolder(path: string): TFolder {
		if (path === "/") return this.root;
		const existing = this.fileMap.get(path);
		if (existing instanceof TFolder) return existing;
		if (existing) throw new Error(`"${path}" is a file, not a folder`);
		const parent = this.ensureFolder(parentPath(path));
		fs.mkdirSync(this.fullPath(path), { recursive: true });
		const folder = new TFolder(this, path);
		this.attach(folder, parent);
		this.trigger("create", folder);
		return folder;
	}

	/** Adds what is on disk at `path` (recursively for a folder) under `parent`, emitting 'create' for each. */
	private addFromDisk(path: string, parent: TFolder, emit = true): TAbstractFile {
		if (fs.statSync(this.fullPath(path)).isDirectory()) {
			const folder = new TFolder(this, path);
			this.attach(folder, parent);
			if (emit) this.trigger("create", folder);
			this.syncFolder(folder, emit);
			return folder;
		}
		const file = new TFile(this, path);
		this.refreshStat(file);
		this.attach(file, parent);
		if (emit) this.trigger("create", file);
		return file;
	}

	/** Removes the item (children first) from the tree and the read cache, emitting 'delete' for each. */
	private removeSubtree(file: TAbstractFile): void {
		if (file instanceof TFolder) for (const child of file.children.slice()) this.removeSubtree(child);
		if (file.parent) removeFrom(file.parent.children, file);
		this.fileMap.delete(file.path);
		this.readCache.delete(file.path);
		this.trigger("delete", file);
	}

	/** What the file watcher does for one changed path. `forceModify`: emit 'modify' even if mtime and size look unchanged. */
	private reconcile(path: string, forceModify: boolean): TAbstractFile | null {
		if (path === "/" || path === "") {
			this.syncFolder(this.root, true);
			return this.root;
		}
		const full = this.fullPath(path);
		const stats = fs.existsSync(full) ? fs.statSync(full) : null;
		const existing = this.fileMap.get(path);
		if (existing && (!stats || stats.isDirectory() !== (existing instanceof TFolder))) this.removeSubtree(existing);
		if (!stats) return null;
		const current = this.fileMap.get(path);
		if (current instanceof TFolder) {
			this.syncFolder(current, true);
			return current;
		}
		if (current instanceof TFile) {
			const before = current.stat;
			this.refreshStat(current);
			this.readCache.delete(path);
			if (forceModify || before.mtime !== current.stat.mtime || before.size !== current.stat.size) this.trigger("modify", current);
			return current;
		}
		return this.addFromDisk(path, this.ensureFolder(parentPath(path)));
	}

	/** Makes the folder's children match the disk: removes what is gone, reconciles the rest. */
	private syncFolder(folder: TFolder, emit: boolean): void {
		const full = this.fullPath(folder.path === "/" ? "" : folder.path);
		const names = fs
			.readdirSync(full)
			.filter(isVisibleEntry)
			.sort((a, b) => a.localeCompare(b));
		for (const child of folder.children.slice()) if (!names.includes(child.name)) this.removeSubtree(child);
		for (const name of names) {
			const path = childPath(folder.path, name);
			if (emit) this.reconcile(path, false);
			else this.addFromDisk(path, folder, false);
		}
	}
}
