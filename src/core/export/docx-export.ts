/** Word (.docx) from an {@link ExportDocument}: Word headings (navigation pane, table of contents), lists, tables, links, images. */
import {
	AlignmentType,
	Document,
	ExternalHyperlink,
	HeadingLevel,
	ImageRun,
	LevelFormat,
	Packer,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type IRunOptions,
	type ParagraphChild,
} from "docx";
import type { Block, ExportDocument, Span } from "./export-document";
import { fitInto, type ImageInfo } from "./image-size";

/** An embedded image's bytes and size, read before the document is built. */
export interface LoadedImage {
	bytes: Uint8Array;
	info: ImageInfo;
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;
const ORDERED = "coworker-ordered";
/** Pixels at 96 per inch: a page's text width and a sensible height on A4 or Letter. */
const MAX_IMAGE_WIDTH = 600;
const MAX_IMAGE_HEIGHT = 800;

export async function exportDocx(document: ExportDocument, images: ReadonlyMap<string, LoadedImage>): Promise<Uint8Array> {
	const { provenance } = document;
	const doc = new Document({
		creator: "AI Coworker",
		title: provenance.title,
		subject: provenance.goal ?? "",
		description: provenance.sources.length > 0 ? `Sources: ${provenance.sources.join("; ")}` : "",
		keywords: provenance.format,
		customProperties: [
			{ name: "Goal", value: provenance.goal ?? "" },
			{ name: "Model", value: provenance.model ?? "" },
			{ name: "Created", value: provenance.created ?? "" },
			{ name: "Workflow", value: provenance.workflow ?? "" },
			{ name: "Sources", value: provenance.sources.join("; ") },
		].filter((property) => property.value !== ""),
		numbering: {
			config: [
				{
					reference: ORDERED,
					levels: [0, 1, 2, 3, 4, 5].map((level) => ({
						level,
						format: LevelFormat.DECIMAL,
						text: `%${level + 1}.`,
						alignment: AlignmentType.START,
						style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
					})),
				},
			],
		},
		sections: [{ children: document.blocks.flatMap((block) => blockToDocx(block, images)) }],
	});
	return new Uint8Array(await Packer.toArrayBuffer(doc));
}

function blockToDocx(block: Block, images: ReadonlyMap<string, LoadedImage>): (Paragraph | Table)[] {
	switch (block.kind) {
		case "heading":
			return [new Paragraph({ heading: HEADINGS[block.level - 1], children: runs(block.spans, images) })];
		case "paragraph":
			return [new Paragraph({ children: runs(block.spans, images) })];
		case "quote":
			return [new Paragraph({ style: "Quote", indent: { left: 720 }, children: runs(block.spans.map((s) => (s.kind === "text" ? { ...s, italic: true } : s)), images) })];
		case "item": {
			const level = Math.min(block.depth, 5);
			return [
				new Paragraph({
					...(block.ordered ? { numbering: { reference: ORDERED, level, instance: block.list } } : { bullet: { level } }),
					children: runs(block.spans, images),
				}),
			];
		}
		case "code":
			return block.text.split("\n").map(
				(line) =>
					new Paragraph({
						shading: { type: ShadingType.CLEAR, fill: "F2F2F2", color: "auto" },
						spacing: { after: 0 },
						children: [new TextRun({ text: line, font: "Consolas" })],
					}),
			);
		case "notes":
			return [new Paragraph({ children: [textRun({ text: `Notes: ${block.text}`, italics: true })] })];
		case "table":
			return [tableToDocx(block.rows, images)];
		case "rule":
			return [new Paragraph({ thematicBreak: true, children: [] })];
	}
}

function tableToDocx(rows: Span[][][], images: ReadonlyMap<string, LoadedImage>): Table {
	const columns = Math.max(1, ...rows.map((row) => row.length));
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: rows.map(
			(row, r) =>
				new TableRow({
					tableHeader: r === 0,
					children: Array.from(
						{ length: columns },
						(_, c) => new TableCell({ children: [new Paragraph({ children: runs((row[c] ?? []).map((s) => (r === 0 && s.kind === "text" ? { ...s, bold: true } : s)), images) })] }),
					),
				}),
		),
	});
}

function runs(spans: readonly Span[], images: ReadonlyMap<string, LoadedImage>): ParagraphChild[] {
	return spans.flatMap((span): ParagraphChild[] => {
		if (span.kind === "image") {
			const image = images.get(span.path);
			if (!image) return [];
			const size = fitInto(image.info.width, image.info.height, MAX_IMAGE_WIDTH, MAX_IMAGE_HEIGHT);
			return [new ImageRun({ type: image.info.type, data: image.bytes, transformation: size, altText: { name: span.path, description: span.path, title: span.path } })];
		}
		const lines = span.text.split("\n");
		const textRuns = lines.map(
			(line, i) =>
				textRun({
					text: line,
					break: i > 0 ? 1 : 0,
					bold: span.bold,
					italics: span.italic,
					strike: span.strike,
					...(span.code ? { font: "Consolas" } : {}),
					...(span.href ? { style: "Hyperlink" } : {}),
				}),
		);
		return span.href ? [new ExternalHyperlink({ link: span.href, children: textRuns })] : textRuns;
	});
}

/** Through a typed options object: TextRun also takes a bare string, whose deprecated String.prototype.bold the linter would see. */
function textRun(options: IRunOptions): TextRun {
	return new TextRun(options);
}
