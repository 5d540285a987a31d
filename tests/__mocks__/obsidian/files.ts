/**
 * TAbstractFile, TFile and TFolder of the Obsidian API double. The Vault creates and updates them.
 */
import type { Vault } from "./vault";

/** Shape of Obsidian's FileStats — see Reference/TypeScript API/FileStats.md */
export interface FileStats {
	ctime: number;
	mtime: number;
	size: number;
}

/** Fake of TAbstractFile — see Reference/TypeScript API/TAbstractFile.md */
export abstract class TAbstractFile {
	/** Fake of TAbstractFile.vault — see Reference/TypeScript API/TAbstractFile/vault.md */
	vault!: Vault;
	/** Fake of TAbstractFile.path — see Reference/TypeScript API/TAbstractFile/path.md */
	path = "";
	/** Fake of TAbstractFile.name — see Reference/TypeScript API/TAbstractFile/name.md */
	name = "";
	/** Fake of TAbstractFile.parent — see Reference/TypeScript API/TAbstractFile/parent.md */
	parent: TFolder | null = null;

	/** Obsidian gives these no public constructor; the double's Vault passes its vault (and, to subclasses, the path). */
	constructor(vault?: Vault) {
		if (vault) this.vault = vault;
	}

	/** Internal: sets `path` and the fields derived from it. */
	setPath(path: string): void {
		this.path = path;
		this.name = path === "/" ? "" : path.slice(path.lastIndexOf("/") + 1);
	}
}

/** Fake of TFile — see Reference/TypeScript API/TFile.md */
export class TFile extends TAbstractFile {
	/** Fake of TFile.stat — see Reference/TypeScript API/TFile/stat.md */
	stat: FileStats = { ctime: 0, mtime: 0, size: 0 };
	/** Fake of TFile.basename — see Reference/TypeScript API/TFile/basename.md */
	basename = "";
	/** Fake of TFile.extension — see Reference/TypeScript API/TFile/extension.md */
	extension = "";

	constructor(vault?: Vault, path?: string) {
		super(vault);
		if (path !== undefined) this.setPath(path);
	}

	override setPath(path: string): void {
		super.setPath(path);
		const dot = this.name.lastIndexOf(".");
		this.basename = dot <= 0 ? this.name : this.name.slice(0, dot);
		this.extension = dot <= 0 ? "" : this.name.slice(dot + 1);
	}
}

/** Fake of TFolder — see Reference/TypeScript API/TFolder.md */
export class TFolder extends TAbstractFile {
	/** Fake of TFolder.children — see Reference/TypeScript API/TFolder/children.md */
	children: TAbstractFile[] = [];

	constructor(vault?: Vault, path?: string) {
		super(vault);
		if (path !== undefined) this.setPath(path);
	}

	/** Fake of TFolder.isRoot — see Reference/TypeScript API/TFolder/isRoot.md */
	isRoot(): boolean {
		return this.path === "/";
	}
}
