/**
 * The one place that reaches into MiniSearch's private term index. MiniSearch has no public API for a
 * term's postings or for loading an index piecewise, and both matter here (query planning, loading a large
 * index without freezing the app). minisearch is pinned to an exact version in package.json, and
 * tests/core/index/bulk-index-builder.test.ts and query-plan.test.ts fail if an upgrade changes these internals.
 */
import type MiniSearch from "minisearch";

/** Field id → document short id → term frequency, as MiniSearch keeps it for each term. */
export type TermPostings = Map<number, Map<number, number>>;

interface InternalIndex {
	_index: {
		get(term: string): TermPostings | undefined;
		set(term: string, postings: TermPostings): unknown;
	};
}

export function termIndexOf<T>(search: MiniSearch<T>): InternalIndex["_index"] {
	return (search as unknown as InternalIndex)._index;
}
