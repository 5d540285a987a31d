/** The vault port over Obsidian's `Vault`: its markdown files, read through the cache Obsidian keeps. */
import type { TFile, Vault } from "obsidian";
import { LEAVES_VAULT, LINKS_TO_EXCLUDED, ReadRefused, type VaultFileStat, type VaultReader } from "../../core/ports/vault-reader";
import type { VaultRealPaths } from "./vault-real-paths";

export class ObsidianVaultReader implements VaultReader {
	/**
	 * `isExcluded` says whether a vault path is in a folder the settings exclude: a link to a note there is that
	 * note, so it is refused like it (a private note's flag comes with its text, whatever the link's name).
	 */
	constructor(
		private readonly vault: Vault,
		private readonly isExcluded: (path: string) => boolean,
		/** Shared by the app's adapters (built once in the composition root), so the vault folder is resolved once. */
		private readonly realPaths: VaultRealPaths,
	) {}

	listMarkdownFiles(): Promise<VaultFileStat[]> {
		return Promise.resolve(this.vault.getMarkdownFiles().map(statOf));
	}

	async read(path: string): Promise<string> {
		const file = this.vault.getFileByPath(path);
		if (!file) throw new Error("the note no longer exists");
		await this.refuseLinkAway(path);
		// cachedRead is right for reading only: it serves Obsidian's in-memory copy when the note is open.
		return this.vault.cachedRead(file);
	}

	async readBinary(path: string): Promise<Uint8Array> {
		const file = this.vault.getFileByPath(path);
		if (!file) throw new Error("the file no longer exists");
		await this.refuseLinkAway(path);
		return new Uint8Array(await this.vault.readBinary(file));
	}

	/** Obsidian reads through symbolic links; the coworker only through those that stay in the vault and out of excluded folders. */
	private async refuseLinkAway(path: string): Promise<void> {
		const real = await this.realPaths.ofFile(path).catch(() => {
			throw new Error("it is a broken symbolic link, or it was removed a moment ago");
		});
		if (real === null) throw new ReadRefused(LEAVES_VAULT, false);
		if (real !== path && this.isExcluded(real)) throw new ReadRefused(LINKS_TO_EXCLUDED, true);
	}
}

export function statOf(file: TFile): VaultFileStat {
	return { path: file.path, mtime: file.stat.mtime, size: file.stat.size };
}
