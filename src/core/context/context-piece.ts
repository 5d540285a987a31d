/** One labelled piece of context as the model sees it, and the whole assembled context. */

export interface ContextPiece {
	/** `resource`: an MCP resource, whole or a section of it. */
	kind: "selection" | "memory" | "note" | "section" | "table" | "resource";
	/** The file it came from (an MCP resource's `server/uri`); null for a selection with no note behind it. */
	path: string | null;
	/** What the model must write to cite this piece: a wikilink (`[[Project Alpha#Risks]]`), or an MCP resource's `server/uri`; null when it cannot be cited. */
	cite: string | null;
	/** The text as sent, without the label around it. */
	text: string;
	tokens: number;
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

/** How a piece is framed in the prompt: a tag the model can see the citation link on. */
export function renderPiece(piece: ContextPiece): string {
	const cite = piece.cite ? ` cite="${piece.cite}"` : "";
	return `<source kind="${piece.kind}"${cite}>\n${piece.text.trim()}\n</source>`;
}

/** Characters that end or split a wikilink cannot appear in its heading part; Obsidian's own links drop them too. */
export function linkableHeading(heading: string): string {
	return heading
		.replace(/[[\]|#^:\\]/g, " ")
		.replace(/\s+/g, " ")
		.trim();
}
