/**
 * The persisted index, stored as a small head plus numbered parts of about half a megabyte each: note
 * entries, document tables and terms. One file of 40 MB took 400 ms to parse and 160 ms to write on a
 * 10k-note vault, freezing the app; a part is parsed or written within one time slice.
 *
 * The note entries come first, in parts of their own (the head says how many): a start with nothing changed
 * needs only them to compare fingerprints, and loads the search index (the larger part by far) only when a
 * search or a change needs it (see VaultIndex.refreshNotes).
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
import { documentsFromPairs, installDocuments, pairsOf, termIndexOf, documentTablesOf, type TermPostings } from "./minisearch-internals";

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
	/** Parts 0 … noteParts-1 hold the note entries; the rest the document tables and terms. */
	noteParts: number;
	documentCount: number;
	averageFieldLength: number[];
}

type CachePart =
	| { generation: string; kind: "notes"; entries: [string, NoteEntry][] }
	| { generation: string; kind: "documents"; entries: [number, string, number[], Record<string, unknown>][] }
	| { generation: string; kind: "terms"; entries: [string, [number, number[]][]][] };

export type CacheLoad =
	| { kind: "loaded"; notes: Map<string, NoteEntry>; search: MiniSearch<SectionDocument> }
	| { kind: "missing" }
	| { kind: "discarded"; reason: string };

/** The search index of a cache whose notes were read first: loaded, or discarded (a part gone or damaged since). */
export type SearchLoad = { kind: "loaded"; search: MiniSearch<SectionDocument> } | { kind: "discarded"; reason: string };

/** A cache's note entries, with the means to load its search index later. */
export type NotesLoad =
	| { kind: "loaded"; notes: Map<string, NoteEntry>; loadSearch: () => Promise<SearchLoad> }
	| { kind: "missing" }
	| { kind: "discarded"; reason: string };

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
export async function writeIndexCache(
	store: KeyValueStore,
	cacheKey: string,
	settingsKey: string,
	notes: Map<string, NoteEntry>,
	search: MiniSearch<SectionDocument>,
	clock: Clock,
	sliceMs: number,
	partChars = PART_CHARS,
): Promise<{ parts: number; chars: number }> {
	const generation = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
	const slicer = new TimeSlicer(clock, sliceMs);
	let parts = 0;
	let chars = 0;
	let kind: CachePart["kind"] = "notes";
	let pending: string[] = [];
	let pendingChars = 0;
	const flush = async (): Promise<void> => {
		if (pending.length === 0) return;
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
	const tables = documentTablesOf(search);
	for (const [shortId, id] of tables.documentIds) {
		await add("documents", [shortId, id, tables.fieldLength.get(shortId) ?? [], tables.storedFields.get(shortId) ?? {}]);
	}
	for (const [term, postings] of termIndexOf(search)) {
		await add("terms", [term, [...postings].map(([fieldId, documents]) => [fieldId, pairsOf(documents)])]);
	}
	await flush();
	const head: CacheHead = {
		schema: INDEX_SCHEMA_VERSION,
		settingsKey,
		generation,
		parts,
		noteParts,
		documentCount: search.documentCount,
		averageFieldLength: tables.averageFieldLength,
	};
	const headText = JSON.stringify(head);
	const replaced = generationOf(await store.read(cacheKey));
	await store.write(cacheKey, headText);
	await removeUnreferencedParts(store, cacheKey, generation, replaced);
	return { parts, chars: chars + headText.length };
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
	if ((part.kind === "notes") !== i < head.noteParts) return `part ${i} of the cache is not where the head says`;
	return part;
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
	if (typeof head.parts !== "number" || typeof head.noteParts !== "number" || typeof head.generation !== "string" || typeof head.documentCount !== "number" || !Array.isArray(head.averageFieldLength)) {
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
	return { kind: "loaded", notes, loadSearch: () => readSearchFrom(complete, store, cacheKey, clock, sliceMs) };
}

/** Reads the document tables and terms of the cache whose head and notes {@link readNotesFrom} read. */
async function readSearchFrom(head: CacheHead, store: KeyValueStore, cacheKey: string, clock: Clock, sliceMs: number): Promise<SearchLoad> {
	const slicer = new TimeSlicer(clock, sliceMs);
	const documentIds = new Map<number, string>();
	const fieldLength = new Map<number, number[]>();
	const storedFields = new Map<number, Record<string, unknown>>();
	const search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
	const terms = termIndexOf(search);
	for (let i = head.noteParts; i < head.parts; i++) {
		const part = await readPart(store, cacheKey, head, i);
		if (typeof part === "string") return { kind: "discarded", reason: part };
		if (part.kind === "documents") {
			for (const [shortId, id, lengths, stored] of part.entries) {
				documentIds.set(shortId, id);
				fieldLength.set(shortId, lengths);
				storedFields.set(shortId, stored);
			}
		} else if (part.kind === "terms") {
			for (const [term, fields] of part.entries) {
				const postings: TermPostings = new Map(fields.map(([fieldId, flat]) => [fieldId, documentsFromPairs(flat)]));
				terms.set(term, postings);
				if (slicer.due) await slicer.yieldNow();
			}
		}
		if (slicer.due) await slicer.yieldNow();
	}
	if (documentIds.size !== head.documentCount) return { kind: "discarded", reason: "the cached index does not match its list of notes" };
	installDocuments(search, { documentIds, fieldLength, storedFields, averageFieldLength: head.averageFieldLength });
	return { kind: "loaded", search };
}
