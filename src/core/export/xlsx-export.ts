/** Excel (.xlsx) from tables: numbers and dates typed, header bold and frozen, widths fitted, a Sources sheet last. */
import writeXlsxFile, { type Cell, type Row, type Sheet } from "write-excel-file/universal";
import type { Provenance } from "./export-document";

export interface SheetTable {
	name: string;
	header: string[];
	rows: string[][];
}

const NUMBER = /^[-+]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?([eE][-+]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

export async function exportXlsx(tables: readonly SheetTable[], provenance: Provenance): Promise<Uint8Array> {
	const sheets: Sheet<never>[] = tables.map((table) => ({
		sheet: sheetName(table.name),
		data: [table.header.map((text) => ({ value: text, fontWeight: "bold" as const })), ...table.rows.map((row) => table.header.map((_, c) => typedCell(row[c] ?? "")))],
		stickyRowsCount: 1,
		columns: table.header.map((text, c) => ({ width: fittedWidth([text, ...table.rows.map((row) => row[c] ?? "")]) })),
	}));
	const values = [provenance.title, provenance.goal ?? "", provenance.workflow ?? "", provenance.model ?? "", provenance.created ?? "", ...provenance.sources];
	sheets.push({ sheet: "Sources", data: sourcesRows(provenance), stickyRowsCount: 1, columns: [{ width: 14 }, { width: fittedWidth(values) }] });
	const blob = await writeXlsxFile(sheets).toBlob();
	return new Uint8Array(await blob.arrayBuffer());
}

/**
 * A cell as Excel would type it when a person enters it: plain numbers (leading zeros stay text, as in
 * an ID or postcode), ISO dates and times, and year-months (`2026-07`) as the month's first day.
 */
export function typedCell(text: string): Cell {
	const value = text.trim();
	if (value === "") return null;
	if (NUMBER.test(value) && !/^[-+]?0\d/.test(value)) return { value: Number(value.replace(/,/g, "")), type: Number };
	const date = ISO_DATE.exec(value);
	if (date) return utcDate(Number(date[1]), Number(date[2]), Number(date[3]), "yyyy-mm-dd", value);
	const month = YEAR_MONTH.exec(value);
	if (month) return utcDate(Number(month[1]), Number(month[2]), 1, "yyyy-mm", value);
	if (ISO_TIME.test(value) && Number.isFinite(Date.parse(value))) {
		// Excel has no time zones: the time as written on the clock, so a reader sees what the note says.
		const local = value.slice(0, 19).replace(" ", "T");
		const at = new Date(`${local.length === 16 ? `${local}:00` : local}Z`);
		return { value: at, type: Date, format: "yyyy-mm-dd hh:mm" };
	}
	return { value: text, type: String };
}

function utcDate(year: number, month: number, day: number, format: string, text: string): Cell {
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { value: text, type: String };
	return { value: date, type: Date, format };
}

function sourcesRows(provenance: Provenance): Row[] {
	const row = (name: string, value: string): Row => [{ value: name, fontWeight: "bold" }, { value, type: String }];
	return [
		[
			{ value: "Property", fontWeight: "bold" },
			{ value: "Value", fontWeight: "bold" },
		],
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
	return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, ...cells.map((cell) => cell.length + 2)));
}

/** Excel's sheet-name rules: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
	return name.replace(/[:\\/?*[\]]/g, " ").slice(0, 31).trim() || "Table";
}
