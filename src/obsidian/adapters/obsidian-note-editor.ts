/** The edit port over the app: properties through `FileManager.processFrontMatter`, text through `Vault.process`, both atomic. */
import { normalizePath, type FileManager, type TFile, type Vault } from "obsidian";
import type { NoteEditor } from "../../core/ports/note-editor";
import type { ScalarValue } from "../../core/review/frontmatter-edit";

export class ObsidianNoteEditor implements NoteEditor {
	constructor(
		private readonly vault: Vault,
		private readonly fileManager: FileManager,
	) {}

	async setProperties(path: string, values: Record<string, ScalarValue>): Promise<void> {
		await this.fileManager.processFrontMatter(this.file(path), (frontmatter: Record<string, unknown>) => {
			for (const [key, value] of Object.entries(values)) frontmatter[key] = value;
		});
	}

	async addToListProperty(path: string, key: string, item: string): Promise<void> {
		await this.fileManager.processFrontMatter(this.file(path), (frontmatter: Record<string, unknown>) => {
			const current: unknown = frontmatter[key];
			const list: unknown[] = Array.isArray(current) ? (current as unknown[]) : current === undefined || current === null || current === "" ? [] : [current];
			if (!list.includes(item)) frontmatter[key] = [...list, item];
		});
	}

	async process(path: string, change: (text: string) => string): Promise<void> {
		await this.vault.process(this.file(path), change);
	}

	private file(path: string): TFile {
		const file = this.vault.getFileByPath(normalizePath(path));
		if (!file) throw new Error(`${path} does not exist`);
		return file;
	}
}
