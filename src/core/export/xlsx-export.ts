/** Excel (.xlsx) from tables: numbers and dates typed, header bold and frozen, widths fitted, a Sources sheet last. */
import type { Provenance } from "./export-document";
import { columnLetters } from "./ooxml/cell-reference";
import { excelSerial } from "./ooxml/excel-serial-date";
import type { DateFormat, SheetCell } from "./ooxml/sheet-cell";
import { sheetNames } from "./ooxml/sheet-names";
import { spreadsheetPackage, type NamedWorksheet } from "./ooxml/workbook";

export interface SheetTable {
	name: string;
	header: string[];
	rows: string[][];
}

const NUMBER = /^[-+]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?([eE][-+]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?(?:Z|[+-]\d{2}:?\d{2})?$/;
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
const SOURCES_SHEET = "Sources";
/** Excel's limits (ECMA-376 leaves them to the application): past them it opens the file only by "repairing" it, cutting what is over. */
const MAX_CELL_CHARACTERS = 32_767;
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

export function exportXlsx(tables: readonly SheetTable[], provenance: Provenance): Promise<Uint8Array> {
	// Named with "Sources" first so that name stays the provenance sheet's; a table called so gets "Sources (2)".
	const [sourcesName = SOURCES_SHEET, ...tableNames] = sheetNames([SOURCES_SHEET, ...tables.map((table) => table.name)], "Table");
	const sheets: NamedWorksheet[] = tables.map((table, t) => {
		// Cells past the header's last column are kept: a ragged CSV row loses nothing.
		const columnCount = table.rows.reduce((most, row) => Math.max(most, row.length), table.header.length);
		const columns = Array.from({ length: columnCount }, (_, c) => c);
		return {
			name: tableNames[t] ?? table.name,
			rows: [columns.map((c) => headerCell(table.header[c] ?? "")), ...table.rows.map((row) => columns.map((c) => typedCell(row[c] ?? "")))],
			widths: columns.map((c) => fittedWidth([table.header[c] ?? "", ...table.rows.map((row) => row[c] ?? "")])),
		};
	});
	const values = [provenance.title, provenance.goal ?? "", provenance.workflow ?? "", provenance.model ?? "", provenance.created ?? "", ...provenance.sources];
	sheets.push({ name: sourcesName, rows: sourcesRows(provenance), widths: [14, fittedWidth(values)] });
	const properties = { title: provenance.title, subject: provenance.goal ?? undefined, creator: "AI Coworker", created: provenance.created };
	return Promise.resolve(spreadsheetPackage(sheets, properties));
}

/** Why Excel could not hold the table whole (`label` names it, e.g. "its table Q3.csv"), or null. */
export function excelLimitProblem(table: SheetTable, label: string): string | null {
	const rows = [table.header, ...table.rows];
	if (rows.length > MAX_ROWS) return `${label} has ${rows.length.toLocaleString("en-US")} rows with its header, more than an Excel sheet holds (${MAX_ROWS.toLocaleString("en-US")})`;
	for (const [r, row] of rows.entries()) {
		if (row.length > MAX_COLUMNS) return `${label} has ${row.length.toLocaleString("en-US")} columns in row ${r + 1}, more than an Excel sheet holds (${MAX_COLUMNS.toLocaleString("en-US")})`;
		const c = row.findIndex((cell) => cell.length > MAX_CELL_CHARACTERS);
		if (c >= 0) return `${label} has a cell of ${(row[c] ?? "").length.toLocaleString("en-US")} characters in row ${r + 1}, column ${columnLetters(c)}, more than an Excel cell holds (${MAX_CELL_CHARACTERS.toLocaleString("en-US")})`;
	}
	return null;
}

/**
 * A cell as Excel would type it when a person enters it: plain numbers (leading zeros stay text, as in
 * an ID or postcode), ISO dates and times, and year-months (`2026-07`) as the month's first day.
 */
export function typedCell(text: string): SheetCell {
	const value = text.trim();
	if (value === "") return null;
	if (NUMBER.test(value) && !/^[-+]?0\d/.test(value)) {
		const number = Number(value.replace(/,/g, ""));
		if (Number.isFinite(number)) return { kind: "number", value: number };
	}
	const date = ISO_DATE.exec(value);
	if (date) return dateCell(excelSerial({ year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) }), "yyyy-mm-dd", text);
	const month = YEAR_MONTH.exec(value);
	if (month) return dateCell(excelSerial({ year: Number(month[1]), month: Number(month[2]), day: 1 }), "yyyy-mm", text);
	const at = ISO_DATE_TIME.exec(value);
	if (at) {
		// Excel has no time zones: the time as written on the clock (any offset left aside), so a reader sees what the note says.
		const [, year, month, day, hour, minute, second] = at.map(Number);
		const serial = excelSerial({ year: year ?? 0, month: month ?? 0, day: day ?? 0, hour, minute, second: at[6] === undefined ? 0 : second });
		return dateCell(serial, at[6] === undefined ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd hh:mm:ss", text);
	}
	return { kind: "text", text };
}

/** A date cell, or the text as written when there is no such day or Excel cannot show it. */
function dateCell(serial: number | null, format: DateFormat, text: string): SheetCell {
	return serial === null ? { kind: "text", text } : { kind: "date", serial, format };
}

function headerCell(text: string): SheetCell {
	return text === "" ? null : { kind: "text", text, bold: true };
}

function sourcesRows(provenance: Provenance): SheetCell[][] {
	const row = (name: string, value: string): SheetCell[] => [headerCell(name), { kind: "text", text: value }];
	return [
		[headerCell("Property"), headerCell("Value")],
		row("Title", provenance.title),
		...(provenance.goal ? [row("Goal", provenance.goal)] : []),
		...(provenance.workflow ? [row("Workflow", provenance.workflow)] : []),
		...(provenance.model ? [row("Model", provenance.model)] : []),
		...(provenance.created ? [row("Created", provenance.created)] : []),
		...provenance.sources.map((source) => row("Source", source)),
	];
}

/** Characters of the longest cell, bounded: what Excel's "fit to content" gives for ordinary text. */
function fittedWidth(cells: readonly string[]): number {
	return cells.reduce((width, cell) => Math.min(MAX_WIDTH, Math.max(width, cell.length + 2)), MIN_WIDTH);
}
