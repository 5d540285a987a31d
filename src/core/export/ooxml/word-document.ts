/**
 * word/document.xml: the note's blocks as paragraphs and tables in one A4 section. Paragraph properties come
 * first in each paragraph, in the schema's order (pStyle, numPr, pBdr, shd, spacing, ind).
 */
import type { Block } from "../export-document";
import { XML_DECLARATION } from "./package";
import { DOCUMENT_NAMESPACES } from "./word-namespaces";
import { LIST_LEVELS, type ListNumbering } from "./word-numbering";
import { runsXml, textRunXml, type RunContext } from "./word-runs";
import { STYLE } from "./word-styles";
import { tableXml } from "./word-table";

export interface DocumentContext extends RunContext {
	numbering: ListNumbering;
}

/** A4 in twips with 1-inch margins, as the docx library wrote it; word-table.ts sizes tables to this text width. */
const SECTION =
	`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>` +
	`<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>`;

export function documentXml(blocks: readonly Block[], context: DocumentContext): string {
	// Word keeps a paragraph between two tables (else it joins them) and after a table that ends the document.
	const body = blocks.map((block, i) => blockXml(block, context) + (block.kind === "table" && blocks[i + 1]?.kind !== "paragraph" ? "<w:p/>" : "")).join("");
	return `${XML_DECLARATION}<w:document ${DOCUMENT_NAMESPACES}><w:body>${body}${SECTION}</w:body></w:document>`;
}

function paragraph(properties: string, content: string): string {
	return `<w:p>${properties === "" ? "" : `<w:pPr>${properties}</w:pPr>`}${content}</w:p>`;
}

function blockXml(block: Block, context: DocumentContext): string {
	switch (block.kind) {
		case "heading":
			return paragraph(`<w:pStyle w:val="${STYLE.heading(block.level)}"/>`, runsXml(block.spans, context));
		case "paragraph":
			return paragraph("", runsXml(block.spans, context));
		case "quote":
			// The Quote style indents and italicises; a user's template may restyle it.
			return paragraph(`<w:pStyle w:val="${STYLE.quote}"/>`, runsXml(block.spans, context));
		case "item": {
			const level = Math.min(Math.max(0, block.depth), LIST_LEVELS - 1);
			const numbering = `<w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${context.numbering.instanceOf(block)}"/></w:numPr>`;
			return paragraph(`<w:pStyle w:val="${STYLE.listParagraph}"/>${numbering}`, runsXml(block.spans, context));
		}
		case "code":
			// One paragraph per line, shaded as one block (no space between the lines).
			return block.text
				.split(/\r?\n/)
				.map((line) => paragraph(`<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:spacing w:after="0"/>`, textRunXml(line, { code: true })))
				.join("");
		case "notes":
			return paragraph("", textRunXml(`Notes: ${block.text}`, { italic: true }));
		case "table":
			return tableXml(block.rows, context);
		case "rule":
			return paragraph(`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>`, "");
	}
}
