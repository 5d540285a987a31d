/** One labelled piece of context as the model sees it, and the whole assembled context. */
import { attributeValue, neutraliseDelimiters } from "./source-delimiters";

export interface ContextPiece {
	/**
	 * `resource`: an MCP resource, whole or a section of it. `deliverable`: the coworker's own earlier output
	 * (whole or a section), never a primary source.
	 */
	kind: "selection" | "memory" | "note" | "section" | "table" | "resource" | "deliverable";
	/** The file it came from (an MCP resource's `server/uri`); null for a selection with no note behind it. */
	path: string | null;
	/** What the model must write to cite this piece: a wikilink (`[[Project Alpha#Risks]]`), or an MCP resource's `server/uri`; null when it cannot be cited. */
	cite: string | null;
	/** The text as sent, without the label around it. */
	text: string;
	tokens: number;
	/** For kind `deliverable`: what the model is told about it. */
	earlier?: EarlierOutput;
}

/** How an earlier deliverable is labelled: its review status, its date, and whether it is this workflow's previous one. */
export interface EarlierOutput {
	/** `approved`, `draft`, `changes-requested`, or `unknown` when the property is missing. */
	status: string;
	/** The local date it was written (`2026-11-30`), or null when its `created` property is missing. */
	date: string | null;
	/** The previous deliverable of the workflow being run: its reference, whatever its status. */
	previous: boolean;
}

export interface AssembledContext {
	/** In the order they are sent: selection, memory, tables, then notes and MCP resources by relevance. */
	pieces: ContextPiece[];
	/** Every file (and MCP resource, by `server/uri`) at least part of which is sent, in order of first appearance: what the deliverable lists as its sources. */
	sources: string[];
	/** Sources that did not fit (and partial notes), one sentence each. */
	omitted: string[];
	tokens: number;
}

/**
 * How a piece is framed in the prompt: a tag the model can see the citation link on. The text is neutralised
 * (see source-delimiters.ts) so it cannot close its block or open another; pieces are priced as rendered here.
 */
export function renderPiece(piece: ContextPiece): string {
	const attributes = [`kind="${piece.kind}"`];
	if (piece.earlier) {
		if (piece.earlier.previous) attributes.push('role="previous"');
		attributes.push(`status="${attributeValue(piece.earlier.status)}"`);
		if (piece.earlier.date) attributes.push(`date="${piece.earlier.date}"`);
	}
	if (piece.cite) attributes.push(`cite="${attributeValue(piece.cite)}"`);
	return `<source ${attributes.join(" ")}>\n${neutraliseDelimiters(piece.text.trim())}\n</source>`;
}

/** Characters that end or split a wikilink cannot appear in its heading part; Obsidian's own links drop them too. */
export function linkableHeading(heading: string): string {
	return heading
		.replace(/[[\]|#^:\\]/g, " ")
		.replace(/\s+/g, " ")
		.trim();
}
