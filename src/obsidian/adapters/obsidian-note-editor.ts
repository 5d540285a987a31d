/** The edit port over the app: properties through `FileManager.processFrontMatter`, text through `Vault.process`, both atomic. */
import { normalizePath, type FileManager, type TFile, type Vault } from "obsidian";
import type { NoteEditor } from "../../core/ports/note-editor";
import type { ScalarValue } from "../../core/review/frontmatter-edit";
import type { VaultRealPaths } from "./vault-real-paths";

export class ObsidianNoteEditor implements NoteEditor {
	constructor(
		private readonly vault: Vault,
		private readonly fileManager: FileManager,
		/** Shared by the app's adapters (built once in the composition root), so the vault folder is resolved once. */
		private readonly realPaths: VaultRealPaths,
	) {}

	async setProperties(path: string, values: Record<string, ScalarValue>): Promise<void> {
		await this.fileManager.processFrontMatter(await this.file(path), (frontmatter: Record<string, unknown>) => {
			for (const [key, value] of Object.entries(values)) frontmatter[key] = value;
		});
	}

	async addToListProperty(path: string, key: string, item: string): Promise<void> {
		await this.fileManager.processFrontMatter(await this.file(path), (frontmatter: Record<string, unknown>) => {
			const current: unknown = frontmatter[key];
			const list: unknown[] = Array.isArray(current) ? (current as unknown[]) : current === undefined || current === null || current === "" ? [] : [current];
			if (!list.includes(item)) frontmatter[key] = [...list, item];
		});
	}

	async process(path: string, change: (text: string) => string): Promise<void> {
		await this.vault.process(await this.file(path), change);
	}

	/** The note, unless it is a symbolic link (or lies in a linked folder) that leaves the vault: never edited through. */
	private async file(path: string): Promise<TFile> {
		const normalized = normalizePath(path);
		const file = this.vault.getFileByPath(normalized);
		if (!file) throw new Error(`${path} does not exist`);
		const real = await this.realPaths.ofFile(normalized).catch(() => null);
		if (real === null) throw new Error(`${path} is a symbolic link (or lies in a linked folder) that leaves the vault or leads into a hidden folder; it is not changed`);
		return file;
	}
}
