/** The write port over `Vault`: new files only (Vault.create refuses an existing path), in folders it creates as needed. */
import { normalizePath, type FileManager, type Vault } from "obsidian";
import type { VaultWriter } from "../../core/ports/vault-writer";
import type { VaultRealPaths } from "./vault-real-paths";

export class ObsidianVaultWriter implements VaultWriter {
	/** Folders created for a run's files, removed again with them if the run has to undo its writes. */
	private readonly createdFolders: string[] = [];
	constructor(
		private readonly vault: Vault,
		private readonly fileManager: FileManager,
		/** Shared by the app's adapters (built once in the composition root), so the vault folder is resolved once. */
		private readonly realPaths: VaultRealPaths,
	) {}

	async exists(path: string): Promise<boolean> {
		const normalized = normalizePath(path);
		// The adapter also sees files the vault has not caught up with yet, and case clashes on case-insensitive disks.
		return this.vault.getAbstractFileByPath(normalized) !== null || (await this.vault.adapter.exists(normalized));
	}

	async create(path: string, content: string): Promise<void> {
		await this.vault.create(await this.prepare(path), content);
	}

	async createBinary(path: string, content: Uint8Array): Promise<void> {
		// createBinary takes an ArrayBuffer: the bytes are copied so a view into a larger buffer writes only its own.
		await this.vault.createBinary(await this.prepare(path), content.slice().buffer);
	}

	/**
	 * The normalized path, with its missing folders created. A folder on the way that is a link leaving the vault
	 * (`Reports -> /tmp/elsewhere`) would put the file outside it: refused before anything is created.
	 */
	private async prepare(path: string): Promise<string> {
		const normalized = normalizePath(path);
		const place = await this.realPaths.ofNewFile(normalized);
		if (place === "leaves-vault") throw new Error(`${normalized} lies in a linked folder that leaves the vault (or in a hidden folder); nothing is written through it`);
		if (place === "occupied") throw new Error(`${normalized} already exists (a file, or a symbolic link); nothing is written over it`);
		const parts = normalized.split("/").slice(0, -1);
		for (let i = 1; i <= parts.length; i++) {
			const folder = parts.slice(0, i).join("/");
			if (this.vault.getAbstractFileByPath(folder) === null) {
				await this.vault.createFolder(folder);
				this.createdFolders.push(folder);
			}
		}
		return normalized;
	}

	async remove(path: string): Promise<void> {
		const file = this.vault.getFileByPath(normalizePath(path));
		// Through the user's deletion preference, like any other file removal in the app.
		if (file) await this.fileManager.trashFile(file);
		for (const folder of [...this.createdFolders].reverse()) {
			const created = this.vault.getFolderByPath(folder);
			if (created && created.children.length === 0) await this.fileManager.trashFile(created);
		}
	}
}
