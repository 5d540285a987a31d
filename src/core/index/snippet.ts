/** A short excerpt of a section around the first word that matched the query. */
import { termOf, tokenizeWithOffsets } from "./text-analysis";

const SNIPPET_CHARS = 180;

/**
 * The part of `text` around the first word whose index term is in `matchedTerms`, trimmed to word
 * boundaries, with markdown noise flattened; the opening of the text when no word matches.
 */
export function snippetOf(text: string, matchedTerms: ReadonlySet<string>): string {
	const flat = flatten(text);
	if (flat.length <= SNIPPET_CHARS) return flat;
	const hit = tokenizeWithOffsets(flat).find(({ word }) => {
		const term = termOf(word);
		return term !== null && (matchedTerms.has(term) || [...matchedTerms].some((t) => t.startsWith(term) || term.startsWith(t)));
	});
	let start = hit ? Math.max(0, hit.offset - Math.floor(SNIPPET_CHARS / 3)) : 0;
	if (start > 0) {
		const space = flat.indexOf(" ", start);
		start = space >= 0 && space < (hit?.offset ?? start) ? space + 1 : start;
	}
	let end = Math.min(flat.length, start + SNIPPET_CHARS);
	if (end < flat.length) {
		const space = flat.lastIndexOf(" ", end);
		if (space > start) end = space;
	}
	return `${start > 0 ? "…" : ""}${flat.slice(start, end).trim()}${end < flat.length ? "…" : ""}`;
}

/** Reads like text: link brackets, emphasis marks and runs of whitespace removed. */
function flatten(text: string): string {
	return text
		.replace(/!?\[\[([^\]|]*\|)?([^\]]*)\]\]/g, "$2")
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
		.replace(/^[ \t]*(?:[-*+]|\d+\.)\s+(?:\[.\]\s+)?/gm, "")
		.replace(/^[ \t]*>\s?/gm, "")
		.replace(/[*_~=`]{1,3}/g, "")
		.replace(/\s+/g, " ")
		.trim();
}
