/**
 * The index cache's note entries in columns (one array per field, not one object per note): a warm start with
 * nothing changed reads them all, and 38,000 entries as objects took three times as long to parse, with the
 * garbage collector paying for every object afterwards. Rare fields (tags, the `coworker` property, problems)
 * are kept only for the notes that have them.
 */
import type { NoteProblem } from "../notes/parsed-note";

/** What the index knows about one note file, kept so a restart re-reads only files whose fingerprint moved. */
export interface NoteEntry {
	mtime: number;
	size: number;
	title: string;
	/** How many section documents the note has in the index (ids `${path}#0` … `#docs-1`). */
	docs: number;
	status: NoteStatus;
	/** The note's tags (lower case, without `#`), kept for indexed notes that have any so tag sources need no reading. */
	tags?: string[];
	/** The note's `coworker` property (`workflow`, `deliverable`) when it has one, so workflows are found without reading every note. */
	coworker?: string;
	/** Problems found when the note was read, repeated in every summary while the file is unchanged. */
	problems?: NoteProblem[];
}

/** Stored as its position in this list. */
const NOTE_STATUSES = ["indexed", "private", "excluded-tag", "skipped"] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

type RareFields = Pick<NoteEntry, "tags" | "coworker" | "problems">;

/** One part's notes, field by field; `titles` holds null where the title is the path (excluded and skipped notes). */
export interface NoteColumns {
	paths: string[];
	mtimes: number[];
	sizes: number[];
	docs: number[];
	statuses: number[];
	titles: (string | null)[];
	/** `[row, fields]` for the rows that have any of the rare fields. */
	rare: [number, RareFields][];
}

export function emptyNoteColumns(): NoteColumns {
	return { paths: [], mtimes: [], sizes: [], docs: [], statuses: [], titles: [], rare: [] };
}

/** Adds one note to the columns and returns about how many characters it adds to their JSON. */
export function addNoteRow(columns: NoteColumns, path: string, entry: NoteEntry): number {
	const row = columns.paths.length;
	columns.paths.push(path);
	columns.mtimes.push(entry.mtime);
	columns.sizes.push(entry.size);
	columns.docs.push(entry.docs);
	columns.statuses.push(NOTE_STATUSES.indexOf(entry.status));
	const title = entry.title === path ? null : entry.title;
	columns.titles.push(title);
	let chars = path.length + (title?.length ?? 4) + 40;
	if (entry.tags !== undefined || entry.coworker !== undefined || entry.problems !== undefined) {
		const rare: RareFields = {};
		if (entry.tags !== undefined) rare.tags = entry.tags;
		if (entry.coworker !== undefined) rare.coworker = entry.coworker;
		if (entry.problems !== undefined) rare.problems = entry.problems;
		columns.rare.push([row, rare]);
		chars += JSON.stringify(rare).length + 10;
	}
	return chars;
}

/** The notes of every part read, in the order written, field by field as stored: a start reads them as they are. */
export interface NoteRows {
	paths: string[];
	mtimes: number[];
	sizes: number[];
	docs: number[];
	statuses: NoteStatus[];
	/** Null where the title is the path. */
	titles: (string | null)[];
	/** The rare fields of the rows that have any, by row. */
	rare: Map<number, RareFields>;
	/** Each path's row. */
	rowOfPath: Map<string, number>;
}

export function emptyNoteRows(): NoteRows {
	return { paths: [], mtimes: [], sizes: [], docs: [], statuses: [], titles: [], rare: new Map(), rowOfPath: new Map() };
}

/**
 * Adds one part's notes to `into`, or says what is wrong with the part: columns of unequal length or a value of the
 * wrong kind discard the whole cache.
 */
export function readNoteColumns(columns: Partial<NoteColumns>, into: NoteRows): string | null {
	const { paths, mtimes, sizes, docs, statuses, titles, rare } = columns;
	if (!Array.isArray(paths) || !Array.isArray(mtimes) || !Array.isArray(sizes) || !Array.isArray(docs) || !Array.isArray(statuses) || !Array.isArray(titles) || !Array.isArray(rare)) return "has no note columns";
	const rows = paths.length;
	if (mtimes.length !== rows || sizes.length !== rows || docs.length !== rows || statuses.length !== rows || titles.length !== rows) return "has note columns of unequal length";
	const first = into.paths.length;
	for (let i = 0; i < rows; i++) {
		const path = paths[i];
		const mtime = mtimes[i];
		const size = sizes[i];
		const count = docs[i];
		const status = NOTE_STATUSES[statuses[i] as number];
		const title = titles[i];
		if (typeof path !== "string" || typeof mtime !== "number" || typeof size !== "number" || typeof count !== "number" || !(count >= 0) || status === undefined || (title !== null && typeof title !== "string")) {
			return "holds a note entry it cannot read";
		}
		if (into.rowOfPath.has(path)) return `lists ${path} twice`;
		into.rowOfPath.set(path, into.paths.length);
		into.paths.push(path);
		into.mtimes.push(mtime);
		into.sizes.push(size);
		into.docs.push(count);
		into.statuses.push(status);
		into.titles.push(title);
	}
	for (const item of rare) {
		const row = Array.isArray(item) ? item[0] : undefined;
		const fields = (item as unknown[])[1] as RareFields | null;
		if (typeof row !== "number" || !Number.isInteger(row) || row < 0 || row >= rows || fields === null || typeof fields !== "object") return "holds a note entry it cannot read";
		const known: RareFields = {};
		if (fields.tags !== undefined) known.tags = fields.tags;
		if (fields.coworker !== undefined) known.coworker = fields.coworker;
		if (fields.problems !== undefined) known.problems = fields.problems;
		into.rare.set(first + row, known);
	}
	return null;
}

/** The entry of one row, made anew. */
export function entryOfRow(rows: NoteRows, row: number): NoteEntry {
	const path = rows.paths[row] ?? "";
	const entry: NoteEntry = { mtime: rows.mtimes[row] ?? 0, size: rows.sizes[row] ?? 0, title: rows.titles[row] ?? path, docs: rows.docs[row] ?? 0, status: rows.statuses[row] ?? "indexed" };
	const rare = rows.rare.get(row);
	if (rare?.tags !== undefined) entry.tags = rare.tags;
	if (rare?.coworker !== undefined) entry.coworker = rare.coworker;
	if (rare?.problems !== undefined) entry.problems = rare.problems;
	return entry;
}
