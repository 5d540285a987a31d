import { describe, expect, it } from "vitest";
import { addNoteRow, emptyNoteColumns, emptyNoteRows, readNoteColumns, type NoteEntry } from "../../../src/core/index/cache-note-columns";
import { NoteTable } from "../../../src/core/index/note-table";

const ENTRIES: [string, NoteEntry][] = [
	["b.md", { mtime: 2, size: 20, title: "Bee", docs: 2, status: "indexed", tags: ["x"], problems: [{ path: "b.md", field: "tags", message: "b.md: bad tag." }] }],
	["a.md", { mtime: 1, size: 10, title: "a.md", docs: 0, status: "private" }],
	["c.md", { mtime: 3, size: 30, title: "Sea", docs: 1, status: "indexed", coworker: "workflow", problems: [{ path: "c.md", field: "date", message: "c.md: bad date." }] }],
];

/** The entries written as the cache writes them, in two parts, and read back as rows. */
function loaded(entries = ENTRIES): NoteTable {
	const rows = emptyNoteRows();
	for (const part of [entries.slice(0, 1), entries.slice(1)]) {
		const columns = emptyNoteColumns();
		for (const [path, entry] of part) addNoteRow(columns, path, entry);
		expect(readNoteColumns(JSON.parse(JSON.stringify(columns)) as typeof columns, rows)).toBeNull();
	}
	return NoteTable.ofRows(rows);
}

describe("NoteTable", () => {
	it("answers from the cache's rows as the entries would, in the order written, without making them its own", () => {
		const table = loaded();
		expect(table.rows).not.toBeNull();
		expect(table.size).toBe(3);
		expect([...table]).toEqual(ENTRIES);
		expect([...table.keys()]).toEqual(["b.md", "a.md", "c.md"]);
		expect(table.get("c.md")).toEqual(ENTRIES[2]?.[1]);
		expect(table.get("missing.md")).toBeUndefined();
		expect(table.countWithStatus("indexed")).toBe(2);
		expect(table.countWithStatus("private")).toBe(1);
		expect(table.sectionCount()).toBe(3);
		expect(table.problems().map((problem) => problem.path)).toEqual(["b.md", "c.md"]);
		expect(table.rows).not.toBeNull();
	});

	it("makes the entries its own at the first change, keeping their order", () => {
		const table = loaded();
		table.set("a.md", { mtime: 9, size: 90, title: "Eh", docs: 1, status: "indexed" });
		expect(table.rows).toBeNull();
		expect([...table.keys()]).toEqual(["b.md", "a.md", "c.md"]);
		expect(table.delete("b.md")).toBe(true);
		table.set("d.md", { mtime: 4, size: 40, title: "Dee", docs: 1, status: "indexed" });
		expect([...table.keys()]).toEqual(["a.md", "c.md", "d.md"]);
		expect(table.countWithStatus("indexed")).toBe(3);
		expect(table.sectionCount()).toBe(3);
		expect(table.problems().map((problem) => problem.path)).toEqual(["c.md"]);
	});

	it("refuses a cache that lists a note twice", () => {
		const rows = emptyNoteRows();
		const columns = emptyNoteColumns();
		addNoteRow(columns, "a.md", { mtime: 1, size: 1, title: "A", docs: 1, status: "indexed" });
		expect(readNoteColumns(columns, rows)).toBeNull();
		expect(readNoteColumns(columns, rows)).toBe("lists a.md twice");
	});
});
