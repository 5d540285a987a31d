/**
 * The persisted index, stored as a small head plus numbered parts of about half a megabyte each: note
 * entries, document tables and terms. One file of 40 MB took 400 ms to parse and 160 ms to write on a
 * 10k-note vault, freezing the app; a part is parsed or written within one time slice.
 *
 * The note entries come first, in parts of their own (the head says how many): a start with nothing changed
 * needs only them to compare fingerprints, and loads the search index (the larger part by far) only when a
 * search or a change needs it (see VaultIndex.refreshNotes). Notes and sections are stored in columns
 * (cache-note-columns.ts, cache-document-columns.ts): parsing one object per note was most of such a start.
 *
 * The terms follow twice: once as a plain list (in the index's own order), then their postings in buckets, one
 * part per bucket, chosen by a hash of the term (term-buckets.ts), each term's postings one short string
 * (postings-codec.ts). A search in a fresh process (`coworker
 * search`) reads the list, works out which terms its query can match (the terms themselves, the unfinished last
 * word's longer forms, those a typo away), reads only their buckets, and makes MiniSearch tables only for the
 * sections those postings hold (see readIndexCacheNotes's loadSearchFor).
 *
 * Each save writes its parts under a new generation's names and the head last, then removes the parts of the
 * generation its head replaced (never those of a save still under way in another process): a save cut off midway (Obsidian quitting during the save at unload) leaves the
 * previous head and its parts intact, so the next start is still warm.
 */
import MiniSearch from "minisearch";
import type { Clock } from "../ports/clock";
import type { KeyValueStore } from "../ports/key-value-store";
import { TimeSlicer } from "../ports/time-slicer";
import { WriteBehind } from "../ports/write-behind";
import type { SectionDocument } from "./section-documents";
import { INDEX_SCHEMA_VERSION, MINISEARCH_OPTIONS } from "./search-options";
import { installDocuments, nextIdOf, pairsOf, termIndexOf, documentTablesOf, type DocumentTables, type TermPostings } from "./minisearch-internals";
import { bucketCountFor, bucketOf } from "./term-buckets";
import { decodePostings, PostingsEncoder } from "./postings-codec";
import { termsAQueryCanMatchIn } from "./query-terms";
import { addNoteRow, emptyNoteColumns, emptyNoteRows, readNoteColumns, type NoteColumns, type NoteEntry } from "./cache-note-columns";
import { NoteTable } from "./note-table";
import { addDocumentRow, emptyDocumentColumns, readDocumentColumns, type DocumentColumns, type SectionCursor } from "./cache-document-columns";
import { emptySectionTables } from "./section-tables";

export type { NoteEntry } from "./cache-note-columns";

/** The head: small, written last, naming the generation every part must carry. */
interface CacheHead {
	schema: number;
	settingsKey: string;
	/** Changes at every save; a part from another save means the cache was cut off mid-write. */
	generation: string;
	parts: number;
	/** Parts in order: note entries, section tables, the term list, then one part per term bucket. */
	noteParts: number;
	documentParts: number;
	termListParts: number;
	termBuckets: number;
	documentCount: number;
	/** The short id MiniSearch gives the next section added: past every one in use, which need not be a count of them. */
	nextId: number;
	/** How many field lengths each section has (the searched fields). */
	fields: number;
	averageFieldLength: number[];
}

type CachePart =
	| ({ generation: string; kind: "notes" } & NoteColumns)
	| ({ generation: string; kind: "documents" } & DocumentColumns)
	| { generation: string; kind: "term-list"; terms: string }
	| { generation: string; kind: "terms"; entries: [string, string][] };

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
			notes: NoteTable;
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
	/** The short id MiniSearch gives the next section added, when short ids are not 0 … documentCount − 1. */
	nextId?: number;
	/** Every term, in the order the live index walks them (its tree's order), with its postings. */
	terms: readonly (readonly [string, P])[];
	/** Writes a term's postings through `encoder`: each field it occurs in, by field id, and its documents there, in the index's order. */
	encode(postings: P, encoder: PostingsEncoder): void;
	/** How many documents hold the term in each field it occurs in. */
	documentCounts(postings: P): Iterable<number>;
}

/** A live index as {@link IndexContents}; one walk of MiniSearch's term tree (each walk and each lookup in it is slow at 80,000 terms). */
async function contentsOfSearch(search: MiniSearch<SectionDocument>, slicer: TimeSlicer): Promise<IndexContents<TermPostings>> {
	// A hundred thousand terms are 15 ms of walking the tree and a collection of their own: walked in slices. The
	// tree cannot change meanwhile: the index saves inside its exclusive section, and vacuums first.
	const terms: (readonly [string, TermPostings])[] = [];
	for (const entry of termIndexOf(search)) {
		terms.push(entry);
		if ((terms.length & 1023) === 0 && slicer.due) await slicer.yieldNow();
	}
	return {
		documentCount: search.documentCount,
		nextId: nextIdOf(search),
		documents: documentTablesOf(search),
		terms,
		encode: (postings, encoder) => {
			for (const [fieldId, documents] of postings) {
				// Read without filling a map still pending (see pending-documents.ts).
				const pairs = pairsOf(documents);
				encoder.field(fieldId, pairs.length / 2);
				for (let i = 0; i < pairs.length; i += 2) encoder.posting(pairs[i] ?? 0, pairs[i + 1] ?? 0);
			}
		},
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
	notes: Iterable<[string, NoteEntry]>,
	index: MiniSearch<SectionDocument> | IndexContents<P>,
	clock: Clock,
	sliceMs: number,
	partChars = PART_CHARS,
): Promise<{ parts: number; chars: number }> {
	if (!(index instanceof MiniSearch)) return writeContents(store, cacheKey, settingsKey, notes, index, clock, sliceMs, partChars);
	const contents = await contentsOfSearch(index, new TimeSlicer(clock, sliceMs));
	return writeContents(store, cacheKey, settingsKey, notes, contents, clock, sliceMs, partChars);
}

async function writeContents<P>(
	store: KeyValueStore,
	cacheKey: string,
	settingsKey: string,
	notes: Iterable<[string, NoteEntry]>,
	contents: IndexContents<P>,
	clock: Clock,
	sliceMs: number,
	partChars: number,
): Promise<{ parts: number; chars: number }> {
	const generation = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
	const slicer = new TimeSlicer(clock, sliceMs);
	// Gathering the contents (a live index's walk of its term tree, a build's sort) may have used up its last slice:
	// writing starts on a fresh one.
	await slicer.yieldNow();
	let parts = 0;
	let chars = 0;
	// The head names the parts, so it is written only once every part has landed (drained below).
	const partWrites = new WriteBehind(store);
	// A part's text (a JSON.stringify or a join of half a megabyte, then its copy for the write) takes 10 to 20 ms
	// on a 10k-note vault: made at the end of a slice, it ran that slice on past 40 ms. It starts on a fresh one.
	const writePart = async (kind: CachePart["kind"], body: () => string): Promise<void> => {
		await slicer.yieldNow();
		const text = `${partHeader(generation, kind)}${body()}}`;
		await partWrites.write(partKey(cacheKey, generation, parts++), text);
		chars += text.length;
	};
	const columnsBody = (columns: NoteColumns | DocumentColumns): string => JSON.stringify(columns).slice(1, -1);

	let noteColumns = emptyNoteColumns();
	let noteChars = 0;
	for (const [path, entry] of notes) {
		noteChars += addNoteRow(noteColumns, path, entry);
		if (noteChars >= partChars) {
			await writePart("notes", () => columnsBody(noteColumns));
			noteColumns = emptyNoteColumns();
			noteChars = 0;
		}
		if (slicer.due) await slicer.yieldNow();
	}
	if (noteColumns.paths.length > 0) await writePart("notes", () => columnsBody(noteColumns));
	const noteParts = parts;

	const tables = contents.documents;
	const shortIds = tables.idToShortId;
	const fields = MINISEARCH_OPTIONS.fields.length;
	let documentColumns = emptyDocumentColumns();
	let documentChars = 0;
	for (const [path, entry] of notes) {
		for (let ordinal = 0; ordinal < entry.docs; ordinal++) {
			documentChars += addDocumentRow(documentColumns, tables, (id) => shortIds.get(id), path, ordinal, fields);
			if (documentChars >= partChars) {
				await writePart("documents", () => columnsBody(documentColumns));
				documentColumns = emptyDocumentColumns();
				documentChars = 0;
			}
		}
		if (slicer.due) await slicer.yieldNow();
	}
	if (documentColumns.shortIds.length > 0) await writePart("documents", () => columnsBody(documentColumns));
	const documentParts = parts - noteParts;

	let pending: string[] = [];
	const termEntries = contents.terms;
	const termBuckets = bucketCountFor(termEntries.length, estimatedTermChars(contents), partChars);
	const buckets: (readonly [string, P])[][] = Array.from({ length: termBuckets }, () => []);
	let listed: string[] = [];
	let listedChars = 0;
	const flushList = async (): Promise<void> => {
		if (listed.length === 0) return;
		await writePart("term-list", () => `"terms":${JSON.stringify(listed.join("\n"))}`);
		listed = [];
		listedChars = 0;
	};
	for (const entry of termEntries) {
		// The list is stored one term a line (see query-terms.ts); the tokenizer never makes a term with a line break.
		if (entry[0].includes("\n")) throw new Error(`the index holds a term with a line break (${JSON.stringify(entry[0])}), which its cache cannot list`);
		listed.push(entry[0]);
		listedChars += entry[0].length + 1;
		if (listedChars >= partChars) await flushList();
		buckets[bucketOf(entry[0], termBuckets)]?.push(entry);
		if (slicer.due) await slicer.yieldNow();
	}
	await flushList();
	const termListParts = parts - noteParts - documentParts;
	const encoder = new PostingsEncoder();
	for (const bucket of buckets) {
		for (const [term, postings] of bucket) {
			contents.encode(postings, encoder);
			pending.push(JSON.stringify([term, encoder.finish()]));
			if (slicer.due) await slicer.yieldNow();
		}
		// One part per bucket, even an empty one, so a term's bucket number says which part to read.
		await writePart("terms", () => `"entries":[${pending.join(",")}]`);
		pending = [];
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
		nextId: contents.nextId ?? contents.documentCount,
		fields,
		averageFieldLength: tables.averageFieldLength,
	};
	const headText = JSON.stringify(head);
	await partWrites.drain();
	const replaced = generationOf(await store.read(cacheKey));
	await store.write(cacheKey, headText);
	await removeUnreferencedParts(store, cacheKey, generation, replaced);
	return { parts, chars: chars + headText.length };
}

/** How every part's text begins: a search that parses only some of a part checks this instead. */
function partHeader(generation: string, kind: CachePart["kind"]): string {
	return `${saveOpening(generation)}"kind":"${kind}",`;
}

function saveOpening(generation: string): string {
	return `{"generation":${JSON.stringify(generation)},`;
}

/**
 * About how many characters the terms' entries take at most (postings-codec.ts: a step between short ids, which is
 * at most twice the documents, and a frequency, mostly one character), without writing them twice.
 */
function estimatedTermChars<P>(contents: IndexContents<P>): number {
	const perPosting = Math.ceil(Math.log2(2 * Math.max(contents.documentCount, 1) + 1) / 5) + 1;
	let chars = 0;
	for (const [term, postings] of contents.terms) {
		chars += term.length + 8;
		for (const documents of contents.documentCounts(postings)) chars += 4 + documents * perPosting;
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
		const load: CacheLoad = notes.kind === "loaded" ? withSearch(new Map(notes.notes.entries()), await notes.loadSearch()) : notes;
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
	const counts = [head.parts, head.noteParts, head.documentParts, head.termListParts, head.termBuckets, head.documentCount, head.nextId];
	if (
		counts.some((count) => typeof count !== "number" || !Number.isInteger(count) || count < 0) ||
		head.parts !== (head.noteParts ?? 0) + (head.documentParts ?? 0) + (head.termListParts ?? 0) + (head.termBuckets ?? 0) ||
		typeof head.generation !== "string" ||
		!Array.isArray(head.averageFieldLength) ||
		(head.nextId ?? 0) < (head.documentCount ?? 0)
	) {
		return { kind: "discarded", reason: "the cache file is incomplete" };
	}
	if (head.fields !== MINISEARCH_OPTIONS.fields.length) return { kind: "discarded", reason: "the cache indexes other fields than this version" };
	const complete = head as CacheHead;
	const slicer = new TimeSlicer(clock, sliceMs);
	// The entries in the order written, which the section table follows (see cache-document-columns.ts).
	const order = emptyNoteRows();
	for (let i = 0; i < complete.noteParts; i++) {
		const part = await readPart(store, cacheKey, complete, i);
		if (typeof part === "string") return { kind: "discarded", reason: part };
		const problem = part.kind === "notes" ? readNoteColumns(part, order) : null;
		if (problem !== null) return { kind: "discarded", reason: `part ${i} of the cache ${problem}` };
		if (slicer.due) await slicer.yieldNow();
	}
	let expected = 0;
	for (const docs of order.docs) expected += docs;
	if (expected !== complete.documentCount) return { kind: "discarded", reason: "the cached index does not match its list of notes" };
	const notes = NoteTable.ofRows(order);
	return {
		kind: "loaded",
		notes,
		loadSearch: () => readSearchFrom(complete, order, store, cacheKey, clock, sliceMs),
		loadSearchFor: (query) => readSearchFrom(complete, order, store, cacheKey, clock, sliceMs, query),
	};
}

/**
 * Reads the terms and the section tables of the cache whose head and notes {@link readNotesFrom} read: every
 * term and section, or, given a query, only the terms it can match (from the buckets they fall in) and the
 * sections their postings hold.
 */
async function readSearchFrom(
	head: CacheHead,
	notes: { paths: readonly string[]; docs: readonly number[] },
	store: KeyValueStore,
	cacheKey: string,
	clock: Clock,
	sliceMs: number,
	query?: string,
): Promise<SearchLoad> {
	const slicer = new TimeSlicer(clock, sliceMs);
	const read = async (i: number): Promise<CachePart | string> => {
		const part = await readPart(store, cacheKey, head, i);
		if (slicer.due) await slicer.yieldNow();
		return part;
	};
	const listStart = head.noteParts + head.documentParts;
	// Every term in the index's own order or, given a query, the terms it can match, in that order.
	const vocabulary: string[] = [];
	for (let i = listStart; i < listStart + head.termListParts; i++) {
		const part = await read(i);
		if (typeof part === "string") return { kind: "discarded", reason: part };
		if (part.kind !== "term-list" || typeof part.terms !== "string") return { kind: "discarded", reason: `part ${i} of the cache holds no term list` };
		for (const term of query === undefined ? part.terms.split("\n") : termsAQueryCanMatchIn(query, part.terms)) vocabulary.push(term);
	}
	const wanted = query === undefined ? null : vocabulary;
	const found = new Map<string, TermPostings>();
	const problem = wanted === null ? await readEveryTerm(head, read, found, slicer) : await readTermsIn(head, store, cacheKey, wanted, found, slicer);
	if (problem !== null) return { kind: "discarded", reason: problem };
	// With a query, the sections its terms' postings hold: the only ones whose tables the scorer reads.
	let reached: Set<number> | null = null;
	if (wanted !== null) {
		reached = new Set<number>();
		for (const postings of found.values()) for (const documents of postings.values()) for (const shortId of documents.keys()) reached.add(shortId);
	}
	const tables = emptySectionTables();
	const cursor: SectionCursor = { note: 0, ordinal: 0, rows: 0 };
	for (let i = head.noteParts; i < listStart; i++) {
		const part = await read(i);
		if (typeof part === "string") return { kind: "discarded", reason: part };
		const problem = part.kind === "documents" ? await readDocumentColumns(part, notes, cursor, head.fields, tables, reached, slicer) : null;
		if (problem !== null) return { kind: "discarded", reason: `part ${i} of the cache ${problem}` };
	}
	if (cursor.rows !== head.documentCount || (reached === null && tables.documentIds.size !== head.documentCount)) return { kind: "discarded", reason: "the cached index does not match its list of notes" };
	// Terms go into the index in the order it held them, so every walk over them (prefixes, typos) meets them in the same order.
	const search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
	const terms = termIndexOf(search);
	for (const term of vocabulary) {
		const postings = found.get(term);
		if (!postings) return { kind: "discarded", reason: "the cache lists a term it holds no postings for" };
		terms.set(term, postings);
		if (slicer.due) await slicer.yieldNow();
	}
	if (wanted === null && found.size !== vocabulary.length) return { kind: "discarded", reason: "the cache holds postings for terms it does not list" };
	// Installing the section tables takes about 20 ms at 45,000 sections: on a fresh slice, or it ran on from the
	// terms' last slice into a block of 60 ms and more.
	await slicer.yieldNow();
	installDocuments(search, { ...tables, averageFieldLength: head.averageFieldLength, documentCount: head.documentCount, nextId: head.nextId });
	return { kind: "loaded", search };
}

/** Every bucket, parsed whole, into `found`; or what is wrong with one. */
async function readEveryTerm(
	head: CacheHead,
	read: (i: number) => Promise<CachePart | string>,
	found: Map<string, TermPostings>,
	slicer: TimeSlicer,
): Promise<string | null> {
	const bucketStart = head.parts - head.termBuckets;
	for (let bucket = 0; bucket < head.termBuckets; bucket++) {
		const part = await read(bucketStart + bucket);
		if (typeof part === "string") return part;
		if (part.kind !== "terms") continue;
		for (const [term, encoded] of part.entries) {
			if (bucketOf(term, head.termBuckets) !== bucket) return `part ${bucketStart + bucket} of the cache holds a term of another part`;
			const postings = typeof encoded === "string" ? decodePostings(encoded) : null;
			if (postings === null) return `part ${bucketStart + bucket} of the cache holds no postings for "${term}"`;
			found.set(term, postings);
			if (slicer.due) await slicer.yieldNow();
		}
	}
	return null;
}

/**
 * The `wanted` terms only, into `found`: each bucket they fall in is read as text and only their entries are
 * parsed. An entry opens with `["<term as JSON>",` and only an entry can: inside a JSON string every `"` is
 * escaped, and past its term an entry holds only its postings string (letters, digits, `+` and `/`, see
 * postings-codec.ts), so it ends where its bracket closes.
 */
async function readTermsIn(head: CacheHead, store: KeyValueStore, cacheKey: string, wanted: readonly string[], found: Map<string, TermPostings>, slicer: TimeSlicer): Promise<string | null> {
	const byBucket = new Map<number, string[]>();
	for (const term of wanted) {
		const bucket = bucketOf(term, head.termBuckets);
		const terms = byBucket.get(bucket);
		if (terms) terms.push(term);
		else byBucket.set(bucket, [term]);
	}
	const bucketStart = head.parts - head.termBuckets;
	const header = partHeader(head.generation, "terms");
	for (const [bucket, terms] of [...byBucket].sort((a, b) => a[0] - b[0])) {
		const i = bucketStart + bucket;
		const text = await store.read(partKey(cacheKey, head.generation, i));
		if (text === null) return `part ${i} of the cache is missing`;
		if (!text.startsWith(header)) return text.startsWith(saveOpening(head.generation)) ? `part ${i} of the cache is not where the head says` : `part ${i} of the cache belongs to another save`;
		for (const term of terms) {
			const opening = `[${JSON.stringify(term)},`;
			const start = text.indexOf(opening);
			const end = start < 0 ? -1 : closingBracket(text, start + opening.length, 1);
			let entry: unknown = null;
			try {
				if (end > 0) entry = JSON.parse(text.slice(start, end + 1));
			} catch {
				// Reported below, like an entry that is not there.
			}
			const postings = Array.isArray(entry) && typeof entry[1] === "string" ? decodePostings(entry[1]) : null;
			if (postings === null) return `part ${i} of the cache holds no postings for "${term}"`;
			found.set(term, postings);
		}
		if (slicer.due) await slicer.yieldNow();
	}
	return null;
}

/** Where the bracket that brings `depth` open brackets to none stands, from `from` on; -1 when none does. */
function closingBracket(text: string, from: number, depth: number): number {
	for (let i = from; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x5b) depth++;
		else if (code === 0x5d && --depth === 0) return i;
	}
	return -1;
}

