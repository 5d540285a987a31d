/**
 * The vault's DataAdapter in the Obsidian double: Node fs on a real folder. Paths are relative to
 * the vault root ("" or "/" is the root) and may point inside hidden folders such as the config dir.
 */
import * as fs from "node:fs";
import * as nodePath from "node:path";

/** Shape of Obsidian's DataWriteOptions — see Reference/TypeScript API/DataWriteOptions.md */
export interface DataWriteOptions {
	ctime?: number;
	mtime?: number;
}

/** Shape of Obsidian's Stat — see Reference/TypeScript API/Stat.md */
export interface Stat {
	type: "file" | "folder";
	ctime: number;
	mtime: number;
	size: number;
}

/** Shape of Obsidian's ListedFiles — see Reference/TypeScript API/ListedFiles.md */
export interface ListedFiles {
	files: string[];
	folders: string[];
}

/** Internal: Stat from an fs.Stats, with Obsidian's millisecond integers. */
export function statFrom(stats: fs.Stats): Stat {
	return {
		type: stats.isDirectory() ? "folder" : "file",
		ctime: Math.round(stats.birthtimeMs || stats.ctimeMs),
		mtime: Math.round(stats.mtimeMs),
		size: stats.size,
	};
}

/** Internal: applies DataWriteOptions.mtime to the file on disk (ctime cannot be set on disk). */
export function applyWriteOptions(fullPath: string, options: DataWriteOptions | undefined): void {
	if (options?.mtime !== undefined) fs.utimesSync(fullPath, new Date(), new Date(options.mtime));
}

/**
 * Fake of the desktop DataAdapter (Obsidian's FileSystemAdapter) — see Reference/TypeScript API/DataAdapter.md.
 * Every change it makes to a path the vault shows is reported to `onChange`, the way Obsidian's file
 * watcher picks up adapter writes, so the vault tree and its events follow.
 */
export class FileSystemAdapter {
	constructor(
		private readonly basePath: string,
		private readonly onChange: (normalizedPath: string) => void = () => undefined,
	) {}

	/** Fake of DataAdapter.getName — see Reference/TypeScript API/DataAdapter/getName.md */
	getName(): string {
		return nodePath.basename(this.basePath);
	}

	/** Fake of FileSystemAdapter.getBasePath — see Reference/TypeScript API/FileSystemAdapter/getBasePath.md */
	getBasePath(): string {
		return this.basePath;
	}

	/** Fake of FileSystemAdapter.getFullPath — see Reference/TypeScript API/FileSystemAdapter/getFullPath.md */
	getFullPath(normalizedPath: string): string {
		const full = nodePath.resolve(this.basePath, normalizedPath.replace(/^\/+/, ""));
		const relative = nodePath.relative(this.basePath, full);
		if (relative.startsWith("..") || nodePath.isAbsolute(relative)) throw new Error(`Path is outside the vault: ${normalizedPath}`);
		return full;
	}

	/** Fake of DataAdapter.exists — see Reference/TypeScript API/DataAdapter/exists.md */
	async exists(normalizedPath: string, sensitive?: boolean): Promise<boolean> {
		const full = this.getFullPath(normalizedPath);
		if (!fs.existsSync(full)) return false;
		if (!sensitive || full === this.basePath) return true;
		return fs.readdirSync(nodePath.dirname(full)).includes(nodePath.basename(full));
	}

	/** Fake of DataAdapter.stat — see Reference/TypeScript API/DataAdapter/stat.md */
	async stat(normalizedPath: string): Promise<Stat | null> {
		const full = this.getFullPath(normalizedPath);
		return fs.existsSync(full) ? statFrom(fs.statSync(full)) : null;
	}

	/** Fake of DataAdapter.list — see Reference/TypeScript API/DataAdapter/list.md (entries are vault paths) */
	async list(normalizedPath: string): Promise<ListedFiles> {
		const full = this.getFullPath(normalizedPath);
		const prefix = normalizedPath === "" || normalizedPath === "/" ? "" : `${normalizedPath.replace(/\/+$/, "")}/`;
		const listed: ListedFiles = { files: [], folders: [] };
		for (const entry of fs.readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			(entry.isDirectory() ? listed.folders : listed.files).push(prefix + entry.name);
		}
		return listed;
	}

	/** Fake of DataAdapter.read — see Reference/TypeScript API/DataAdapter/read.md */
	async read(normalizedPath: string): Promise<string> {
		return fs.readFileSync(this.getFullPath(normalizedPath), "utf8");
	}

	/** Fake of DataAdapter.write — see Reference/TypeScript API/DataAdapter/write.md (the parent folder must exist) */
	async write(normalizedPath: string, data: string, options?: DataWriteOptions): Promise<void> {
		const full = this.getFullPath(normalizedPath);
		fs.writeFileSync(full, data, "utf8");
		applyWriteOptions(full, options);
		this.onChange(normalizedPath);
	}

	/** Fake of DataAdapter.append — see Reference/TypeScript API/DataAdapter/append.md */
	async append(normalizedPath: string, data: string, options?: DataWriteOptions): Promise<void> {
		const full = this.getFullPath(normalizedPath);
		fs.appendFileSync(full, data, "utf8");
		applyWriteOptions(full, options);
		this.onChange(normalizedPath);
	}

	/** Fake of DataAdapter.process — see Reference/TypeScript API/DataAdapter/process.md (read, fn and write happen in one synchronous step) */
	async process(normalizedPath: string, fn: (data: string) => string, options?: DataWriteOptions): Promise<string> {
		const full = this.getFullPath(normalizedPath);
		const data = fn(fs.readFileSync(full, "utf8"));
		fs.writeFileSync(full, data, "utf8");
		applyWriteOptions(full, options);
		this.onChange(normalizedPath);
		return data;
	}

	/** Fake of DataAdapter.mkdir — see Reference/TypeScript API/DataAdapter/mkdir.md (creates missing parents too) */
	async mkdir(normalizedPath: string): Promise<void> {
		fs.mkdirSync(this.getFullPath(normalizedPath), { recursive: true });
		this.onChange(normalizedPath);
	}

	/** Fake of DataAdapter.remove — see Reference/TypeScript API/DataAdapter/remove.md (files only) */
	async remove(normalizedPath: string): Promise<void> {
		fs.unlinkSync(this.getFullPath(normalizedPath));
		this.onChange(normalizedPath);
	}

	/** Fake of DataAdapter.rmdir — see Reference/TypeScript API/DataAdapter/rmdir.md */
	async rmdir(normalizedPath: string, recursive: boolean): Promise<void> {
		const full = this.getFullPath(normalizedPath);
		if (recursive) fs.rmSync(full, { recursive: true });
		else fs.rmdirSync(full);
		this.onChange(normalizedPath);
	}

	/** Fake of DataAdapter.rename — see Reference/TypeScript API/DataAdapter/rename.md */
	async rename(normalizedPath: string, normalizedNewPath: string): Promise<void> {
		const target = this.getFullPath(normalizedNewPath);
		if (fs.existsSync(target)) throw new Error("Destination file already exists!");
		fs.renameSync(this.getFullPath(normalizedPath), target);
		this.onChange(normalizedPath);
		this.onChange(normalizedNewPath);
	}

	/** Fake of DataAdapter.copy — see Reference/TypeScript API/DataAdapter/copy.md (fails when the target exists) */
	async copy(normalizedPath: string, normalizedNewPath: string): Promise<void> {
		const target = this.getFullPath(normalizedNewPath);
		if (fs.existsSync(target)) throw new Error("Destination file already exists!");
		fs.copyFileSync(this.getFullPath(normalizedPath), target);
		this.onChange(normalizedNewPath);
	}
}
