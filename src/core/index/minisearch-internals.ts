/**
 * The one place that reaches into MiniSearch's private term index. MiniSearch has no public API for a
 * term's postings or for loading an index piecewise, and both matter here (query planning, loading a large
 * index without freezing the app). minisearch is pinned to an exact version in package.json, and
 * tests/core/index/bulk-index-builder.test.ts, index-cache.test.ts and query-plan.test.ts fail if an upgrade changes
 * these internals (they compare what goes through here with MiniSearch's own add and toJSON).
 */
import type MiniSearch from "minisearch";
import { PendingDocuments } from "./pending-documents";

/** Field id → document short id → term frequency, as MiniSearch keeps it for each term. */
export type TermPostings = Map<number, Map<number, number>>;

interface InternalIndex {
	_index: {
		get(term: string): TermPostings | undefined;
		atPrefix(prefix: string): Iterable<[string, TermPostings]>;
		fuzzyGet(term: string, maxEditDistance: number): Map<string, [TermPostings, number]>;
		set(term: string, postings: TermPostings): unknown;
		readonly size: number;
		[Symbol.iterator](): Iterator<[string, TermPostings]>;
	};
	_documentCount: number;
	_nextId: number;
	_documentIds: Map<number, unknown>;
	_idToShortId: Map<unknown, number>;
	_fieldIds: Record<string, number>;
	_fieldLength: Map<number, number[]>;
	_avgFieldLength: number[];
	_storedFields: Map<number, unknown>;
	_dirtCount: number;
}

export function termIndexOf<T>(search: MiniSearch<T>): InternalIndex["_index"] {
	return (search as unknown as InternalIndex)._index;
}

/** What BM25F scoring (field-scoring.ts) reads of an index: postings, field lengths and counts, none copied. */
export interface ScoringView {
	fieldIds: Readonly<Record<string, number>>;
	fieldLength: ReadonlyMap<number, readonly number[]>;
	averageFieldLength: readonly number[];
	/** Live documents (discarded ones are no longer counted). */
	documentCount: number;
	postingsOf(term: string): TermPostings | undefined;
	/** Terms that start with `prefix`, itself included when indexed. */
	withPrefix(prefix: string): Iterable<[string, TermPostings]>;
	/** Terms within `distance` edits of `term`, with their distance. */
	withinEdits(term: string, distance: number): Iterable<[string, TermPostings, number]>;
}

export function scoringViewOf<T>(search: MiniSearch<T>): ScoringView {
	const internal = search as unknown as InternalIndex;
	const index = internal._index;
	return {
		fieldIds: internal._fieldIds,
		fieldLength: internal._fieldLength,
		averageFieldLength: internal._avgFieldLength,
		documentCount: internal._documentCount,
		postingsOf: (term) => index.get(term),
		withPrefix: (prefix) => index.atPrefix(prefix),
		withinEdits: function* (term, distance) {
			if (distance <= 0) return;
			for (const [near, [postings, edits]] of index.fuzzyGet(term, distance)) yield [near, postings, edits];
		},
	};
}

/** The stored fields of a live document (path, ordinal, heading, line), or undefined once it is discarded. */
export function storedFieldsOf<T>(search: MiniSearch<T>, shortId: number): Record<string, unknown> | undefined {
	return (search as unknown as InternalIndex)._storedFields.get(shortId) as Record<string, unknown> | undefined;
}

/** The document tables of an index (read, not copied), for writing them out piece by piece. */
export function documentTablesOf<T>(search: MiniSearch<T>): DocumentTables {
	const internal = search as unknown as InternalIndex;
	return {
		documentIds: internal._documentIds as Map<number, string>,
		fieldLength: internal._fieldLength,
		storedFields: internal._storedFields as Map<number, Record<string, unknown>>,
		averageFieldLength: internal._avgFieldLength,
		idToShortId: internal._idToShortId as Map<string, number>,
	};
}

/** Each live document's short id by its id (read, not copied). */
export function shortIdsOf<T>(search: MiniSearch<T>): ReadonlyMap<string, number> {
	return (search as unknown as InternalIndex)._idToShortId as Map<string, number>;
}

/** The short id MiniSearch gives the next document it adds: past every one given so far, discarded ones included. */
export function nextIdOf<T>(search: MiniSearch<T>): number {
	return (search as unknown as InternalIndex)._nextId;
}

/** The per-document tables of an index, as MiniSearch keeps them, for {@link installDocuments}. */
export interface DocumentTables {
	documentIds: Map<number, string>;
	fieldLength: Map<number, number[]>;
	storedFields: Map<number, Record<string, unknown>>;
	averageFieldLength: number[];
	/** When the tables hold only some of the documents (those one query can reach): how many the index has. */
	documentCount?: number;
	/** The short id for the next document added, when short ids are not 0 … size − 1 (some were discarded before a save). */
	nextId?: number;
	/**
	 * The inverse of `documentIds`, which every maker fills along the way (section-tables.ts): made in one go when
	 * installing, it was 15–20 ms at 45,000 sections in one stretch, the longest of a warm start.
	 */
	idToShortId: Map<string, number>;
}

/**
 * Gives a freshly constructed, empty index the document tables of a bulk build, as `loadJS` would, but
 * without converting them from plain objects in one long synchronous step.
 */
export function installDocuments<T>(search: MiniSearch<T>, tables: DocumentTables): void {
	const internal = search as unknown as InternalIndex;
	internal._documentIds = tables.documentIds;
	internal._idToShortId = tables.idToShortId;
	internal._fieldLength = tables.fieldLength;
	internal._storedFields = tables.storedFields;
	internal._avgFieldLength = tables.averageFieldLength;
	internal._documentCount = tables.documentCount ?? tables.documentIds.size;
	internal._nextId = tables.nextId ?? tables.documentIds.size;
	internal._dirtCount = 0;
}

/** A term's documents in one field as `[shortId, frequency, shortId, frequency, …]`, in the map's order, without filling a map still pending. */
export function pairsOf(documents: Map<number, number>): number[] {
	const pending = documents instanceof PendingDocuments ? documents.pendingPairs() : null;
	if (pending !== null) return pending;
	const pairs: number[] = [];
	for (const [shortId, frequency] of documents) pairs.push(shortId, frequency);
	return pairs;
}
