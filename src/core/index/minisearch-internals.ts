/**
 * The one place that reaches into MiniSearch's private term index. MiniSearch has no public API for a
 * term's postings or for loading an index piecewise, and both matter here (query planning, loading a large
 * index without freezing the app). minisearch is pinned to an exact version in package.json, and
 * tests/core/index/bulk-index-builder.test.ts, index-cache.test.ts and query-plan.test.ts fail if an upgrade changes
 * these internals.
 */
import type MiniSearch from "minisearch";
import type { AsPlainObject } from "minisearch";

/** Field id → document short id → term frequency, as MiniSearch keeps it for each term. */
export type TermPostings = Map<number, Map<number, number>>;

interface InternalIndex {
	_index: {
		get(term: string): TermPostings | undefined;
		set(term: string, postings: TermPostings): unknown;
		[Symbol.iterator](): Iterator<[string, TermPostings]>;
	};
	_documentCount: number;
	_nextId: number;
	_documentIds: Map<number, unknown>;
	_fieldIds: Record<string, number>;
	_fieldLength: Map<number, number[]>;
	_avgFieldLength: number[];
	_storedFields: Map<number, unknown>;
	_dirtCount: number;
}

export function termIndexOf<T>(search: MiniSearch<T>): InternalIndex["_index"] {
	return (search as unknown as InternalIndex)._index;
}

/** Everything `MiniSearch.toJSON` writes except the term index, which callers serialise in slices. */
export function indexSkeletonOf<T>(search: MiniSearch<T>): Omit<AsPlainObject, "index"> {
	const internal = search as unknown as InternalIndex;
	return {
		documentCount: internal._documentCount,
		nextId: internal._nextId,
		documentIds: Object.fromEntries(internal._documentIds),
		fieldIds: internal._fieldIds,
		fieldLength: Object.fromEntries(internal._fieldLength),
		averageFieldLength: internal._avgFieldLength,
		storedFields: Object.fromEntries(internal._storedFields),
		dirtCount: internal._dirtCount,
		serializationVersion: 2,
	};
}
