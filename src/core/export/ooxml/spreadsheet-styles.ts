/**
 * xl/styles.xml: the fixed set of cell formats the exporter uses: plain, bold (headers, property names) and
 * one per date format. The two fills are the defaults every styles part must start with (none, gray125).
 */
import { XML_DECLARATION, xmlText } from "./package";
import { DATE_FORMATS, type SheetCell } from "./sheet-cell";
import { SPREADSHEET_NS } from "./spreadsheet-schema";

/** Custom number formats take ids from 164 on; the lower ones are built in. */
const FIRST_CUSTOM_FORMAT_ID = 164;
/** Indexes into cellXfs, in the order stylesXml writes them. */
const PLAIN = 0;
const BOLD = 1;
const FIRST_DATE = 2;

/** The index into cellXfs for a cell (its `s` attribute; 0, the default, is left out). */
export function cellStyleIndex(cell: NonNullable<SheetCell>): number {
	if (cell.kind === "date") return FIRST_DATE + DATE_FORMATS.indexOf(cell.format);
	if (cell.kind === "text" && cell.bold === true) return BOLD;
	return PLAIN;
}

export function stylesXml(): string {
	const font = (bold: boolean): string => `<font>${bold ? "<b/>" : ""}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`;
	const formats = DATE_FORMATS.map((code, i) => `<numFmt numFmtId="${FIRST_CUSTOM_FORMAT_ID + i}" formatCode="${xmlText(code)}"/>`);
	const xf = (numFmtId: number, fontId: number): string =>
		`<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${fontId !== 0 ? ' applyFont="1"' : ""}${numFmtId !== 0 ? ' applyNumberFormat="1"' : ""}/>`;
	const cellFormats = [xf(0, 0), xf(0, 1), ...DATE_FORMATS.map((_, i) => xf(FIRST_CUSTOM_FORMAT_ID + i, 0))];
	return (
		`${XML_DECLARATION}<styleSheet xmlns="${SPREADSHEET_NS}">` +
		`<numFmts count="${formats.length}">${formats.join("")}</numFmts>` +
		`<fonts count="2">${font(false)}${font(true)}</fonts>` +
		`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
		`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
		`<cellXfs count="${cellFormats.length}">${cellFormats.join("")}</cellXfs>` +
		`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
		`</styleSheet>`
	);
}
