/**
 * Builds a whole index at once, much faster than adding documents one by one: MiniSearch's `add` walks its
 * radix tree for every word occurrence, which was two thirds of a cold build; here occurrences are recorded
 * in flat columns (posting-log.ts), put in order once, and each distinct term enters the tree once.
 */
import MiniSearch, { type AsPlainObject } from "minisearch";
import { unhurriedClock, type Clock } from "../ports/clock";
import { TimeSlicer } from "../ports/time-slicer";
import type { SectionDocument } from "./section-documents";
import { MINISEARCH_OPTIONS, STORED_FIELDS } from "./search-options";
import { installDocuments, termIndexOf, type DocumentTables, type TermPostings } from "./minisearch-internals";
import { addSection, emptySectionTables } from "./section-tables";
import { PostingLog, type SortedPostings } from "./posting-log";
import { PendingDocuments } from "./pending-documents";
import { uncachedTermOf } from "./text-analysis";
import type { IndexContents } from "./index-cache";
import { WordInterner } from "./word-interner";
import { sortInSlices } from "./sliced-sort";
import { grown } from "./grown-array";

/** The term postings a bulk build collected, by term number (see {@link BulkIndexBuilder.contents}). */
type TermNumber = number;

interface RepeatedField {
	value: string;
	length: number;
	/** Where the postings of its last analysis lie in the log: they are recorded again for the next section. */
	from: number;
	to: number;
}

/** Fields whose value is the same on every section of a note. */
const REPEATED_FIELDS: ReadonlySet<string> = new Set(["title", "aliases", "tags"]);

/** Marks a word that is not indexed (a stop word) in {@link BulkIndexBuilder}'s word-to-term table. */
const NOT_INDEXED = -1;
/** Marks a word whose term is not looked up yet. */
const UNKNOWN = 0;

/** Collects documents exactly as `MiniSearch.add` would index them (tests compare the two), then builds the index. */
export class BulkIndexBuilder {
	/** Each distinct term's number; a term's postings in a field are under key `number × fields + fieldId` in the log. */
	private readonly termNumbers = new Map<string, TermNumber>();
	private readonly terms: string[] = [];
	/** One entry per (term, field, document), in the order documents arrive (shortId order). */
	private log = new PostingLog();
	private sorted: Promise<SortedPostings> | null = null;
	/** Numbers each distinct raw word; the word tables below are indexed by that number. */
	private interner = new WordInterner();
	/** A word's term number + 1, {@link NOT_INDEXED} for a word that is not indexed, {@link UNKNOWN} until first met. */
	private termOfWord: Int32Array = new Int32Array(1 << 12);
	/** The last field analysis that counted this word towards the field's length (see indexField). */
	private stampOfWord: Int32Array = new Int32Array(1 << 12);
	/** The last field analysis that recorded this term, and where in the log it did. */
	private stampOfTerm: Int32Array = new Int32Array(1 << 12);
	private positionOfTerm: Int32Array = new Int32Array(1 << 12);
	private stamp = 0;
	/**
	 * Each section's id, field lengths and stored fields, by short id. Kept in arrays while sections arrive and
	 * made into MiniSearch's Maps once, in slices (see {@link sectionTables}): filled one section at a time, the
	 * three Maps doubled at the same section, a stretch of 20 ms at 32,768 sections and more at 65,536.
	 */
	private readonly ids: string[] = [];
	private readonly lengths: number[][] = [];
	private readonly stored: Record<string, unknown>[] = [];
	private readonly averageFieldLength: number[] = [];
	private tables: Promise<DocumentTables> | null = null;
	private readonly fields = MINISEARCH_OPTIONS.fields;
	private lastRepeated: (RepeatedField | undefined)[] = [];
	private count = 0;

	addAll(documents: readonly SectionDocument[]): void {
		for (const document of documents) this.add(document);
	}

	add(document: SectionDocument): void {
		// The postings are put in order once, for both the save and the live index; none may come after.
		if (this.sorted) throw new Error("a section was added to a bulk index build after it was built");
		const shortId = this.count;
		this.ids.push(document.id);
		const stored: Record<string, unknown> = {};
		for (const field of STORED_FIELDS) if (document[field] !== undefined) stored[field] = document[field];
		this.stored.push(stored);
		const lengths: number[] = [];
		for (let fieldId = 0; fieldId < this.fields.length; fieldId++) {
			const field = this.fields[fieldId] ?? "";
			const length = this.indexField(shortId, fieldId, field, String(document[field as keyof SectionDocument] ?? ""));
			lengths[fieldId] = length;
			this.averageFieldLength[fieldId] = ((this.averageFieldLength[fieldId] ?? 0) * shortId + length) / (shortId + 1);
		}
		this.lengths.push(lengths);
		this.count++;
	}

	/**
	 * Records one field of one document and returns its length as MiniSearch counts it (distinct raw tokens).
	 * Each raw word has a number, and by it its term's number, so an occurrence costs no lookup by string; the
	 * word's stamp tells whether it was already counted in this field, the term's whether it has a posting here
	 * already (whose frequency then goes up). Title, aliases and tags repeat on every section of a note, so the
	 * postings of their last analysis are recorded again.
	 */
	private indexField(shortId: number, fieldId: number, field: string, value: string): number {
		const log = this.log;
		const previous = this.lastRepeated[fieldId];
		if (previous && previous.value === value) {
			const from = log.length;
			for (let k = previous.from; k < previous.to; k++) log.add(log.keyAt(k), shortId, log.frequencyAt(k));
			this.lastRepeated[fieldId] = { value, length: previous.length, from, to: log.length };
			return previous.length;
		}
		const stamp = ++this.stamp;
		const from = log.length;
		const count = this.interner.scan(value);
		const ids = this.interner.ids;
		const fields = this.fields.length;
		if (this.interner.words.length > this.termOfWord.length) {
			this.termOfWord = grown(this.termOfWord, this.interner.words.length);
			this.stampOfWord = grown(this.stampOfWord, this.interner.words.length);
		}
		let length = 0;
		for (let k = 0; k < count; k++) {
			const word = ids[k] ?? 0;
			let term = this.termOfWord[word] ?? UNKNOWN;
			if (term === UNKNOWN) term = this.termOfNewWord(word);
			if (this.stampOfWord[word] !== stamp) {
				this.stampOfWord[word] = stamp;
				length++;
			}
			if (term === NOT_INDEXED) continue;
			const number = term - 1;
			if (this.stampOfTerm[number] === stamp) log.count(this.positionOfTerm[number] ?? 0);
			else {
				this.stampOfTerm[number] = stamp;
				this.positionOfTerm[number] = log.add(number * fields + fieldId, shortId, 1);
			}
		}
		if (REPEATED_FIELDS.has(field)) this.lastRepeated[fieldId] = { value, length, from, to: log.length };
		return length;
	}

	/**
	 * A word's term number + 1, found once per distinct word ({@link NOT_INDEXED} for a stop word). The index's
	 * processTerm is `termOf`, which ignores the field; it is called here without its memo, which would only hold
	 * a second copy of words the interner already numbers once each.
	 */
	private termOfNewWord(word: number): number {
		const term = uncachedTermOf(this.interner.words[word] ?? "");
		let found = NOT_INDEXED;
		if (typeof term === "string" && term !== "") {
			let number = this.termNumbers.get(term);
			if (number === undefined) {
				number = this.terms.length;
				this.termNumbers.set(term, number);
				this.terms.push(term);
				if (number >= this.stampOfTerm.length) {
					this.stampOfTerm = grown(this.stampOfTerm, number + 1);
					this.positionOfTerm = grown(this.positionOfTerm, number + 1);
				}
			}
			found = number + 1;
		}
		this.termOfWord[word] = found;
		return found;
	}

	/** The postings grouped by term and field, each group in shortId order; sorted once, at the first call. */
	private sortedPostings(slicer: TimeSlicer): Promise<SortedPostings> {
		if (!this.sorted) {
			this.releaseWords();
			this.sorted = this.log.sortByKey(this.terms.length * this.fields.length, slicer);
		}
		return this.sorted;
	}

	/** The live index; terms are inserted in slices that give the host a turn every `sliceMs`. */
	async build(clock: Clock, sliceMs: number): Promise<MiniSearch<SectionDocument>> {
		const slicer = new TimeSlicer(clock, sliceMs);
		// The caller's last slice (indexing the last notes) may be used up: sorting starts on a fresh one.
		await slicer.yieldNow();
		const postings = await this.sortedPostings(slicer);
		// Installing the document tables takes a few tens of milliseconds on a large vault: start it on a fresh slice.
		await slicer.yieldNow();
		const search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
		installDocuments(search, await this.sectionTables(slicer));
		const terms = termIndexOf(search);
		// Inserted sorted, so the order the tree walks them in is known without walking it (see contents). Sorted in
		// slices: on a large vault one sort call held the window longer than a slice may.
		for (const term of await sortInSlices(this.terms, slicer)) {
			terms.set(term, this.termPostings(postings, this.termNumbers.get(term) ?? 0));
			if (slicer.due) await slicer.yieldNow();
		}
		return search;
	}

	/**
	 * What was collected, for writing the cache without making the live index (a rebuild that only saves). The
	 * terms come in the order the index {@link build} makes walks them, so the cache written is the same: build
	 * inserts them sorted, and MiniSearch's tree walk takes a node's children last inserted first, so it meets
	 * them in reverse sorted order. Making the tree only to learn that order was a sixth of a 38k-note rebuild
	 * and 30 MB at its peak.
	 */
	async contents(clock: Clock, sliceMs: number): Promise<IndexContents<TermNumber>> {
		const slicer = new TimeSlicer(clock, sliceMs);
		await slicer.yieldNow();
		const postings = await this.sortedPostings(slicer);
		// One call of the built-in sort: the same order as sortInSlices, and this runs only in the command line.
		const terms = [...this.terms]
			.sort()
			.reverse()
			.map((term) => [term, this.termNumbers.get(term) ?? 0] as const);
		return {
			documentCount: this.count,
			documents: await this.sectionTables(slicer),
			terms,
			encode: (number, encoder) => {
				this.forEachField(postings, number, (fieldId, from, to) => {
					encoder.field(fieldId, to - from);
					for (let i = from; i < to; i++) encoder.posting(postings.documents[i] ?? 0, postings.frequencies[i] ?? 0);
				});
			},
			documentCounts: (number) => {
				const counts: number[] = [];
				this.forEachField(postings, number, (_fieldId, from, to) => counts.push(to - from));
				return counts;
			},
		};
	}

	/** Calls `visit` with the range of each field the term occurs in, by field id. */
	private forEachField(postings: SortedPostings, number: TermNumber, visit: (fieldId: number, from: number, to: number) => void): void {
		const fields = this.fields.length;
		for (let fieldId = 0; fieldId < fields; fieldId++) {
			const key = number * fields + fieldId;
			const from = postings.start[key] ?? 0;
			const to = postings.start[key + 1] ?? 0;
			if (to > from) visit(fieldId, from, to);
		}
	}

	/** A term's postings as MiniSearch keeps them: field id → shortId → frequency (each field's map filled when first used). */
	private termPostings(postings: SortedPostings, number: TermNumber): TermPostings {
		const byField: TermPostings = new Map();
		this.forEachField(postings, number, (fieldId, from, to) => byField.set(fieldId, PendingDocuments.fromColumns(postings.documents, postings.frequencies, from, to)));
		return byField;
	}

	/** MiniSearch's per-section tables, made once from the arrays, in slices. */
	private sectionTables(slicer: TimeSlicer): Promise<DocumentTables> {
		this.tables ??= this.makeSectionTables(slicer);
		return this.tables;
	}

	private async makeSectionTables(slicer: TimeSlicer): Promise<DocumentTables> {
		const tables = emptySectionTables();
		for (let shortId = 0; shortId < this.count; shortId++) {
			const turns = addSection(tables, shortId, this.ids[shortId] ?? "", this.lengths[shortId] ?? [], this.stored[shortId] ?? {}, slicer);
			if (turns) await turns;
			if ((shortId & 1023) === 1023 && slicer.due) await slicer.yieldNow();
		}
		return { ...tables, averageFieldLength: this.averageFieldLength };
	}

	/** Drops what only adding documents needs (every distinct word met, a hundred thousand on a large vault). */
	private releaseWords(): void {
		this.interner = new WordInterner();
		this.termOfWord = new Int32Array(0);
		this.stampOfWord = new Int32Array(0);
		this.stampOfTerm = new Int32Array(0);
		this.positionOfTerm = new Int32Array(0);
		this.lastRepeated = [];
	}

	/** MiniSearch's serialised form of what was collected (for tests: it must equal what `add` produces). */
	async toPlainObject(): Promise<AsPlainObject> {
		const postings = await this.sortedPostings(new TimeSlicer(unhurriedClock, Infinity));
		const index: AsPlainObject["index"] = [];
		this.terms.forEach((term, number) => {
			const fields: Record<string, Record<string, number>> = {};
			for (const [fieldId, byDocument] of this.termPostings(postings, number)) fields[fieldId] = Object.fromEntries(byDocument);
			index.push([term, fields]);
		});
		return { ...this.skeleton(), index };
	}

	private skeleton(): AsPlainObject {
		const fieldIds: Record<string, number> = {};
		this.fields.forEach((field, i) => (fieldIds[field] = i));
		return {
			documentCount: this.count,
			nextId: this.count,
			documentIds: Object.fromEntries(this.ids.entries()),
			fieldIds,
			fieldLength: Object.fromEntries(this.lengths.entries()),
			averageFieldLength: this.averageFieldLength,
			storedFields: Object.fromEntries(this.stored.entries()),
			dirtCount: 0,
			index: [],
			serializationVersion: 2,
		};
	}
}
