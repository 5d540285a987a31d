/** Spans as WordprocessingML runs: marks as run properties, line breaks as `w:br`, links as `w:hyperlink`, images as pictures. */
import type { Span, TextSpan } from "../export-document";
import { fitInto, type LoadedImage } from "../image-size";
import { inlinePictureXml } from "./drawing";
import { xmlText } from "./package";
import type { DocumentRelationships } from "./word-relationships";
import { STYLE } from "./word-styles";

/** Pixels at 96 per inch: an A4 page's text width with 1-inch margins, and a height that leaves room for a caption. */
const MAX_IMAGE_WIDTH = 600;
const MAX_IMAGE_HEIGHT = 800;

/** What runs need from the document being written: relationships for links and images, and unique picture ids. */
export interface RunContext {
	relationships: DocumentRelationships;
	images: ReadonlyMap<string, LoadedImage>;
	nextPictureId(): number;
}

export type RunMarks = Omit<TextSpan, "kind" | "text" | "href">;

export function runsXml(spans: readonly Span[], context: RunContext): string {
	return spans
		.map((span) => {
			if (span.kind === "image") return pictureRunXml(span.path, context);
			const run = textRunXml(span.text, span, span.href !== undefined);
			if (span.href === undefined) return run;
			return `<w:hyperlink r:id="${context.relationships.hyperlink(span.href)}" w:history="1">${run}</w:hyperlink>`;
		})
		.join("");
}

/** One run; its properties in the schema's order (rStyle, rFonts, b, i, strike), Word repairs a file otherwise. */
export function textRunXml(text: string, marks: RunMarks, hyperlink = false): string {
	const properties =
		(hyperlink ? `<w:rStyle w:val="${STYLE.hyperlink}"/>` : "") +
		(marks.code === true ? `<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/>` : "") +
		(marks.bold === true ? "<w:b/>" : "") +
		(marks.italic === true ? "<w:i/>" : "") +
		(marks.strike === true ? "<w:strike/>" : "");
	const content = text
		.split(/\r?\n/)
		.map((line) => line.split("\t").map(textXml).join("<w:tab/>"))
		.join("<w:br/>");
	return `<w:r>${properties === "" ? "" : `<w:rPr>${properties}</w:rPr>`}${content}</w:r>`;
}

function textXml(text: string): string {
	return text === "" ? "" : `<w:t xml:space="preserve">${xmlText(text)}</w:t>`;
}

function pictureRunXml(path: string, context: RunContext): string {
	const image = context.images.get(path);
	// The exporter loads every image before writing; one missing here was left out on purpose by the caller.
	if (image === undefined) return "";
	const size = fitInto(image.info.width, image.info.height, MAX_IMAGE_WIDTH, MAX_IMAGE_HEIGHT);
	const relationshipId = context.relationships.image(path, image);
	return `<w:r>${inlinePictureXml({ relationshipId, id: context.nextPictureId(), description: path, ...size })}</w:r>`;
}
