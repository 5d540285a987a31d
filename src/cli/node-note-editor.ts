/** The edit port over the file system: properties edited line by line in place, the file swapped in whole, one editor at a time. */
import { chmod, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { NoteEditor } from "../core/ports/note-editor";
import { addToListProperty, editFrontmatterProperties, type ScalarValue } from "../core/review/frontmatter-edit";
import { vaultPathOf } from "../core/notes/note-path";

/** A lock older than this is left over from a killed process: an edit takes milliseconds. */
const STALE_LOCK_MS = 30_000;
/** How long an edit waits for other processes editing the same note before giving up. */
const LOCK_WAIT_MS = 60_000;

export class NodeNoteEditor implements NoteEditor {
	constructor(private readonly root: string) {}

	setProperties(path: string, values: Record<string, ScalarValue>): Promise<void> {
		return this.process(path, (text) => {
			const edit = editFrontmatterProperties(text, values);
			if (!edit.ok) throw new Error(`${path} was not changed: its frontmatter cannot be edited in place safely, because ${edit.error}. Set ${Object.keys(values).join(", ")} by hand or in Obsidian.`);
			return edit.text;
		});
	}

	addToListProperty(path: string, key: string, item: string): Promise<void> {
		return this.process(path, (text) => addToListProperty(text, key, item));
	}

	/**
	 * Reads, changes and writes through a temporary file and a rename, so the note is never half-written, and
	 * under a lock file beside it, so two processes editing one note (fifty reviews adding lessons) each see the
	 * other's change instead of the last one winning. The file keeps its mode.
	 */
	async process(path: string, change: (text: string) => string): Promise<void> {
		const inside = vaultPathOf(path);
		if (inside === null || inside === "") throw new Error(`${path} is outside the vault`);
		const full = join(this.root, inside);
		const unlock = await lockFile(join(dirname(full), `.${basename(full)}.coworker-lock`));
		try {
			const text = await readFile(full, "utf8");
			const changed = change(text);
			if (changed === text) return;
			const mode = (await stat(full)).mode & 0o7777;
			const temporary = join(dirname(full), `.${basename(full)}.${process.pid}.coworker-tmp`);
			try {
				await writeFile(temporary, changed, { encoding: "utf8", mode });
				// writeFile's mode passes through the umask; the note keeps exactly the mode it had.
				await chmod(temporary, mode);
				await rename(temporary, full);
			} catch (error) {
				await unlink(temporary).catch(() => undefined);
				throw error;
			}
		} finally {
			await unlock();
		}
	}
}

/** Takes the lock by creating its file exclusively, waiting while another process holds it; returns the release. */
async function lockFile(lock: string): Promise<() => Promise<void>> {
	const started = Date.now();
	for (let attempt = 0; ; attempt++) {
		try {
			await writeFile(lock, String(process.pid), { flag: "wx" });
			return () => unlink(lock).catch(() => undefined);
		} catch (error) {
			if ((error as { code?: string }).code !== "EEXIST") throw error;
		}
		const held = await stat(lock).then((info) => Date.now() - info.mtimeMs, () => 0);
		if (held > STALE_LOCK_MS) {
			await unlink(lock).catch(() => undefined);
			continue;
		}
		if (Date.now() - started > LOCK_WAIT_MS) throw new Error(`another process has been editing ${basename(lock).slice(1, -".coworker-lock".length)} for over a minute; try again`);
		await new Promise((resolve) => setTimeout(resolve, Math.min(5 + attempt * 5, 50) + Math.random() * 10));
	}
}
