/** The vault index: keeps a MiniSearch index of every note's sections current, persisted, and searchable. */
import MiniSearch from "minisearch";
import type { VaultFileStat, VaultReader } from "../ports/vault-reader";
import type { KeyValueStore } from "../ports/key-value-store";
import { unhurriedClock, type Clock } from "../ports/clock";
import { DEFAULT_SLICE_MS, TimeSlicer } from "../ports/time-slicer";
import type { NoteProblem } from "../notes/parsed-note";
import { parseNoteContent } from "../notes/parse-note";
import { documentsForNote, partsOf, type SectionDocument } from "./section-documents";
import { MINISEARCH_OPTIONS } from "./search-options";
import { exclusionOf, isExcludedByFolder, settingsKeyOf, type IndexSettings } from "./index-settings";
import { readIndexCacheNotes, writeIndexCache, type NoteEntry, type SearchLoad } from "./index-cache";
import { NoteTable } from "./note-table";
import { searchNotesIn, type SearchHit } from "./note-search";
import { snippetOf } from "./snippet";
import { readAhead } from "./read-ahead";
import { BulkIndexBuilder } from "./bulk-index-builder";
import { examineText } from "./text-checks";
import type { SemanticRanker } from "../embeddings/semantic-ranker";
import type { SpawnIndexWorker } from "../ports/index-worker";
import { LocalTermCollection, type TermCollection } from "./term-collection";
import { IndexWorkerFailed, ThreadedTermCollection } from "./threaded-term-collection";

export interface VaultIndexOptions {
	vault: VaultReader;
	store: KeyValueStore;
	settings: IndexSettings;
	clock?: Clock;
	/** Longest stretch of synchronous work before giving the host a turn (the app's UI must not freeze). */
	timeSliceMs?: number;
	/** Store key of the persisted cache. */
	cacheKey?: string;
	/** Starts a worker thread for a large build's words (see threaded-term-collection.ts); without it, all runs here. */
	spawnWorker?: SpawnIndexWorker;
	/** The fewest notes to read into an empty index for which a worker thread is started (default {@link WORKER_MIN_NOTES}). */
	workerMinNotes?: number;
}

/** What a refresh did, for the status bar, the CLI summary and the bench. */
export interface IndexSummary {
	notes: number;
	sections: number;
	/** Notes read and (re)indexed by this refresh. */
	reindexed: number;
	/** Notes whose fingerprint had not moved, taken from the cache without reading them. */
	unchanged: number;
	removed: number;
	/** Notes left out by folder, tag or `coworker: private`. */
	excluded: number;
	problems: NoteProblem[];
	/** What happened to the persisted cache when it was opened: loaded, missing, or discarded and why. */
	cache: string;
	milliseconds: number;
}

/** A note the index holds, as later stages (context sources, agent tools) list them. */
export interface IndexedNote {
	path: string;
	title: string;
	/** Lower case, without `#`. */
	tags: string[];
	mtime: number;
	/** The `coworker` property (`workflow`, `deliverable`), lower case, or null. */
	coworker: string | null;
}

export type ProgressListener = (done: number, total: number) => void;

export const INDEX_CACHE_KEY = "index-cache.json";

/** Below this many notes to read into an empty index, adding them one by one is as quick and simpler. */
const BULK_BUILD_MIN_NOTES = 50;

/**
 * Below this many notes to read into an empty index, a worker thread costs more to start (tens of milliseconds,
 * its program parsed anew) than it saves: cutting 1,000 notes into terms takes about 100 ms.
 */
export const WORKER_MIN_NOTES = 2000;

/**
 * Owns the MiniSearch index and the note entries. Every mutating call runs one at a time (a vault event
 * arriving during a refresh waits its turn); searches read the current state at once.
 */
export class VaultIndex {
	private search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
	private notes = NoteTable.empty();
	private readonly vault: VaultReader;
	private readonly store: KeyValueStore;
	private readonly settings: IndexSettings;
	private readonly settingsKey: string;
	private readonly clock: Clock;
	private readonly timeSliceMs: number;
	private readonly cacheKey: string;
	private queue: Promise<unknown> = Promise.resolve();
	private cacheState = "not opened";
	private loaded = false;
	/** Loads the cached search index, when only the cache's notes were read so far (see {@link refreshNotes}). */
	private deferredSearch: (() => Promise<SearchLoad>) | null = null;
	/** Loads from the same cache only what one query can match (see {@link refreshForQuery}). */
	private deferredQuerySearch: ((query: string) => Promise<SearchLoad>) | null = null;
	/** The index {@link refreshForQuery} loaded for one query, while the whole one is still deferred. */
	private querySearch: { query: string; search: MiniSearch<SectionDocument> } | null = null;
	/** A build from nothing whose search index is not made yet (see {@link refreshNotes}); {@link deferredSearch} makes it. */
	private unbuilt: BulkIndexBuilder | null = null;
	private savedRevision = 0;
	private semantic: SemanticRanker | null = null;
	/** Dropped after a worker thread fails: the builds after it run on this thread. */
	private spawnWorker: SpawnIndexWorker | null;
	private readonly workerMinNotes: number;
	/** Bumped by every change, so views and the cache writer know whether anything moved. */
	revision = 0;

	constructor(options: VaultIndexOptions) {
		this.vault = options.vault;
		this.store = options.store;
		this.settings = options.settings;
		this.settingsKey = settingsKeyOf(options.settings);
		this.clock = options.clock ?? unhurriedClock;
		// A slice plus the one step that ends it (a large note, a very common term) stays under ~50 ms.
		this.timeSliceMs = options.timeSliceMs ?? DEFAULT_SLICE_MS;
		this.cacheKey = options.cacheKey ?? INDEX_CACHE_KEY;
		this.spawnWorker = options.spawnWorker ?? null;
		this.workerMinNotes = options.workerMinNotes ?? WORKER_MIN_NOTES;
	}

	get noteCount(): number {
		return this.notes.countWithStatus("indexed");
	}

	get sectionCount(): number {
		if (!this.deferredSearch) return this.search.documentCount;
		// The cache checked on reading that these add up to its document count.
		return this.notes.sectionCount();
	}

	/** Whether the index currently holds this note (false for excluded, private, skipped or unknown paths). */
	isIndexed(path: string): boolean {
		return this.notes.get(path)?.status === "indexed";
	}

	/** Loads the persisted cache if there is a usable one, then reads only what changed since it was written. */
	refresh(onProgress?: ProgressListener): Promise<IndexSummary> {
		return this.exclusive(async () => {
			const started = this.clock.now();
			if (!this.loaded) await this.loadCache();
			await this.loadDeferredSearch();
			return this.refreshFromVault(started, onProgress);
		});
	}

	/**
	 * Like {@link refresh}, but when nothing changed the cached search index is not loaded (only the note
	 * entries are, to compare fingerprints), and a build from nothing does not make its search index (a save
	 * writes the cache straight from what was collected): for `coworker index`, which reports and saves and
	 * searches nothing. Any later call that searches or changes the index must come after a {@link refresh};
	 * the mutating ones load it themselves.
	 */
	refreshNotes(onProgress?: ProgressListener): Promise<IndexSummary> {
		return this.exclusive(async () => {
			const started = this.clock.now();
			if (!this.loaded) await this.loadCache();
			return this.refreshFromVault(started, onProgress, false);
		});
	}

	/**
	 * Like {@link refreshNotes}, then makes `query` searchable: when nothing changed, only the parts of the cached
	 * index that query can match are read (a fresh process answering one search, `coworker search`); otherwise
	 * the whole index is, as by {@link refresh}. Searching for another query afterwards needs a {@link refresh}.
	 */
	refreshForQuery(query: string, onProgress?: ProgressListener): Promise<IndexSummary> {
		return this.exclusive(async () => {
			const started = this.clock.now();
			if (!this.loaded) await this.loadCache();
			const summary = await this.refreshFromVault(started, onProgress);
			const loadFor = this.deferredQuerySearch;
			if (!this.deferredSearch || !loadFor) return summary;
			let result: SearchLoad;
			try {
				result = await loadFor(query);
			} catch (error) {
				result = { kind: "discarded", reason: `the cache could not be read (${error instanceof Error ? error.message : String(error)})` };
			}
			if (result.kind === "loaded") {
				this.querySearch = { query, search: result.search };
				return summary;
			}
			// Another process replaced the cache meanwhile: fall back to loading it whole (or reading the vault).
			await this.loadDeferredSearch();
			return this.refreshFromVault(started, onProgress);
		});
	}

	/** Forgets everything it holds, ignores the cache (which the next save replaces) and indexes the whole vault again. */
	rebuild(onProgress?: ProgressListener): Promise<IndexSummary> {
		return this.exclusive(() => this.startOver(onProgress, true));
	}

	/** {@link rebuild}, leaving the search index unmade as {@link refreshNotes} does: for `coworker index --rebuild`. */
	rebuildNotes(onProgress?: ProgressListener): Promise<IndexSummary> {
		return this.exclusive(() => this.startOver(onProgress, false));
	}

	/** A note was created or modified. */
	updateFile(stat: VaultFileStat): Promise<void> {
		return this.exclusive(async () => {
			const entry = this.notes.get(stat.path);
			if (entry && entry.mtime === stat.mtime && entry.size === stat.size) return;
			await this.loadDeferredSearch();
			if (isExcludedByFolder(stat.path, this.settings)) {
				this.forget(stat.path);
				return;
			}
			await this.indexFile(stat, () => this.vault.read(stat.path));
		});
	}

	/** A note was deleted. */
	removeFile(path: string): Promise<void> {
		return this.exclusive(async () => {
			await this.loadDeferredSearch();
			this.forget(path);
		});
	}

	/** A note was renamed or moved: its sections now live under the new path (and may now be excluded). */
	renameFile(oldPath: string, stat: VaultFileStat): Promise<void> {
		return this.exclusive(async () => {
			await this.loadDeferredSearch();
			this.forget(oldPath);
			if (!isExcludedByFolder(stat.path, this.settings)) await this.indexFile(stat, () => this.vault.read(stat.path));
		});
	}

	/** Writes the cache if anything changed since the last write; returns the characters written (0 when nothing was due). */
	save(): Promise<number> {
		return this.exclusive(async () => {
			if (this.savedRevision === this.revision && this.cacheState === "loaded") return 0;
			const revision = this.revision;
			let written: { chars: number };
			if (this.unbuilt) {
				// Nothing searched the build yet: the cache is written from what it collected, and MiniSearch's maps are never made.
				written = await writeIndexCache(this.store, this.cacheKey, this.settingsKey, this.notes, await this.unbuilt.contents(this.clock, this.timeSliceMs), this.clock, this.timeSliceMs);
			} else {
				await this.loadDeferredSearch();
				// Searches drop discarded documents' postings as they meet them, which must not happen while the
				// index is written in slices; after a vacuum there are none left to drop.
				if (this.search.dirtCount > 0 || this.search.isVacuuming) await this.search.vacuum();
				written = await writeIndexCache(this.store, this.cacheKey, this.settingsKey, this.notes, this.search, this.clock, this.timeSliceMs);
			}
			this.savedRevision = revision;
			this.cacheState = "loaded";
			return written.chars;
		});
	}

	/** The best notes for a natural-language query, one hit per note at its best section, without snippets. */
	searchNotes(query: string, limit = 10): SearchHit[] {
		let search = this.search;
		if (this.deferredSearch) {
			if (this.querySearch?.query !== query) throw new Error("the index's search was not loaded: call refresh() before searching");
			search = this.querySearch.search;
		}
		return searchNotesIn(search, query, limit, (path) => this.notes.get(path)?.title ?? path);
	}

	/** Semantic search (optional, off by default): when set, {@link searchWithSnippets} merges its ranking by meaning with the lexical one. */
	useSemanticRanker(ranker: SemanticRanker | null): void {
		this.semantic = ranker;
	}

	/** {@link searchNotes}, merged with the ranking by meaning when semantic search is on (see {@link useSemanticRanker}). */
	rankNotes(query: string, limit = 10): Promise<SearchHit[]> {
		return this.semantic ? this.semantic.rank(query, (depth) => this.searchNotes(query, depth), limit, this) : Promise.resolve(this.searchNotes(query, limit));
	}

	/** Like {@link rankNotes}, with a snippet of each hit's section read from the note as it is now. */
	async searchWithSnippets(query: string, limit = 10): Promise<SearchHit[]> {
		const hits = await this.rankNotes(query, limit);
		const shown = await Promise.all(
			hits.map(async (hit): Promise<SearchHit | null> => {
				let text: string;
				try {
					text = await this.vault.read(hit.path);
				} catch {
					// The note vanished or became unreadable since it was indexed; the event will catch up.
					return hit;
				}
				// The note as it is now decides: an edit that kept its size and mtime may have made it private.
				const checked = examineText(hit.path, text, text.length, this.settings.maxNoteBytes);
				if (checked.kind === "skip") return null;
				const note = parseNoteContent(hit.path, checked.text, checked.cut === true);
				if (exclusionOf(note, this.settings) !== null) return null;
				const part = partsOf(note)[hit.ordinal];
				return { ...hit, snippet: part ? snippetOf(part.text, new Set(hit.terms)) : "" };
			}),
		);
		return shown.filter((hit): hit is SearchHit => hit !== null);
	}

	/** One note as the index holds it, or null when it is not indexed. */
	noteInfo(path: string): IndexedNote | null {
		const entry = this.notes.get(path);
		if (entry?.status !== "indexed") return null;
		return { path, title: entry.title, tags: entry.tags ?? [], mtime: entry.mtime, coworker: entry.coworker ?? null };
	}

	/** The notes the index holds (and so the only ones any later stage may read), in path order. */
	indexedNotes(): IndexedNote[] {
		const notes: IndexedNote[] = [];
		for (const [path, entry] of this.notes) {
			if (entry.status === "indexed") notes.push({ path, title: entry.title, tags: entry.tags ?? [], mtime: entry.mtime, coworker: entry.coworker ?? null });
		}
		return notes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	}

	/** Every problem currently known (bad frontmatter, binary files, oversized notes, unreadable files). */
	problems(): NoteProblem[] {
		return this.notes.problems();
	}

	private async loadCache(): Promise<void> {
		this.loaded = true;
		let result: Awaited<ReturnType<typeof readIndexCacheNotes>>;
		try {
			result = await readIndexCacheNotes(this.store, this.cacheKey, this.settingsKey, this.clock, this.timeSliceMs);
		} catch (error) {
			result = { kind: "discarded", reason: `the cache could not be read (${error instanceof Error ? error.message : String(error)})` };
		}
		if (result.kind === "loaded") {
			this.notes = result.notes;
			this.deferredSearch = result.loadSearch;
			this.deferredQuerySearch = result.loadSearchFor;
			this.cacheState = "loaded";
		} else if (result.kind === "discarded") {
			this.cacheState = `discarded: ${result.reason}`;
		} else {
			this.cacheState = "missing";
		}
	}

	/**
	 * Loads the cached search index if only the cache's notes were read. If it cannot be read any more (another
	 * process replaced the cache meanwhile), the notes go too: the next refresh reads the whole vault.
	 */
	private async loadDeferredSearch(): Promise<void> {
		const load = this.deferredSearch;
		if (!load) return;
		this.deferredSearch = null;
		this.unbuilt = null;
		this.deferredQuerySearch = null;
		this.querySearch = null;
		let result: SearchLoad;
		try {
			result = await load();
		} catch (error) {
			result = { kind: "discarded", reason: `the cache could not be read (${error instanceof Error ? error.message : String(error)})` };
		}
		if (result.kind === "loaded") {
			this.search = result.search;
			return;
		}
		this.notes = NoteTable.empty();
		this.search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
		this.cacheState = `discarded: ${result.reason}`;
		this.revision++;
	}

	private startOver(onProgress: ProgressListener | undefined, searchable: boolean, started = this.clock.now(), cacheState = "rebuilt"): Promise<IndexSummary> {
		this.search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
		this.notes = NoteTable.empty();
		this.loaded = true;
		this.deferredSearch = null;
		this.deferredQuerySearch = null;
		this.querySearch = null;
		this.unbuilt = null;
		this.cacheState = cacheState;
		this.revision++;
		return this.refreshFromVault(started, onProgress, searchable);
	}

	/**
	 * `started` is when the caller began, so the summary's milliseconds include loading the cache. Unless
	 * `searchable`, a build from nothing leaves its search index to be made when first needed.
	 */
	private async refreshFromVault(started: number, onProgress?: ProgressListener, searchable = true): Promise<IndexSummary> {
		const unreadable: NoteProblem[] = [];
		// Loading the cache ends its last slice wherever it ended; comparing 38,000 fingerprints is one stretch
		// more, so it starts on a fresh slice rather than adding to that one (a warm start's longest block).
		await this.clock.yieldToHost();
		// Nothing known yet (no usable cache, or a rebuild): every note listed will be read.
		if (this.notes.size === 0) this.vault.expectManyReads?.();
		const files = await this.vault.listMarkdownFiles();
		let { kept, changed, gone, excluded } = this.changesIn(files);
		if (this.deferredSearch && (changed.length > 0 || gone.length > 0)) {
			await this.loadDeferredSearch();
			// Loading may have found the cache gone and dropped every note: then everything is a change.
			({ kept, changed, gone, excluded } = this.changesIn(files));
		}
		for (const path of gone) this.forget(path);
		const removed = gone.length;
		// From an empty index, documents are collected and loaded at once (see bulk-index-builder.ts); searches
		// during that build find nothing yet rather than a partial index.
		const bulk = this.notes.size === 0 && changed.length >= BULK_BUILD_MIN_NOTES ? new BulkIndexBuilder(this.termCollection(changed.length)) : null;
		const slicer = new TimeSlicer(this.clock, this.timeSliceMs);
		let done = 0;
		if (changed.length > 0) this.vault.readSoon?.(changed.map((file) => file.path));
		try {
			for await (const { file, text } of readAhead(changed, (path) => this.vault.read(path))) {
				const problem = await this.indexFile(file, () => text, bulk);
				if (problem) unreadable.push(problem);
				done++;
				if (slicer.due) {
					onProgress?.(done, changed.length);
					await slicer.yieldNow();
				}
			}
			await bulk?.settled(this.clock, this.timeSliceMs);
		} catch (error) {
			bulk?.abandon();
			if (!(error instanceof IndexWorkerFailed)) throw error;
			// Every note read so far went to the thread that failed: read them again here, and never start one again.
			// The summary still says what became of the cache (missing, discarded), as the first attempt would have.
			this.spawnWorker = null;
			return this.startOver(onProgress, searchable, started, this.cacheState);
		}
		if (bulk && searchable) this.search = await bulk.build(this.clock, this.timeSliceMs);
		else if (bulk) this.deferBuild(bulk);
		onProgress?.(changed.length, changed.length);
		excluded += this.notes.countWithStatus("private") + this.notes.countWithStatus("excluded-tag");
		return {
			notes: this.noteCount,
			sections: this.sectionCount,
			reindexed: changed.length,
			unchanged: kept - changed.length,
			removed,
			excluded,
			problems: [...this.problems(), ...unreadable],
			cache: this.cacheState,
			milliseconds: Math.round(this.clock.now() - started),
		};
	}

	/** A worker thread's collection for a large build, when one can be started; else this thread's. */
	private termCollection(notes: number): TermCollection {
		if (this.spawnWorker === null || notes < this.workerMinNotes) return new LocalTermCollection();
		try {
			return new ThreadedTermCollection(this.spawnWorker());
		} catch {
			// No thread here (a platform without workers, a policy that forbids them): the build runs on this one.
			this.spawnWorker = null;
			return new LocalTermCollection();
		}
	}

	private deferBuild(bulk: BulkIndexBuilder): void {
		this.unbuilt = bulk;
		this.deferredQuerySearch = null;
		this.querySearch = null;
		this.deferredSearch = async () => ({ kind: "loaded", search: await bulk.build(this.clock, this.timeSliceMs) });
	}

	/**
	 * How many listed files the index keeps, which of those it must read because their fingerprint moved, and
	 * which notes it holds are no longer listed. The paths listed are collected only when some note went missing:
	 * with nothing deleted (most starts) every note held was met in the listing, and 38,000 set entries are saved.
	 */
	private changesIn(files: readonly VaultFileStat[]): { kept: number; changed: VaultFileStat[]; gone: string[]; excluded: number } {
		const changed: VaultFileStat[] = [];
		let kept = 0;
		let known = 0;
		let excluded = 0;
		// Notes are held in the order they were first listed, so a file mostly meets its note at the same place
		// in both: compared in step, with a lookup by path only where the two orders part. Loaded from the cache
		// and not changed since, they are compared in the cache's columns, making no entry.
		const rows = this.notes.rows;
		const inOrder = rows ? null : this.notes.entries();
		let next = inOrder?.next();
		let row = 0;
		for (const file of files) {
			if (isExcludedByFolder(file.path, this.settings)) {
				excluded++;
				continue;
			}
			kept++;
			// The note's fingerprint, if it has one: read where it is, so that no object is made for it.
			let found = true;
			let mtime = Number.NaN;
			let size = Number.NaN;
			if (rows) {
				const at = rows.paths[row] === file.path ? row++ : rows.rowOfPath.get(file.path);
				if (at === undefined) found = false;
				else {
					mtime = rows.mtimes[at] ?? Number.NaN;
					size = rows.sizes[at] ?? Number.NaN;
				}
			} else {
				let entry: NoteEntry | undefined;
				if (next && !next.done && next.value[0] === file.path) {
					entry = next.value[1];
					next = inOrder?.next();
				} else {
					entry = this.notes.get(file.path);
				}
				if (entry === undefined) found = false;
				else ({ mtime, size } = entry);
			}
			if (found) known++;
			if (!found || mtime !== file.mtime || size !== file.size) changed.push(file);
		}
		const gone: string[] = [];
		if (known !== this.notes.size) {
			const listed = new Set<string>();
			for (const file of files) if (!isExcludedByFolder(file.path, this.settings)) listed.add(file.path);
			for (const path of this.notes.keys()) if (!listed.has(path)) gone.push(path);
		}
		return { kept, changed, gone, excluded };
	}

	/**
	 * Reads and indexes one note, replacing what the index had for it. A file that cannot be read is
	 * forgotten (and retried on the next refresh) and its problem returned.
	 */
	private async indexFile(stat: VaultFileStat, read: () => Promise<string> | string, bulk: BulkIndexBuilder | null = null): Promise<NoteProblem | null> {
		this.forget(stat.path);
		let text: string;
		try {
			text = await read();
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			return { path: stat.path, field: "file", message: `${stat.path} could not be read (${reason}); it is left out of the index.` };
		}
		const checked = examineText(stat.path, text, stat.size, this.settings.maxNoteBytes);
		if (checked.kind === "skip") {
			this.remember(stat, { title: stat.path, docs: 0, status: "skipped", problems: [checked.problem] });
			return null;
		}
		const note = parseNoteContent(stat.path, checked.text, checked.cut === true);
		const problems = checked.problem ? [checked.problem, ...note.problems] : note.problems;
		const exclusion = exclusionOf(note, this.settings);
		if (exclusion === "private" || exclusion === "excluded-tag") {
			// Its title (and any problem quoting it) would say what it holds: only the path is kept, as for an excluded folder.
			this.remember(stat, { title: stat.path, docs: 0, status: exclusion, problems: problems.filter((problem) => problem.field === "file") });
			return null;
		}
		const documents = documentsForNote(note);
		if (bulk) bulk.addAll(documents);
		else this.search.addAll(documents);
		const coworker = typeof note.properties.coworker === "string" ? note.properties.coworker.trim().toLowerCase() : "";
		this.remember(stat, {
			title: note.title,
			docs: documents.length,
			status: "indexed",
			problems,
			...(note.tags.length > 0 ? { tags: note.tags } : {}),
			...(coworker !== "" ? { coworker } : {}),
		});
		return null;
	}

	private remember(stat: VaultFileStat, entry: Omit<NoteEntry, "mtime" | "size">): void {
		const { problems, ...rest } = entry;
		this.notes.set(stat.path, { mtime: stat.mtime, size: stat.size, ...rest, ...(problems && problems.length > 0 ? { problems } : {}) });
		this.revision++;
	}

	private forget(path: string): void {
		const entry = this.notes.get(path);
		if (!entry) return;
		for (let i = 0; i < entry.docs; i++) this.search.discard(`${path}#${i}`);
		this.notes.delete(path);
		this.revision++;
	}

	private exclusive<T>(work: () => Promise<T>): Promise<T> {
		const next = this.queue.then(work, work);
		this.queue = next.catch(() => undefined);
		return next;
	}
}
