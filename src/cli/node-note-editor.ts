/** The edit port over the file system: properties edited line by line in place, the file swapped in whole. */
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { NoteEditor } from "../core/ports/note-editor";
import { addToListProperty, setFrontmatterProperties, type ScalarValue } from "../core/review/frontmatter-edit";
import { vaultPathOf } from "../core/notes/note-path";

export class NodeNoteEditor implements NoteEditor {
	constructor(private readonly root: string) {}

	setProperties(path: string, values: Record<string, ScalarValue>): Promise<void> {
		return this.process(path, (text) => setFrontmatterProperties(text, values));
	}

	addToListProperty(path: string, key: string, item: string): Promise<void> {
		return this.process(path, (text) => addToListProperty(text, key, item));
	}

	/** Reads, changes and writes through a temporary file and a rename, so the note is never half-written. */
	async process(path: string, change: (text: string) => string): Promise<void> {
		const inside = vaultPathOf(path);
		if (inside === null || inside === "") throw new Error(`${path} is outside the vault`);
		const full = join(this.root, inside);
		const text = await readFile(full, "utf8");
		const changed = change(text);
		if (changed === text) return;
		const temporary = `${full}.${process.pid}.coworker-tmp`;
		await writeFile(temporary, changed, "utf8");
		await rename(temporary, full);
	}
}
