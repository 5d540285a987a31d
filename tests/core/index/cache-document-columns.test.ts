import { describe, expect, it } from "vitest";
import { emptyDocumentColumns, readDocumentColumns, type SectionCursor } from "../../../src/core/index/cache-document-columns";
import { countingClock, countingSlicer } from "../../helpers/counting-clock";
import { TimeSlicer } from "../../../src/core/ports/time-slicer";
import { emptySectionTables } from "../../../src/core/index/section-tables";

const FIELDS = 2;

/** `notes` notes of `sections` sections each, written as the cache writes them (heading and line stored). */
function columnsFor(notes: number, sections: number): { columns: ReturnType<typeof emptyDocumentColumns>; paths: string[]; docs: number[] } {
	const columns = emptyDocumentColumns();
	const paths = Array.from({ length: notes }, (_, i) => `n${i}.md`);
	for (let row = 0; row < notes * sections; row++) {
		columns.shortIds.push(row);
		columns.lengths.push(row % 7, 3);
		for (const [field, column] of Object.entries(columns.stored)) column.push(field === "line" ? row : `h${row}`);
	}
	return { columns, paths, docs: paths.map(() => sections) };
}

describe("reading a part of the cache's section tables", () => {
	it("gives the host turns within a part of thousands of sections, and reads every one", async () => {
		const { columns, paths, docs } = columnsFor(500, 8);
		const tables = emptySectionTables();
		const cursor: SectionCursor = { note: 0, ordinal: 0, rows: 0 };
		const { slicer, yields } = countingSlicer(1);
		expect(await readDocumentColumns(columns, { paths, docs }, cursor, FIELDS, tables, null, slicer)).toBeNull();
		// A part used to be one step: 20 to 30 ms of tables on a 10k-note vault.
		expect(yields()).toBeGreaterThanOrEqual(Math.floor(4000 / 256));
		expect(cursor.rows).toBe(4000);
		expect(tables.documentIds.get(3999)).toBe("n499.md#7");
		expect(tables.idToShortId.get("n12.md#3")).toBe(12 * 8 + 3);
		expect(tables.fieldLength.get(10)).toEqual([3, 3]);
		expect(tables.storedFields.get(9)).toMatchObject({ path: "n1.md", ordinal: 1, line: 9 });
	});

	it("gives a turn before each of the four tables doubles, even in a slice with time to spare", async () => {
		// 10,000 sections: the tables reach 8,192 entries once, where each doubles (see map-growth.ts).
		const { columns, paths, docs } = columnsFor(1000, 10);
		const tables = emptySectionTables();
		// Time never moves: no slice runs out, so every turn is one taken before a table grows.
		const { clock, yields } = countingClock(0);
		expect(await readDocumentColumns(columns, { paths, docs }, { note: 0, ordinal: 0, rows: 0 }, FIELDS, tables, null, new TimeSlicer(clock, 16))).toBeNull();
		expect(yields()).toBe(4);
		expect(tables.storedFields.size).toBe(10_000);
	});

	it("keeps only the sections asked for, and says when a part holds more sections than its notes", async () => {
		const { columns, paths, docs } = columnsFor(3, 2);
		const tables = emptySectionTables();
		const { slicer } = countingSlicer(1);
		expect(await readDocumentColumns(columns, { paths, docs }, { note: 0, ordinal: 0, rows: 0 }, FIELDS, tables, new Set([1, 4]), slicer)).toBeNull();
		expect([...tables.documentIds]).toEqual([
			[1, "n0.md#1"],
			[4, "n2.md#0"],
		]);
		const fewer = { paths: paths.slice(0, 2), docs: docs.slice(0, 2) };
		expect(await readDocumentColumns(columns, fewer, { note: 0, ordinal: 0, rows: 0 }, FIELDS, emptySectionTables(), null, slicer)).toBe("holds more sections than its notes have");
	});
});
