/** The vault port over the file system: lists markdown notes as Obsidian would and reads them. */
import { lstat, readFile, readdir, realpath, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import { LEAVES_VAULT, LINKS_TO_EXCLUDED, ReadRefused, type VaultFileStat, type VaultReader } from "../core/ports/vault-reader";
import { vaultPathOfRealPath } from "../core/notes/real-vault-path";

const STATS_IN_FLIGHT = 64;

export class NodeVaultReader implements VaultReader {
	/** The vault folder with its own links resolved, against which a file's real place is judged. */
	private realRoot: Promise<string> | null = null;

	/**
	 * `isExcluded` says whether a vault path is excluded by the settings: a link to an excluded note is that
	 * note, so it is refused like it.
	 */
	constructor(
		private readonly root: string,
		private readonly configDir = ".obsidian",
		private readonly isExcluded: (path: string) => boolean = () => false,
	) {}

	async listMarkdownFiles(): Promise<VaultFileStat[]> {
		const paths: string[] = [];
		await this.walk("", paths, (name) => name.toLowerCase().endsWith(".md"));
		// A bounded number of stats in flight: issuing tens of thousands at once held the thread for
		// half a second on a 38k-note vault, and the OS gains nothing from a longer queue.
		const stats: VaultFileStat[] = new Array<VaultFileStat>(paths.length);
		let next = 0;
		const worker = async (): Promise<void> => {
			while (next < paths.length) {
				const i = next++;
				stats[i] = await this.statOf(paths[i] ?? "");
			}
		};
		await Promise.all(Array.from({ length: Math.min(STATS_IN_FLIGHT, paths.length) }, worker));
		return stats;
	}

	/** Every file Obsidian would show (notes, CSV, attachments), for resolving links to any of them. */
	async listAllFiles(): Promise<string[]> {
		const paths: string[] = [];
		await this.walk("", paths, () => true);
		return paths.sort();
	}

	/**
	 * Reads a note, following links only within the vault: a link (or a linked folder on the way) that leaves
	 * the vault is never read, and a link to an excluded note is refused like the note itself.
	 */
	async read(path: string): Promise<string> {
		const full = join(this.root, path);
		const real = await realpath(full).catch((error: unknown) => {
			throw new Error(describeFsError(error));
		});
		this.realRoot ??= realpath(this.root);
		const inside = vaultPathOfRealPath(await this.realRoot, real, sep === "\\" ? "\\" : "/");
		if (inside === null || inside === "") throw new ReadRefused(LEAVES_VAULT, false);
		if (inside !== path && this.isExcluded(inside)) throw new ReadRefused(LINKS_TO_EXCLUDED, true);
		return readFile(real, "utf8").catch((error: unknown) => {
			throw new Error(describeFsError(error));
		});
	}

	async readBinary(path: string): Promise<Uint8Array> {
		try {
			return new Uint8Array(await readFile(join(this.root, path)));
		} catch (error) {
			throw new Error(describeFsError(error));
		}
	}

	/** Obsidian leaves hidden files and folders (and so the config folder) out of the vault. */
	private async walk(folder: string, into: string[], wanted: (name: string) => boolean): Promise<void> {
		const entries = await readdir(join(this.root, folder), { withFileTypes: true });
		const subfolders: Promise<void>[] = [];
		for (const entry of entries) {
			if (entry.name.startsWith(".") || entry.name === this.configDir) continue;
			const path = folder === "" ? entry.name : `${folder}/${entry.name}`;
			if (entry.isDirectory()) subfolders.push(this.walk(path, into, wanted));
			else if (wanted(entry.name)) into.push(path);
		}
		await Promise.all(subfolders);
	}

	/** A dangling symlink still shows up (with its own stat) so that reading it reports the problem by name. */
	private async statOf(path: string): Promise<VaultFileStat> {
		const full = join(this.root, path);
		const info = await stat(full).catch(() => lstat(full));
		return { path, mtime: Math.round(info.mtimeMs), size: info.size };
	}
}

/** `ENOENT: no such file…, open '/x/y.md'` → `the file does not exist (ENOENT)`. */
export function describeFsError(error: unknown): string {
	const code = (error as { code?: string } | null)?.code;
	switch (code) {
		case "ENOENT":
			return "the file does not exist or is a broken link (ENOENT)";
		case "EACCES":
		case "EPERM":
			return `permission denied (${code})`;
		case "EISDIR":
			return "it is a folder, not a file (EISDIR)";
		case "ELOOP":
			return "it is a symbolic link that points to itself (ELOOP)";
		default:
			return error instanceof Error ? error.message : String(error);
	}
}
