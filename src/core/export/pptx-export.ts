/** PowerPoint (.pptx) from a slides deliverable: one slide per `---` section, title and bullets in placeholders, notes. */
import type { Block, ExportDocument, Span } from "./export-document";
import { plainText } from "./export-document";
import { fitInto } from "./image-size";
import type { LoadedImage } from "./docx-export";
import type { TextParagraph, TextRun } from "./ooxml/drawing-text";
import { pptxPackage } from "./ooxml/pptx-package";
import type { SlideContent, SlidePicture } from "./ooxml/slide";
import { TABLE_ROW_HEIGHT, type SlideTable } from "./ooxml/slide-table";
import { BODY_BOX, EMU_PER_INCH, EMU_PER_PIXEL, type Box } from "./ooxml/slide-geometry";

/** A body line's height at the master's 24-point text, for putting tables and pictures under the text. */
const LINE = EMU_PER_INCH / 2;
/** More lines than this the master's autofit shrinks into the space anyway. */
const MOST_LINES = 8;
const GAP = EMU_PER_INCH / 5;
const BODY_BOTTOM = BODY_BOX.y + BODY_BOX.cy;

export async function exportPptx(document: ExportDocument, images: ReadonlyMap<string, LoadedImage>): Promise<Uint8Array> {
	const media = new MediaFiles();
	const slides = slidesOf(document.blocks).map((blocks) => slideContent(blocks, images, media, document.provenance.title));
	const { provenance } = document;
	return pptxPackage({
		slides,
		media: media.files,
		properties: { title: provenance.title, subject: provenance.goal ?? "", creator: "AI Coworker", keywords: provenance.format, created: provenance.created },
	});
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

/** The section's first heading is the title (the deck's title when it has none); the rest is the body. */
function slideContent(blocks: readonly Block[], images: ReadonlyMap<string, LoadedImage>, media: MediaFiles, fallbackTitle: string): SlideContent {
	const headingAt = blocks.findIndex((block) => block.kind === "heading");
	const heading = blocks[headingAt];
	const body: TextParagraph[] = [];
	const pictures: LoadedPicture[] = [];
	const tables: Span[][][][] = [];
	const notes: string[] = [];
	const addPicture = (span: Span): void => {
		const image = span.kind === "image" ? images.get(span.path) : undefined;
		if (span.kind === "image" && image) pictures.push({ image, path: span.path });
	};
	const addParagraph = (spans: readonly Span[], bullet: TextParagraph["bullet"], marks: Pick<TextRun, "bold" | "italic"> = {}): void => {
		const runs: TextRun[] = [];
		for (const span of spans) {
			if (span.kind === "image") addPicture(span);
			else runs.push({ ...textRun(span), ...(marks.bold === true ? { bold: true } : {}), ...(marks.italic === true ? { italic: true } : {}) });
		}
		if (runs.length > 0) body.push({ runs, bullet });
	};
	blocks.forEach((block, i) => {
		if (i === headingAt) return;
		switch (block.kind) {
			case "heading":
				addParagraph(block.spans, "none", { bold: true });
				break;
			case "paragraph":
				addParagraph(block.spans, "none");
				break;
			case "quote":
				addParagraph(block.spans, "none", { italic: true });
				break;
			case "item":
				addParagraph(block.spans, { level: block.depth, ordered: block.ordered, start: block.start });
				break;
			case "code":
				for (const line of block.text.split("\n")) body.push({ runs: [{ text: line, code: true }], bullet: "none" });
				break;
			case "table":
				tables.push(block.rows);
				// A table cell holds text only: its images go under the table, with the slide's other pictures.
				for (const row of block.rows) for (const cell of row) cell.forEach(addPicture);
				break;
			case "notes":
				notes.push(block.text);
				break;
			case "rule":
				break;
		}
	});
	const title = heading?.kind === "heading" ? plainText(heading.spans) : fallbackTitle;
	return { title, body, ...placed(body.length, tables, pictures, media), notes: notes.length > 0 ? notes.join("\n\n") : null };
}

interface LoadedPicture {
	image: LoadedImage;
	path: string;
}

/** Tables and pictures go under the text, in the body's area; the body then keeps only the room its lines need. */
function placed(lines: number, tables: Span[][][][], pictures: readonly LoadedPicture[], media: MediaFiles): { bodyBox?: Box; tables: SlideTable[]; pictures: SlidePicture[] } {
	if (tables.length === 0 && pictures.length === 0) return { tables: [], pictures: [] };
	const textHeight = Math.min(lines, MOST_LINES) * LINE;
	let y = BODY_BOX.y + textHeight;
	const placedTables = tables.map((rows) => {
		const box = { x: BODY_BOX.x, y, cx: BODY_BOX.cx, cy: Math.max(1, rows.length) * TABLE_ROW_HEIGHT };
		y += box.cy + GAP;
		return { box, rows: rows.map((row) => row.map((cell) => cell.flatMap((span) => (span.kind === "text" ? [textRun(span)] : [])))) };
	});
	const placedPictures = pictures.map(({ image, path }) => {
		const room = Math.max(EMU_PER_INCH, BODY_BOTTOM - y);
		const size = fitInto(image.info.width, image.info.height, BODY_BOX.cx / EMU_PER_PIXEL, room / EMU_PER_PIXEL);
		const box = { x: BODY_BOX.x, y, cx: size.width * EMU_PER_PIXEL, cy: size.height * EMU_PER_PIXEL };
		y += box.cy + GAP;
		return { box, media: media.nameOf(path, image), description: path.slice(path.lastIndexOf("/") + 1) };
	});
	return { ...(lines > 0 ? { bodyBox: { ...BODY_BOX, cy: textHeight } } : {}), tables: placedTables, pictures: placedPictures };
}

function textRun(span: Extract<Span, { kind: "text" }>): TextRun {
	return {
		text: span.text,
		...(span.bold === true ? { bold: true } : {}),
		...(span.italic === true ? { italic: true } : {}),
		...(span.strike === true ? { strike: true } : {}),
		...(span.code === true ? { code: true } : {}),
		...(span.href !== undefined ? { href: span.href } : {}),
	};
}

/** The deck's images in ppt/media/, each once however many slides show it. */
class MediaFiles {
	readonly files = new Map<string, Uint8Array>();
	private readonly names = new Map<string, string>();

	nameOf(path: string, image: LoadedImage): string {
		const known = this.names.get(path);
		if (known !== undefined) return known;
		const name = `image${this.names.size + 1}.${image.info.type}`;
		this.names.set(path, name);
		this.files.set(name, image.bytes);
		return name;
	}
}
