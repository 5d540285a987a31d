/** How common an index term is, read from MiniSearch's own postings, so queries can skip terms that say nothing. */
import type MiniSearch from "minisearch";
import type { SectionDocument } from "./section-documents";
import { termIndexOf } from "./minisearch-internals";

/**
 * In how many documents `term` occurs (in its most frequent field). Discarded documents still count until
 * MiniSearch vacuums them, which only overstates a little.
 */
export function documentFrequency(search: MiniSearch<SectionDocument>, term: string): number {
	const fields = termIndexOf(search).get(term);
	if (!fields) return 0;
	let most = 0;
	for (const documents of fields.values()) most = Math.max(most, documents.size);
	return most;
}
