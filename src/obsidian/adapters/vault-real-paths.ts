/**
 * Where a vault path really lies, in the desktop app. Obsidian follows symbolic links, so a note, or a folder on
 * its way, may be a link to a file elsewhere on the disk (`Public/passwd.md -> /etc/passwd`) or to another note
 * of the vault. Each is resolved with Node's `realpath` and judged against the vault folder, as the command line
 * does (src/core/notes/real-vault-path.ts decides for both).
 *
 * Node's `fs` is loaded when first needed, never at plugin load: it does not exist on mobile, where the plugin
 * must still load. There the vault lives in the app's own storage behind Capacitor's adapter, which exposes no
 * symbolic links, so every path is the file it names.
 */
import { FileSystemAdapter, Platform, type Vault } from "obsidian";
import { vaultPathOfRealPath } from "../../core/notes/real-vault-path";

type NodeFs = typeof import("fs");

/** Where a new file would land: in the vault, through a linked folder that leaves it, or on something already there. */
export type NewFilePlace = "in-vault" | "leaves-vault" | "occupied";

export class VaultRealPaths {
	/** The vault folder with its own links resolved, against which every file's real place is judged. */
	private realRoot: Promise<string> | null = null;

	constructor(private readonly vault: Vault) {}

	/**
	 * The vault path of the file `path` really is: itself, or the note a link inside the vault points to; null when
	 * it (or a linked folder on its way) leaves the vault or leads into a hidden folder. Rejects when the file is
	 * gone or the link is broken. Off the desktop app, `path` itself.
	 */
	async ofFile(path: string): Promise<string | null> {
		const disk = await this.disk();
		if (!disk) return path;
		const real = await disk.fs.promises.realpath(disk.adapter.getFullPath(path));
		const inside = vaultPathOfRealPath(await this.root(disk), real, Platform.isWin ? "\\" : "/");
		return inside === "" ? null : inside;
	}

	/**
	 * Where a file about to be created at `path` would land: the nearest folder on its way that exists is judged,
	 * and anything already at the path — a broken link too, which writing would follow — makes it occupied.
	 */
	async ofNewFile(path: string): Promise<NewFilePlace> {
		const disk = await this.disk();
		if (!disk) return "in-vault";
		const { promises } = disk.fs;
		if (await promises.lstat(disk.adapter.getFullPath(path)).then(() => true, () => false)) return "occupied";
		const parts = path.split("/").slice(0, -1);
		for (let depth = parts.length; depth >= 0; depth--) {
			const folder = depth === 0 ? disk.adapter.getBasePath() : disk.adapter.getFullPath(parts.slice(0, depth).join("/"));
			const real = await promises.realpath(folder).catch(() => null);
			if (real === null) continue;
			return vaultPathOfRealPath(await this.root(disk), real, Platform.isWin ? "\\" : "/") === null ? "leaves-vault" : "in-vault";
		}
		return "leaves-vault";
	}

	/** Node's fs and the vault's desktop adapter; null off the desktop app, where no link can be met. */
	private async disk(): Promise<{ fs: NodeFs; adapter: FileSystemAdapter } | null> {
		const adapter = this.vault.adapter;
		if (Platform.isDesktop && Platform.isDesktopApp && adapter instanceof FileSystemAdapter) {
			const { default: fs } = await import("fs");
			return { fs, adapter };
		}
		return null;
	}

	private root(disk: { fs: NodeFs; adapter: FileSystemAdapter }): Promise<string> {
		this.realRoot ??= disk.fs.promises.realpath(disk.adapter.getBasePath());
		return this.realRoot;
	}
}
