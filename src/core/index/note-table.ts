/**
 * The index's note entries by path. Loaded from a cache, they stay in the cache's columns (one array per field)
 * with a map from path to row, until a note is added, changed or removed: a start with nothing changed then
 * compares its listing with the rows and makes no entry. Making 38,000 entry objects and a map of them was about
 * 40 ms of a 0.7 s warm `coworker index`, and every collection after copied them again.
 */
import type { NoteProblem } from "../notes/parsed-note";
import { entryOfRow, type NoteEntry, type NoteRows, type NoteStatus } from "./cache-note-columns";

export class NoteTable {
	private constructor(
		/** Null once the table holds entries of its own. */
		private cachedRows: NoteRows | null,
		private entries_: Map<string, NoteEntry> | null,
	) {}

	static empty(): NoteTable {
		return new NoteTable(null, new Map());
	}

	/** The rows read from a cache (readNoteColumns). */
	static ofRows(rows: NoteRows): NoteTable {
		return new NoteTable(rows, null);
	}

	/** The cache's rows, in the order written, while no entry was added, changed or removed since it was loaded. */
	get rows(): NoteRows | null {
		return this.cachedRows;
	}

	get size(): number {
		return this.entries_?.size ?? this.cachedRows?.paths.length ?? 0;
	}

	/** The entry of a path; from the rows, a new object each time (entries are never changed in place). */
	get(path: string): NoteEntry | undefined {
		if (this.entries_) return this.entries_.get(path);
		const rows = this.cachedRows;
		const row = rows?.rowOfPath.get(path);
		return row === undefined || !rows ? undefined : entryOfRow(rows, row);
	}

	set(path: string, entry: NoteEntry): void {
		this.own().set(path, entry);
	}

	delete(path: string): boolean {
		return this.own().delete(path);
	}

	/** Path and entry, in the order the notes were first met (the cache's order, then notes added since). */
	*entries(): IterableIterator<[string, NoteEntry]> {
		if (this.entries_) {
			yield* this.entries_;
			return;
		}
		const rows = this.cachedRows;
		if (rows) for (let row = 0; row < rows.paths.length; row++) yield [rows.paths[row] ?? "", entryOfRow(rows, row)];
	}

	[Symbol.iterator](): IterableIterator<[string, NoteEntry]> {
		return this.entries();
	}

	*keys(): IterableIterator<string> {
		if (this.entries_) yield* this.entries_.keys();
		else if (this.cachedRows) yield* this.cachedRows.paths;
	}

	/** How many notes have this status. */
	countWithStatus(status: NoteStatus): number {
		let count = 0;
		if (this.entries_) {
			for (const entry of this.entries_.values()) if (entry.status === status) count++;
		} else if (this.cachedRows) {
			for (const each of this.cachedRows.statuses) if (each === status) count++;
		}
		return count;
	}

	/** The sections of every note together. */
	sectionCount(): number {
		let sections = 0;
		if (this.entries_) {
			for (const entry of this.entries_.values()) sections += entry.docs;
		} else if (this.cachedRows) {
			for (const docs of this.cachedRows.docs) sections += docs;
		}
		return sections;
	}

	/** Every note's problems, in the notes' order. */
	problems(): NoteProblem[] {
		if (this.entries_) return [...this.entries_.values()].flatMap((entry) => entry.problems ?? []);
		const rows = this.cachedRows;
		if (!rows) return [];
		return [...rows.rare.entries()].sort(([a], [b]) => a - b).flatMap(([, fields]) => fields.problems ?? []);
	}

	/** The entries as a map of its own, made from the rows at the first change. */
	private own(): Map<string, NoteEntry> {
		if (!this.entries_) {
			this.entries_ = new Map(this.entries());
			this.cachedRows = null;
		}
		return this.entries_;
	}
}
