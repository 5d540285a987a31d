/** The note as the office exporters see it: blocks of styled text, read from the Markdown syntax tree. */

/** A run of text with its marks; `href` makes it a hyperlink. */
export interface TextSpan {
	kind: "text";
	text: string;
	bold?: boolean;
	italic?: boolean;
	code?: boolean;
	strike?: boolean;
	href?: string;
}

/** An embedded image (`![[chart.png]]`), by its vault path once resolved. */
export interface ImageSpan {
	kind: "image";
	path: string;
	/** As written, for the one sentence when it cannot be read. */
	written: string;
}

export type Span = TextSpan | ImageSpan;

export type Block =
	| { kind: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; spans: Span[] }
	| { kind: "paragraph"; spans: Span[] }
	/**
	 * One item of a list; nested lists follow as items with a greater depth. `list` tells items of different lists
	 * apart; `start` is the number an ordered list counts from (Markdown's `3.` starts at 3; 1 for bullets).
	 */
	| { kind: "item"; ordered: boolean; start: number; depth: number; list: number; spans: Span[] }
	| { kind: "code"; text: string }
	| { kind: "quote"; spans: Span[] }
	/** Speaker notes: a blockquote that starts with "notes:" (or "note:"). */
	| { kind: "notes"; text: string }
	| { kind: "table"; rows: Span[][][] }
	/** A `---` line: a slide break in slides, a section break nowhere else. */
	| { kind: "rule" };

/** The deliverable's provenance, from its properties, for the document properties and the Sources slide or sheet. */
export interface Provenance {
	title: string;
	format: string;
	goal: string | null;
	model: string | null;
	created: string | null;
	workflow: string | null;
	/** The Sources property's entries as titles (links turned into names). */
	sources: string[];
}

export interface ExportDocument {
	blocks: Block[];
	provenance: Provenance;
}

/** The plain text of spans (images left out): headings for slide titles, cells for widths. */
export function plainText(spans: readonly Span[]): string {
	return spans.map((span) => (span.kind === "text" ? span.text : "")).join("");
}

/** Every image the document embeds, each path once. */
export function imagesOf(document: ExportDocument): ImageSpan[] {
	const seen = new Map<string, ImageSpan>();
	const visit = (spans: readonly Span[]): void => {
		for (const span of spans) if (span.kind === "image" && !seen.has(span.path)) seen.set(span.path, span);
	};
	for (const block of document.blocks) {
		if (block.kind === "table") for (const row of block.rows) for (const cell of row) visit(cell);
		else if ("spans" in block) visit(block.spans);
	}
	return [...seen.values()];
}
