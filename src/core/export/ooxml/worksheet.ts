/**
 * xl/worksheets/sheetN.xml: the rows of one sheet, its first row frozen (it stays in view while scrolling),
 * and the column widths. Elements in the order the schema requires (ECMA-376 Part 1 §18.3.1.99):
 * dimension, sheetViews, sheetFormatPr, cols, sheetData.
 */
import { cellReference } from "./cell-reference";
import { XML_DECLARATION } from "./package";
import type { SharedStrings } from "./shared-strings";
import type { SheetCell } from "./sheet-cell";
import { cellStyleIndex } from "./spreadsheet-styles";
import { SPREADSHEET_NS } from "./spreadsheet-schema";

export interface Worksheet {
	/** The first row is the header that stays in view. */
	rows: ReadonlyArray<readonly SheetCell[]>;
	/** Column widths in characters, from column A; columns past the list keep the default width. */
	widths: readonly number[];
}

/** The part's XML; text cells go into `strings`. `selected` marks the sheet the workbook opens on. */
export function worksheetXml(sheet: Worksheet, strings: SharedStrings, selected: boolean): string {
	const columnCount = sheet.rows.reduce((most, row) => Math.max(most, row.length), Math.max(1, sheet.widths.length));
	const lastCell = cellReference(columnCount - 1, Math.max(0, sheet.rows.length - 1));
	const view =
		`<sheetView${selected ? ' tabSelected="1"' : ""} workbookViewId="0">` +
		`<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
		`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>`;
	const columns = sheet.widths.map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`).join("");
	const rows = sheet.rows.map((row, r) => `<row r="${r + 1}">${row.map((cell, c) => cellXml(cell, cellReference(c, r), strings)).join("")}</row>`).join("");
	return (
		`${XML_DECLARATION}<worksheet xmlns="${SPREADSHEET_NS}">` +
		`<dimension ref="A1:${lastCell}"/>` +
		`<sheetViews>${view}</sheetViews>` +
		`<sheetFormatPr defaultRowHeight="15"/>` +
		// The schema wants at least one <col> inside <cols>.
		(columns !== "" ? `<cols>${columns}</cols>` : "") +
		(rows !== "" ? `<sheetData>${rows}</sheetData>` : "<sheetData/>") +
		`</worksheet>`
	);
}

function cellXml(cell: SheetCell, reference: string, strings: SharedStrings): string {
	if (cell === null) return "";
	const style = cellStyleIndex(cell);
	const s = style !== 0 ? ` s="${style}"` : "";
	switch (cell.kind) {
		case "number":
			return `<c r="${reference}"${s}><v>${numberText(cell.value)}</v></c>`;
		case "date":
			return `<c r="${reference}"${s}><v>${numberText(cell.serial)}</v></c>`;
		case "text":
			return `<c r="${reference}"${s} t="s"><v>${strings.indexOf(cell.text)}</v></c>`;
	}
}

/** An xsd:double as JavaScript prints it (`1e+21` included); NaN and infinities have no cell value. */
function numberText(value: number): string {
	if (!Number.isFinite(value)) throw new RangeError(`A worksheet number must be finite, not ${value}.`);
	return String(value);
}
