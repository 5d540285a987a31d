/**
 * The index cache's per-section tables (short id, field lengths, stored fields) in columns. Sections are written
 * in the order of the note entries, each note's `docs` sections in ordinal order, so a section's id
 * (`${path}#${ordinal}`) and its stored path and ordinal need not be written at all. A search in a fresh process
 * turns into MiniSearch's tables only the sections its terms' postings hold: the scorer reads nothing else
 * (field-scoring.ts skips a section without lengths, note-search.ts one without stored fields).
 */
import { STORED_FIELDS } from "./search-options";
import type { DocumentTables } from "./minisearch-internals";
import type { TimeSlicer } from "../ports/time-slicer";
import { addSection, type SectionTables } from "./section-tables";

/** Stored fields that follow from a section's place in the table. */
const DERIVED_FIELDS: readonly string[] = ["path", "ordinal"];
const WRITTEN_FIELDS = STORED_FIELDS.filter((field) => !DERIVED_FIELDS.includes(field));

/** One part's sections, field by field; `lengths` holds each section's field lengths in a row of `fields` numbers. */
export interface DocumentColumns {
	shortIds: number[];
	lengths: number[];
	stored: Record<string, unknown[]>;
}

export function emptyDocumentColumns(): DocumentColumns {
	return { shortIds: [], lengths: [], stored: Object.fromEntries(WRITTEN_FIELDS.map((field) => [field, []])) };
}

/**
 * Adds section `ordinal` of note `path` and returns about how many characters it adds. Throws when the index
 * does not hold it as the note entries say: the cache would otherwise be written wrong and read as right.
 */
export function addDocumentRow(columns: DocumentColumns, tables: DocumentTables, shortIdOf: (id: string) => number | undefined, path: string, ordinal: number, fields: number): number {
	const shortId = shortIdOf(`${path}#${ordinal}`);
	const lengths = shortId === undefined ? undefined : tables.fieldLength.get(shortId);
	const stored = shortId === undefined ? undefined : tables.storedFields.get(shortId);
	if (shortId === undefined || lengths === undefined || stored === undefined || stored.path !== path || stored.ordinal !== ordinal) {
		throw new Error(`the index does not hold section ${ordinal} of ${path} as its note entry says`);
	}
	columns.shortIds.push(shortId);
	let chars = 8;
	for (let field = 0; field < fields; field++) {
		const length = lengths[field] ?? 0;
		columns.lengths.push(length);
		chars += 4;
	}
	for (const field of WRITTEN_FIELDS) {
		const value = stored[field] ?? null;
		columns.stored[field]?.push(value);
		chars += typeof value === "string" ? value.length + 3 : 8;
	}
	return chars;
}

/** Where the next section of the table belongs: which note (by its place in the entries) and which of its sections. */
export interface SectionCursor {
	note: number;
	ordinal: number;
	/** Sections read so far, kept or not. */
	rows: number;
}

/**
 * Reads one part's sections into `tables`, the cursor moving along the notes' paths and section counts;
 * `wanted`, when given, keeps only those short ids. The id lookup is filled here, part by part, so installing the
 * tables need not build it in one stretch. Returns what is wrong with the part, or null.
 */
export async function readDocumentColumns(
	columns: Partial<DocumentColumns>,
	notes: { paths: readonly string[]; docs: readonly number[] },
	cursor: SectionCursor,
	fields: number,
	tables: SectionTables,
	wanted: ReadonlySet<number> | null,
	slicer: TimeSlicer,
): Promise<string | null> {
	const { shortIds, lengths, stored } = columns;
	if (!Array.isArray(shortIds) || !Array.isArray(lengths) || stored === null || typeof stored !== "object") return "has no section columns";
	const rows = shortIds.length;
	const storedColumns = WRITTEN_FIELDS.map((field) => [field, stored[field]] as const);
	if (lengths.length !== rows * fields || storedColumns.some(([, column]) => !Array.isArray(column) || column.length !== rows)) return "has section columns of unequal length";
	for (let row = 0; row < rows; row++) {
		while (cursor.note < notes.docs.length && cursor.ordinal >= (notes.docs[cursor.note] as number)) {
			cursor.note++;
			cursor.ordinal = 0;
		}
		const path = notes.paths[cursor.note];
		if (path === undefined) return "holds more sections than its notes have";
		const ordinal = cursor.ordinal++;
		cursor.rows++;
		const shortId = shortIds[row];
		if (typeof shortId !== "number") return "holds a section it cannot read";
		if (wanted !== null && !wanted.has(shortId)) continue;
		const record: Record<string, unknown> = {};
		for (const field of STORED_FIELDS) record[field] = field === "path" ? path : field === "ordinal" ? ordinal : null;
		for (const [field, column] of storedColumns) record[field] = (column as unknown[])[row];
		const turns = addSection(tables, shortId, `${path}#${ordinal}`, lengths.slice(row * fields, row * fields + fields), record, slicer);
		if (turns) await turns;
		// A part holds thousands of sections, 20 to 30 ms of tables on a 10k-note vault: too long for one step.
		if ((row & 255) === 255 && slicer.due) await slicer.yieldNow();
	}
	return null;
}
