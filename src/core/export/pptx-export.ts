/** PowerPoint (.pptx) from a slides deliverable: one slide per `---` section, title and bullets in placeholders, notes. */
import PptxGenJS from "pptxgenjs";
import type { Block, ExportDocument, Span } from "./export-document";
import { plainText } from "./export-document";
import { fitInto } from "./image-size";
import type { LoadedImage } from "./docx-export";

const MASTER = "COWORKER";
/** LAYOUT_16x9 is 10 × 5.625 inches; the body starts under the title. */
const BODY = { x: 0.5, y: 1.3, w: 9, h: 4 };
const LINE_INCHES = 0.4;

type TextRun = PptxGenJS.TextProps;

export async function exportPptx(document: ExportDocument, images: ReadonlyMap<string, LoadedImage>): Promise<Uint8Array> {
	const pptx = new PptxGenJS();
	pptx.layout = "LAYOUT_16x9";
	pptx.author = "AI Coworker";
	pptx.company = "";
	pptx.title = document.provenance.title;
	pptx.subject = document.provenance.goal ?? "";
	// Placeholders (not free text boxes), so a theme or another master restyles every slide at once.
	pptx.defineSlideMaster({
		title: MASTER,
		objects: [
			{ placeholder: { options: { name: "title", type: "title", x: 0.5, y: 0.3, w: 9, h: 0.9, fontSize: 30, bold: true }, text: "" } },
			{ placeholder: { options: { name: "body", type: "body", ...BODY, fontSize: 18, valign: "top" }, text: "" } },
		],
	});
	for (const section of slidesOf(document.blocks)) addSlide(pptx, section, images, document.provenance.title);
	const bytes = await pptx.write({ outputType: "uint8array" });
	return bytes as Uint8Array;
}

/** Blocks split at each `---`; empty sections (two rules in a row) are dropped. */
export function slidesOf(blocks: readonly Block[]): Block[][] {
	const slides: Block[][] = [[]];
	for (const block of blocks) {
		if (block.kind === "rule") slides.push([]);
		else slides[slides.length - 1]?.push(block);
	}
	return slides.filter((slide) => slide.length > 0);
}

function addSlide(pptx: PptxGenJS, blocks: readonly Block[], images: ReadonlyMap<string, LoadedImage>, fallbackTitle: string): void {
	const slide = pptx.addSlide({ masterName: MASTER });
	const headingAt = blocks.findIndex((block) => block.kind === "heading");
	const heading = blocks[headingAt];
	slide.addText(heading?.kind === "heading" ? plainText(heading.spans) : fallbackTitle, { placeholder: "title" });
	const body: TextRun[] = [];
	const pictures: LoadedImage[] = [];
	const tables: Span[][][][] = [];
	const notes: string[] = [];
	blocks.forEach((block, i) => {
		if (i === headingAt) return;
		switch (block.kind) {
			case "heading":
			case "paragraph":
			case "quote":
				paragraph(body, block.spans, { bold: block.kind === "heading", italic: block.kind === "quote" }, pictures, images);
				break;
			case "item":
				paragraph(body, block.spans, { bullet: block.ordered ? { type: "number" } : true, indentLevel: block.depth }, pictures, images);
				break;
			case "code":
				for (const line of block.text.split("\n")) body.push({ text: line, options: { fontFace: "Consolas", breakLine: true } });
				break;
			case "table":
				tables.push(block.rows);
				break;
			case "notes":
				notes.push(block.text);
				break;
			case "rule":
				break;
		}
	});
	if (body.length > 0) slide.addText(body, { placeholder: "body" });
	// Tables and pictures go under the text, in the body's area.
	let y = BODY.y + (body.length > 0 ? Math.min(body.filter((run) => run.options?.breakLine).length, 8) * LINE_INCHES : 0);
	for (const rows of tables) {
		const height = Math.max(0.3, rows.length * 0.35);
		slide.addTable(
			rows.map((row, r) => row.map((cell) => ({ text: plainText(cell), options: { bold: r === 0 } }))),
			{ x: BODY.x, y, w: BODY.w, fontSize: 12, border: { type: "solid", pt: 0.5, color: "999999" } },
		);
		y += height + 0.2;
	}
	for (const picture of pictures) {
		const room = Math.max(1, BODY.y + BODY.h - y);
		const size = fitInto(picture.info.width, picture.info.height, BODY.w * 96, room * 96);
		slide.addImage({ data: `image/${picture.info.type === "jpg" ? "jpeg" : picture.info.type};base64,${base64(picture.bytes)}`, x: BODY.x, y, w: size.width / 96, h: size.height / 96 });
		y += size.height / 96 + 0.2;
	}
	if (notes.length > 0) slide.addNotes(notes.join("\n\n"));
}

function paragraph(body: TextRun[], spans: readonly Span[], style: PptxGenJS.TextPropsOptions & { italic?: boolean }, pictures: LoadedImage[], images: ReadonlyMap<string, LoadedImage>): void {
	const runs: TextRun[] = [];
	for (const span of spans) {
		if (span.kind === "image") {
			const image = images.get(span.path);
			if (image) pictures.push(image);
			continue;
		}
		runs.push({
			text: span.text,
			options: {
				bold: span.bold === true || style.bold === true,
				italic: span.italic === true || style.italic === true,
				strike: span.strike ? "sngStrike" : undefined,
				...(span.code ? { fontFace: "Consolas" } : {}),
				...(span.href ? { hyperlink: { url: span.href } } : {}),
			},
		});
	}
	if (runs.length === 0) return;
	// Paragraph options on every run of the paragraph: pptxgenjs writes paragraph properties per run, and a run without them would start a bullet-less one mid-line.
	const paragraphOptions = style.bullet !== undefined ? { bullet: style.bullet, indentLevel: style.indentLevel } : { bullet: false as const };
	for (const run of runs) run.options = { ...run.options, ...paragraphOptions };
	const last = runs[runs.length - 1];
	if (last) last.options = { ...last.options, breakLine: true };
	body.push(...runs);
}

/** Base64 without Buffer (absent on mobile). */
function base64(bytes: Uint8Array): string {
	let binary = "";
	for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}
