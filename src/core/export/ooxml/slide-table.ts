/** A table on a slide: a graphic frame holding a DrawingML table (ECMA-376 Part 1, §21.1.3), its first row the header. */
import { xmlText } from "./package";
import { PML_NS } from "./presentation-ml";
import { paragraphXml, type TextRun } from "./drawing-text";
import type { PartRelationships } from "./part-relationships";
import { xfrmXml, type Box } from "./slide-geometry";

export interface SlideTable {
	box: Box;
	/** Rows of cells of runs; the first row is the header. */
	rows: ReadonlyArray<ReadonlyArray<readonly TextRun[]>>;
}

/** About 0.4 inch: one line of 16-point text with the cell's margins. PowerPoint grows a row that needs more. */
export const TABLE_ROW_HEIGHT = 370840;
/** Two thirds of the body's 24 points: a table holds more words to the line than a bullet. */
const TABLE_TEXT_SIZE = 1600;
const BORDER = '<a:solidFill><a:srgbClr val="999999"/></a:solidFill><a:prstDash val="solid"/>';
const CELL_BORDERS = ["lnL", "lnR", "lnT", "lnB"].map((side) => `<a:${side} w="6350" cap="flat" cmpd="sng" algn="ctr">${BORDER}</a:${side}>`).join("");

export function tableFrameXml(id: number, table: SlideTable, links: PartRelationships): string {
	// Every row must have a cell for every grid column, or PowerPoint repairs the file: short rows are padded.
	const columns = Math.max(1, ...table.rows.map((row) => row.length));
	const width = Math.floor(table.box.cx / columns);
	const grid = `<a:tblGrid>${`<a:gridCol w="${width}"/>`.repeat(columns)}</a:tblGrid>`;
	const rows = table.rows
		.map((row, r) => {
			const cells = Array.from({ length: columns }, (_, c) => {
				const runs = row[c] ?? [];
				return `<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>${paragraphXml({ runs }, links, { size: TABLE_TEXT_SIZE, bold: r === 0 })}</a:txBody><a:tcPr>${CELL_BORDERS}</a:tcPr></a:tc>`;
			});
			return `<a:tr h="${TABLE_ROW_HEIGHT}">${cells.join("")}</a:tr>`;
		})
		.join("");
	return (
		`<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="${id}" name="${xmlText(`Table ${id - 1}`)}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>` +
		`${xfrmXml({ ...table.box, cx: width * columns }, "p:xfrm")}<a:graphic><a:graphicData uri="${PML_NS.table}">` +
		`<a:tbl><a:tblPr firstRow="1"/>${grid}${rows}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`
	);
}
