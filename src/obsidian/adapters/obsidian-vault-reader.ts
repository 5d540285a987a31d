/** The vault port over Obsidian's `Vault`: its markdown files, read through the cache Obsidian keeps. */
import type { TFile, Vault } from "obsidian";
import type { VaultFileStat, VaultReader } from "../../core/ports/vault-reader";

export class ObsidianVaultReader implements VaultReader {
	constructor(private readonly vault: Vault) {}

	listMarkdownFiles(): Promise<VaultFileStat[]> {
		return Promise.resolve(this.vault.getMarkdownFiles().map(statOf));
	}

	async read(path: string): Promise<string> {
		const file = this.vault.getFileByPath(path);
		if (!file) throw new Error("the note no longer exists");
		// cachedRead is right for reading only: it serves Obsidian's in-memory copy when the note is open.
		return this.vault.cachedRead(file);
	}

	async readBinary(path: string): Promise<Uint8Array> {
		const file = this.vault.getFileByPath(path);
		if (!file) throw new Error("the file no longer exists");
		return new Uint8Array(await this.vault.readBinary(file));
	}
}

export function statOf(file: TFile): VaultFileStat {
	return { path: file.path, mtime: file.stat.mtime, size: file.stat.size };
}
