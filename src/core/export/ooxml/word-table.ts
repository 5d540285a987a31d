/**
 * A Markdown table as a Word table (`w:tbl`): the page's width, single borders, the first row a bold header
 * row that Word repeats on each page. The schema wants tblPr, then tblGrid, then the rows; every cell ends with a paragraph.
 */
import type { Span } from "../export-document";
import { runsXml, type RunContext } from "./word-runs";

/** Twips (1/20 pt) between the margins of an A4 page with 1-inch margins: the grid's total width. */
export const TEXT_WIDTH = 9026;

const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"';

export function tableXml(rows: readonly (readonly Span[][])[], context: RunContext): string {
	// Word treats a table without rows as damaged; there is nothing to show anyway.
	if (rows.length === 0) return "";
	const columns = Math.max(1, ...rows.map((row) => row.length));
	const width = Math.floor(TEXT_WIDTH / columns);
	const properties =
		`<w:tblPr><w:tblW w:w="5000" w:type="pct"/>` +
		`<w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"].map((side) => `<w:${side} ${BORDER}/>`).join("")}</w:tblBorders>` +
		`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>`;
	const grid = `<w:tblGrid>${`<w:gridCol w:w="${width}"/>`.repeat(columns)}</w:tblGrid>`;
	const body = rows.map((row, r) => {
		const header = r === 0;
		const cells = Array.from({ length: columns }, (_, c) => {
			const spans = (row[c] ?? []).map((span) => (header && span.kind === "text" ? { ...span, bold: true } : span));
			return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>${runsXml(spans, context)}</w:p></w:tc>`;
		});
		return `<w:tr>${header ? "<w:trPr><w:tblHeader/></w:trPr>" : ""}${cells.join("")}</w:tr>`;
	});
	return `<w:tbl>${properties}${grid}${body.join("")}</w:tbl>`;
}
