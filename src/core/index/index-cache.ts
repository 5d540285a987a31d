/**
 * The persisted index, stored as a small head plus numbered parts of about half a megabyte each: note
 * entries, document tables and terms. One file of 40 MB took 400 ms to parse and 160 ms to write on a
 * 10k-note vault, freezing the app; a part is parsed or written within one time slice.
 *
 * The note entries come first, in parts of their own (the head says how many): a start with nothing changed
 * needs only them to compare fingerprints, and loads the search index (the larger part by far) only when a
 * search or a change needs it (see VaultIndex.refreshNotes).
 *
 * The terms follow twice: once as a plain list (in the index's own order), then their postings in buckets, one
 * part per bucket, chosen by a hash of the term (term-buckets.ts). A search in a fresh process (`coworker
 * search`) reads the list, works out which terms its query can match (the terms themselves, the unfinished last
 * word's longer forms, those a typo away) and reads only their buckets (see readIndexCacheNotes's loadSearchFor).
 *
 * Each save writes its parts under a new generation's names and the head last, then removes the parts of the
 * generation its head replaced (never those of a save still under way in another process): a save cut off midway (Obsidian quitting during the save at unload) leaves the
 * previous head and its parts intact, so the next start is still warm.
 */
import MiniSearch from "minisearch";
import type { Clock } from "../ports/clock";
import type { KeyValueStore } from "../ports/key-value-store";
import { TimeSlicer } from "../ports/time-slicer";
import type { NoteProblem } from "../notes/parsed-note";
import type { SectionDocument } from "./section-documents";
import { INDEX_SCHEMA_VERSION, MINISEARCH_OPTIONS } from "./search-options";
import { documentsFromPairs, installDocuments, pairsOf, termIndexOf, documentTablesOf, type DocumentTables, type TermPostings } from "./minisearch-internals";
import { bucketCountFor, bucketOf } from "./term-buckets";
import { termsAQueryCanMatch } from "./query-terms";

/** What the index knows about one note file, kept so a restart re-reads only files whose fingerprint moved. */
export interface NoteEntry {
	mtime: number;
	size: number;
	title: string;
	/** How many section documents the note has in the index (ids `${path}#0` … `#docs-1`). */
	docs: number;
	status: "indexed" | "private" | "excluded-tag" | "skipped";
	/** The note's tags (lower case, without `#`), kept for indexed notes that have any so tag sources need no reading. */
	tags?: string[];
	/** The note's `coworker` property (`workflow`, `deliverable`) when it has one, so workflows are found without reading every note. */
	coworker?: string;
	/** Problems found when the note was read, repeated in every summary while the file is unchanged. */
	problems?: NoteProblem[];
}

/** The head: small, written last, naming the generation every part must carry. */
interface CacheHead {
	schema: number;
	settingsKey: string;
	/** Changes at every save; a part from another save means the cache was cut off mid-write. */
	generation: string;
	parts: number;
	/** Parts in order: note entries, document tables, the term list, then one part per term bucket. */
	noteParts: number;
	documentParts: number;
	termListParts: number;
	termBuckets: number;
	documentCount: number;
	averageFieldLength: number[];
}

type CachePart =
	| { generation: string; kind: "notes"; entries: [string, NoteEntry][] }
	| { generation: string; kind: "documents"; entries: [number, string, number[], Record<string, unknown>][] }
	| { generation: string; kind: "term-list"; entries: string[] }
	| { generation: string; kind: "terms"; entries: [string, [number, number[]][]][] };

export type CacheLoad =
	| { kind: "loaded"; notes: Map<string, NoteEntry>; search: MiniSearch<SectionDocument> }
	| { kind: "missing" }
	| { kind: "discarded"; reason: string };

/** The search index of a cache whose notes were read first: loaded, or discarded (a part gone or damaged since). */
export type SearchLoad = { kind: "loaded"; search: MiniSearch<SectionDocument> } | { kind: "discarded"; reason: string };

/** A cache's note entries, with the means to load its search index later. */
export type NotesLoad =
	| {
			kind: "loaded";
			notes: Map<string, NoteEntry>;
			loadSearch: () => Promise<SearchLoad>;
			/** An index holding only what `query` can match: ranks that query exactly as the whole index would, and nothing else. */
			loadSearchFor: (query: string) => Promise<SearchLoad>;
	  }
	| { kind: "missing" }
	| { kind: "discarded"; reason: string };

/**
 * What a cache is written from when it is not a live index: a bulk build whose live index was not made yet
 * (BulkIndexBuilder.contents), so a rebuild that only saves never makes MiniSearch's maps. `P` is the source's
 * own form of a term's postings; what is written is the same as for the live index the source would build.
 */
export interface IndexContents<P> {
	documentCount: number;
	documents: DocumentTables;
	/** Every term, in the order the live index walks them (its tree's order), with its postings. */
	terms: readonly (readonly [string, P])[];
	/** A term's postings as the cache stores them: `[fieldId, [shortId, frequency, …]]` for each field it occurs in, by field id. */
	fieldsOf(postings: P): [number, number[]][];
	/** How many documents hold the term in each field it occurs in. */
	documentCounts(postings: P): Iterable<number>;
}

/** A live index as {@link IndexContents}; one walk of MiniSearch's term tree (each walk and each lookup in it is slow at 80,000 terms). */
function contentsOfSearch(search: MiniSearch<SectionDocument>): IndexContents<TermPostings> {
	return {
		documentCount: search.documentCount,
		documents: documentTablesOf(search),
		terms: [...termIndexOf(search)],
		fieldsOf: (postings) => [...postings].map(([fieldId, documents]) => [fieldId, pairsOf(documents)]),
		documentCounts: (postings) => [...postings.values()].map((documents) => documents.size),
	};
}

/** About this many characters per part: parsed in a few milliseconds. */
const PART_CHARS = 500_000;

export function partKey(cacheKey: string, generation: string, part: number): string {
	return `${partPrefix(cacheKey)}${generation}-${part}.json`;
}

function partPrefix(cacheKey: string): string {
	return cacheKey.replace(/\.json$/, "") + "-";
}

/**
 * Writes the index through the store: the new generation's parts first, then the head, then removes every
 * other generation's parts. Returns the number of parts and the characters written.
 */
export async function writeIndexCache<P>(
	store: KeyValueStore,
	cacheKey: string,
	settingsKey: string,
	notes: Map<string, NoteEntry>,
	index: MiniSearch<SectionDocument> | IndexContents<P>,
	clock: Clock,
	sliceMs: number,
	partChars = PART_CHARS,
): Promise<{ parts: number; chars: number }> {
	return index instanceof MiniSearch ? writeContents(store, cacheKey, settingsKey, notes, contentsOfSearch(index), clock, sliceMs, partChars) : writeContents(store, cacheKey, settingsKey, notes, index, clock, sliceMs, partChars);
}

async function writeContents<P>(
	store: KeyValueStore,
	cacheKey: string,
	settingsKey: string,
	notes: Map<string, NoteEntry>,
	contents: IndexContents<P>,
	clock: Clock,
	sliceMs: number,
	partChars: number,
): Promise<{ parts: number; chars: number }> {
	const generation = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
	const slicer = new TimeSlicer(clock, sliceMs);
	let parts = 0;
	let chars = 0;
	let kind: CachePart["kind"] = "notes";
	let pending: string[] = [];
	let pendingChars = 0;
	const flush = async (evenEmpty = false): Promise<void> => {
		if (pending.length === 0 && !evenEmpty) return;
		const text = `{"generation":${JSON.stringify(generation)},"kind":"${kind}","entries":[${pending.join(",")}]}`;
		pending = [];
		pendingChars = 0;
		await store.write(partKey(cacheKey, generation, parts++), text);
		chars += text.length;
	};
	const add = async (partKind: CachePart["kind"], entry: unknown): Promise<void> => {
		if (partKind !== kind) {
			await flush();
			kind = partKind;
		}
		const json = JSON.stringify(entry);
		pending.push(json);
		pendingChars += json.length;
		if (pendingChars >= partChars) await flush();
		if (slicer.due) await slicer.yieldNow();
	};
	for (const entry of notes) await add("notes", entry);
	await flush();
	const noteParts = parts;
	const tables = contents.documents;
	for (const [shortId, id] of tables.documentIds) {
		await add("documents", [shortId, id, tables.fieldLength.get(shortId) ?? [], tables.storedFields.get(shortId) ?? {}]);
	}
	await flush();
	const documentParts = parts - noteParts;
	const termEntries = contents.terms;
	const termBuckets = bucketCountFor(termEntries.length, estimatedTermChars(contents), partChars);
	const buckets: (readonly [string, P])[][] = Array.from({ length: termBuckets }, () => []);
	for (const entry of termEntries) {
		await add("term-list", entry[0]);
		buckets[bucketOf(entry[0], termBuckets)]?.push(entry);
	}
	await flush();
	const termListParts = parts - noteParts - documentParts;
	kind = "terms";
	for (const bucket of buckets) {
		for (const [term, postings] of bucket) {
			pending.push(JSON.stringify([term, contents.fieldsOf(postings)]));
			if (slicer.due) await slicer.yieldNow();
		}
		// One part per bucket, even an empty one, so a term's bucket number says which part to read.
		await flush(true);
	}
	const head: CacheHead = {
		schema: INDEX_SCHEMA_VERSION,
		settingsKey,
		generation,
		parts,
		noteParts,
		documentParts,
		termListParts,
		termBuckets,
		documentCount: contents.documentCount,
		averageFieldLength: tables.averageFieldLength,
	};
	const headText = JSON.stringify(head);
	const replaced = generationOf(await store.read(cacheKey));
	await store.write(cacheKey, headText);
	await removeUnreferencedParts(store, cacheKey, generation, replaced);
	return { parts, chars: chars + headText.length };
}

/** About how many characters the terms' entries take as JSON (a short id, a frequency and two commas per posting), without writing them twice. */
function estimatedTermChars<P>(contents: IndexContents<P>): number {
	const perPosting = String(Math.max(contents.documentCount, 1)).length + 3;
	let chars = 0;
	for (const [term, postings] of contents.terms) {
		chars += term.length + 8;
		for (const documents of contents.documentCounts(postings)) chars += 8 + documents * perPosting;
	}
	return chars;
}

/** A save still writing its parts after this long is taken for dead (a killed process), and its parts for litter. */
const ABANDONED_SAVE_MS = 10 * 60_000;

/**
 * Another process may be saving at the same moment (two `coworker index` runs), its parts written but its head
 * not yet: removing "every other generation" would pull its parts from under it. So a save removes only the
 * generation its head replaced, and parts of saves begun long ago that no head names.
 */
async function removeUnreferencedParts(store: KeyValueStore, cacheKey: string, ours: string, replaced: string | null): Promise<void> {
	const prefix = partPrefix(cacheKey);
	const current = generationOf(await store.read(cacheKey));
	for (const key of await store.list()) {
		if (!key.startsWith(prefix)) continue;
		const generation = key.slice(prefix.length).replace(/-\d+\.json$/, "");
		if (generation === ours || generation === current) continue;
		const begun = parseInt(generation.split("-")[0] ?? "", 36);
		if (generation === replaced || !Number.isFinite(begun) || Date.now() - begun > ABANDONED_SAVE_MS) await store.remove(key);
	}
}

function generationOf(headText: string | null): string | null {
	if (headText === null) return null;
	try {
		const head = JSON.parse(headText) as Partial<CacheHead> | null;
		return typeof head?.generation === "string" ? head.generation : null;
	} catch {
		return null;
	}
}

/**
 * Reads a cache written by {@link writeIndexCache}, notes and search index; when a part went missing because
 * another process saved a newer cache meanwhile (its head changed under the read), reads that one instead.
 */
export async function readIndexCache(store: KeyValueStore, cacheKey: string, settingsKey: string, clock: Clock, sliceMs: number): Promise<CacheLoad> {
	for (let attempt = 1; ; attempt++) {
		const raw = await store.read(cacheKey);
		const notes = await readNotesFrom(raw, store, cacheKey, settingsKey, clock, sliceMs);
		const load: CacheLoad = notes.kind === "loaded" ? withSearch(notes.notes, await notes.loadSearch()) : notes;
		if (load.kind !== "discarded" || attempt >= 3 || (await store.read(cacheKey)) === raw) return load;
	}
}

/**
 * Reads only the note entries of a cache (retrying like {@link readIndexCache}); its search index is read when
 * `loadSearch` is called. If another save replaced the cache in between, that load is discarded.
 */
export async function readIndexCacheNotes(store: KeyValueStore, cacheKey: string, settingsKey: string, clock: Clock, sliceMs: number): Promise<NotesLoad> {
	for (let attempt = 1; ; attempt++) {
		const raw = await store.read(cacheKey);
		const load = await readNotesFrom(raw, store, cacheKey, settingsKey, clock, sliceMs);
		if (load.kind !== "discarded" || attempt >= 3 || (await store.read(cacheKey)) === raw) return load;
	}
}

function withSearch(notes: Map<string, NoteEntry>, search: SearchLoad): CacheLoad {
	return search.kind === "loaded" ? { kind: "loaded", notes, search: search.search } : search;
}

/** One part of the head's generation, parsed and checked, or why it cannot be used. */
async function readPart(store: KeyValueStore, cacheKey: string, head: CacheHead, i: number): Promise<CachePart | string> {
	const text = await store.read(partKey(cacheKey, head.generation, i));
	if (text === null) return `part ${i} of the cache is missing`;
	let part: CachePart;
	try {
		part = JSON.parse(text) as CachePart;
	} catch {
		return `part ${i} of the cache is not valid JSON`;
	}
	if (part.generation !== head.generation) return `part ${i} of the cache belongs to another save`;
	if (part.kind !== partKindAt(head, i)) return `part ${i} of the cache is not where the head says`;
	return part;
}

function partKindAt(head: CacheHead, i: number): CachePart["kind"] {
	if (i < head.noteParts) return "notes";
	if (i < head.noteParts + head.documentParts) return "documents";
	return i < head.noteParts + head.documentParts + head.termListParts ? "term-list" : "terms";
}

/**
 * Reads the head and the note entries of a cache written by {@link writeIndexCache}. Anything unexpected (bad
 * JSON, another schema, other exclusion settings, a part missing or from another save, counts that do not add
 * up) discards it with a reason: a cache is never trusted blindly.
 */
async function readNotesFrom(raw: string | null, store: KeyValueStore, cacheKey: string, settingsKey: string, clock: Clock, sliceMs: number): Promise<NotesLoad> {
	if (raw === null) return { kind: "missing" };
	let head: Partial<CacheHead>;
	try {
		head = JSON.parse(raw) as Partial<CacheHead>;
	} catch {
		return { kind: "discarded", reason: "the cache file is not valid JSON" };
	}
	if (head === null || typeof head !== "object") return { kind: "discarded", reason: "the cache file is not an index cache" };
	if (head.schema !== INDEX_SCHEMA_VERSION) return { kind: "discarded", reason: `the cache has schema ${String(head.schema)}, this version uses ${INDEX_SCHEMA_VERSION}` };
	if (head.settingsKey !== settingsKey) return { kind: "discarded", reason: "the exclusion settings changed since the cache was written" };
	const counts = [head.parts, head.noteParts, head.documentParts, head.termListParts, head.termBuckets];
	if (counts.some((count) => typeof count !== "number" || !Number.isInteger(count) || count < 0) || head.parts !== (head.noteParts ?? 0) + (head.documentParts ?? 0) + (head.termListParts ?? 0) + (head.termBuckets ?? 0) || typeof head.generation !== "string" || typeof head.documentCount !== "number" || !Array.isArray(head.averageFieldLength)) {
		return { kind: "discarded", reason: "the cache file is incomplete" };
	}
	const complete = head as CacheHead;
	const slicer = new TimeSlicer(clock, sliceMs);
	const notes = new Map<string, NoteEntry>();
	for (let i = 0; i < complete.noteParts; i++) {
		const part = await readPart(store, cacheKey, complete, i);
		if (typeof part === "string") return { kind: "discarded", reason: part };
		if (part.kind === "notes") for (const [path, entry] of part.entries) notes.set(path, entry);
		if (slicer.due) await slicer.yieldNow();
	}
	let expected = 0;
	for (const entry of notes.values()) expected += entry.docs;
	if (expected !== complete.documentCount) return { kind: "discarded", reason: "the cached index does not match its list of notes" };
	return {
		kind: "loaded",
		notes,
		loadSearch: () => readSearchFrom(complete, store, cacheKey, clock, sliceMs),
		loadSearchFor: (query) => readSearchFrom(complete, store, cacheKey, clock, sliceMs, query),
	};
}

/**
 * Reads the document tables and terms of the cache whose head and notes {@link readNotesFrom} read: every term,
 * or, given a query, only the terms it can match, from the buckets they fall in.
 */
async function readSearchFrom(head: CacheHead, store: KeyValueStore, cacheKey: string, clock: Clock, sliceMs: number, query?: string): Promise<SearchLoad> {
	const slicer = new TimeSlicer(clock, sliceMs);
	const read = async (i: number): Promise<CachePart | string> => {
		const part = await readPart(store, cacheKey, head, i);
		if (slicer.due) await slicer.yieldNow();
		return part;
	};
	const documentIds = new Map<number, string>();
	const fieldLength = new Map<number, number[]>();
	const storedFields = new Map<number, Record<string, unknown>>();
	const listStart = head.noteParts + head.documentParts;
	for (let i = head.noteParts; i < listStart; i++) {
		const part = await read(i);
		if (typeof part === "string") return { kind: "discarded", reason: part };
		if (part.kind !== "documents") continue;
		for (const [shortId, id, lengths, stored] of part.entries) {
			documentIds.set(shortId, id);
			fieldLength.set(shortId, lengths);
			storedFields.set(shortId, stored);
		}
	}
	if (documentIds.size !== head.documentCount) return { kind: "discarded", reason: "the cached index does not match its list of notes" };
	const vocabulary: string[] = [];
	for (let i = listStart; i < listStart + head.termListParts; i++) {
		const part = await read(i);
		if (typeof part === "string") return { kind: "discarded", reason: part };
		if (part.kind === "term-list") for (const term of part.entries) vocabulary.push(term);
	}
	const wanted = query === undefined ? null : termsAQueryCanMatch(query, vocabulary);
	const buckets = wanted === null ? Array.from({ length: head.termBuckets }, (_, bucket) => bucket) : [...new Set([...wanted].map((term) => bucketOf(term, head.termBuckets)))].sort((a, b) => a - b);
	const found = new Map<string, TermPostings>();
	const bucketStart = head.parts - head.termBuckets;
	for (const bucket of buckets) {
		const part = await read(bucketStart + bucket);
		if (typeof part === "string") return { kind: "discarded", reason: part };
		if (part.kind !== "terms") continue;
		for (const [term, fields] of part.entries) {
			if (bucketOf(term, head.termBuckets) !== bucket) return { kind: "discarded", reason: `part ${bucketStart + bucket} of the cache holds a term of another part` };
			if (wanted !== null && !wanted.has(term)) continue;
			found.set(term, new Map(fields.map(([fieldId, flat]) => [fieldId, documentsFromPairs(flat)])));
			if (slicer.due) await slicer.yieldNow();
		}
	}
	// Terms go into the index in the order it held them, so every walk over them (prefixes, typos) meets them in the same order.
	const search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
	const terms = termIndexOf(search);
	for (const term of vocabulary) {
		if (wanted !== null && !wanted.has(term)) continue;
		const postings = found.get(term);
		if (!postings) return { kind: "discarded", reason: "the cache lists a term it holds no postings for" };
		terms.set(term, postings);
		if (slicer.due) await slicer.yieldNow();
	}
	if (wanted === null && found.size !== vocabulary.length) return { kind: "discarded", reason: "the cache holds postings for terms it does not list" };
	installDocuments(search, { documentIds, fieldLength, storedFields, averageFieldLength: head.averageFieldLength });
	return { kind: "loaded", search };
}
