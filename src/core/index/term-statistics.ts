/** How common an index term is, read from MiniSearch's own postings, so queries can skip terms that say nothing. */
import type MiniSearch from "minisearch";
import type { SectionDocument } from "./section-documents";

/** The shape of MiniSearch's private term index: term → field id → document short id → frequency. */
interface PostingsView {
	_index: { get(term: string): Map<number, Map<number, number>> | undefined };
}

/**
 * In how many documents `term` occurs (in its most frequent field). MiniSearch has no public API for this,
 * so this reads its internal `_index`; minisearch is pinned to an exact version in package.json, and
 * tests/core/index/term-statistics.test.ts fails if an upgrade changes the internals. Discarded documents
 * still count until MiniSearch vacuums them, which only overstates a little.
 */
export function documentFrequency(search: MiniSearch<SectionDocument>, term: string): number {
	const fields = (search as unknown as PostingsView)._index.get(term);
	if (!fields) return 0;
	let most = 0;
	for (const documents of fields.values()) most = Math.max(most, documents.size);
	return most;
}
