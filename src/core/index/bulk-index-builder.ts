/**
 * Builds a whole index at once, much faster than adding documents one by one: MiniSearch's `add` walks its
 * radix tree for every word occurrence, which was two thirds of a cold build; here occurrences are counted
 * in hash maps and each distinct term enters the tree once.
 */
import MiniSearch, { type AsPlainObject } from "minisearch";
import type { Clock } from "../ports/clock";
import { TimeSlicer } from "../ports/time-slicer";
import type { SectionDocument } from "./section-documents";
import { MINISEARCH_OPTIONS, STORED_FIELDS } from "./search-options";
import { documentsFromPairs, installDocuments, termIndexOf, type TermPostings } from "./minisearch-internals";
import type { IndexContents } from "./index-cache";
import { WordInterner } from "./word-interner";
import { sortInSlices } from "./sliced-sort";

/** Per field id, `[shortId, frequency, shortId, frequency, …]` of one term. */
type TermLists = (number[] | undefined)[];

interface RepeatedField {
	value: string;
	length: number;
	/** The term lists of each indexed occurrence, in order. */
	occurrences: TermLists[];
}

/** Fields whose value is the same on every section of a note. */
const REPEATED_FIELDS: ReadonlySet<string> = new Set(["title", "aliases", "tags"]);

/** Counts one occurrence: the document's entry in the term's list for this field, added or incremented. */
function addOccurrence(lists: TermLists, fieldId: number, shortId: number): void {
	const list = (lists[fieldId] ??= []);
	// Documents arrive in shortId order, so this document's entry, if any, is the last one.
	if (list.length > 0 && list[list.length - 2] === shortId) list[list.length - 1] = (list[list.length - 1] ?? 0) + 1;
	else list.push(shortId, 1);
}

/** Collects documents exactly as `MiniSearch.add` would index them (tests compare the two), then builds the index. */
export class BulkIndexBuilder {
	/**
	 * Term → per field id, `[shortId, frequency, shortId, frequency, …]`. Documents arrive in shortId order and
	 * each (term, field, document) is recorded once, so appending replaces a hash-map update per posting;
	 * the maps MiniSearch needs are made in one go in {@link build}.
	 */
	private readonly postings = new Map<string, TermLists>();
	/** Numbers each distinct raw word; the two arrays below are indexed by that number. */
	private interner = new WordInterner();
	/** A word's term's postings lists: null for a word that is not indexed (a stop word), undefined until first met. */
	private listsOfWord: (TermLists | null | undefined)[] = [];
	/** The last field analysis that counted this word (see indexField). */
	private stampOfWord: number[] = [];
	private stamp = 0;
	/** The document tables, read by {@link installDocuments}. */
	readonly documentIds = new Map<number, string>();
	readonly fieldLength = new Map<number, number[]>();
	readonly storedFields = new Map<number, Record<string, unknown>>();
	readonly averageFieldLength: number[] = [];
	private readonly fields = MINISEARCH_OPTIONS.fields;
	private lastRepeated: (RepeatedField | undefined)[] = [];
	private count = 0;

	addAll(documents: readonly SectionDocument[]): void {
		for (const document of documents) this.add(document);
	}

	add(document: SectionDocument): void {
		const shortId = this.count;
		this.documentIds.set(shortId, document.id);
		const stored: Record<string, unknown> = {};
		for (const field of STORED_FIELDS) if (document[field] !== undefined) stored[field] = document[field];
		this.storedFields.set(shortId, stored);
		const lengths: number[] = [];
		for (let fieldId = 0; fieldId < this.fields.length; fieldId++) {
			const field = this.fields[fieldId] ?? "";
			const length = this.indexField(shortId, fieldId, field, String(document[field as keyof SectionDocument] ?? ""));
			lengths[fieldId] = length;
			this.averageFieldLength[fieldId] = ((this.averageFieldLength[fieldId] ?? 0) * shortId + length) / (shortId + 1);
		}
		this.fieldLength.set(shortId, lengths);
		this.count++;
	}

	/**
	 * Records one field of one document and returns its length as MiniSearch counts it (distinct raw tokens).
	 * Each raw word has a number, and by it its term's postings lists, so an occurrence costs no lookup by string;
	 * the word's stamp tells whether it was already counted in this field. Title, aliases and tags repeat on
	 * every section of a note, so their last result is replayed.
	 */
	private indexField(shortId: number, fieldId: number, field: string, value: string): number {
		const previous = this.lastRepeated[fieldId];
		if (previous && previous.value === value) {
			for (const lists of previous.occurrences) addOccurrence(lists, fieldId, shortId);
			return previous.length;
		}
		const stamp = ++this.stamp;
		const occurrences: TermLists[] | null = REPEATED_FIELDS.has(field) ? [] : null;
		const count = this.interner.scan(value);
		const ids = this.interner.ids;
		let length = 0;
		for (let k = 0; k < count; k++) {
			const word = ids[k] ?? 0;
			let lists = this.listsOfWord[word];
			if (lists === undefined) lists = this.termListsOf(word, field);
			if (this.stampOfWord[word] !== stamp) {
				this.stampOfWord[word] = stamp;
				length++;
			}
			if (!lists) continue;
			addOccurrence(lists, fieldId, shortId);
			occurrences?.push(lists);
		}
		if (occurrences) this.lastRepeated[fieldId] = { value, length, occurrences };
		return length;
	}

	/**
	 * The postings lists of a word's term, found once per distinct word (null for a word that is not indexed, a
	 * stop word). Our processTerm ignores the field, so the word alone decides.
	 */
	private termListsOf(word: number, field: string): TermLists | null {
		const { processTerm } = MINISEARCH_OPTIONS;
		if (!processTerm) throw new Error("the index options lost their term processing");
		const term = processTerm(this.interner.words[word] ?? "", field);
		let lists: TermLists | null = null;
		if (typeof term === "string" && term !== "") {
			lists = this.postings.get(term) ?? [];
			this.postings.set(term, lists);
		}
		this.listsOfWord[word] = lists;
		this.stampOfWord[word] = 0;
		return lists;
	}

	/** The live index; terms are inserted in slices that give the host a turn every `sliceMs`. */
	async build(clock: Clock, sliceMs: number): Promise<MiniSearch<SectionDocument>> {
		this.releaseWords();
		const slicer = new TimeSlicer(clock, sliceMs);
		// Installing the document tables takes a few tens of milliseconds on a large vault: start it on a fresh slice.
		await slicer.yieldNow();
		const search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
		installDocuments(search, this);
		const terms = termIndexOf(search);
		// Inserted sorted, so the order the tree walks them in is known without walking it (see contents). Sorted in
		// slices: on a large vault one sort call held the window longer than a slice may.
		for (const term of await sortInSlices([...this.postings.keys()], slicer)) {
			terms.set(term, toTermPostings(this.postings.get(term) ?? []));
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
	async contents(clock: Clock, sliceMs: number): Promise<IndexContents<TermLists>> {
		this.releaseWords();
		const slicer = new TimeSlicer(clock, sliceMs);
		await slicer.yieldNow();
		// One call of the built-in sort: the same order as sortInSlices, and this runs only in the command line.
		const terms = [...this.postings.keys()]
			.sort()
			.reverse()
			.map((term) => [term, this.postings.get(term) ?? []] as const);
		return {
			documentCount: this.count,
			documents: this,
			terms,
			fieldsOf: (byField) => {
				const fields: [number, number[]][] = [];
				byField.forEach((list, fieldId) => {
					if (list) fields.push([fieldId, list]);
				});
				return fields;
			},
			documentCounts: (byField) => {
				const counts: number[] = [];
				for (const list of byField) if (list) counts.push(list.length / 2);
				return counts;
			},
		};
	}

	/** Drops what only adding documents needs (every distinct word met, a hundred thousand on a large vault); adding more starts it afresh. */
	private releaseWords(): void {
		this.interner = new WordInterner();
		this.listsOfWord = [];
		this.stampOfWord = [];
		this.lastRepeated = [];
	}

	/** MiniSearch's serialised form of what was collected (for tests: it must equal what `add` produces). */
	toPlainObject(): AsPlainObject {
		const index: AsPlainObject["index"] = [];
		for (const [term, byField] of this.postings) {
			const fields: Record<string, Record<string, number>> = {};
			for (const [fieldId, byDocument] of toTermPostings(byField)) fields[fieldId] = Object.fromEntries(byDocument);
			index.push([term, fields]);
		}
		return { ...this.skeleton(), index };
	}

	private skeleton(): AsPlainObject {
		const fieldIds: Record<string, number> = {};
		this.fields.forEach((field, i) => (fieldIds[field] = i));
		return {
			documentCount: this.count,
			nextId: this.count,
			documentIds: Object.fromEntries(this.documentIds),
			fieldIds,
			fieldLength: Object.fromEntries(this.fieldLength),
			averageFieldLength: this.averageFieldLength,
			storedFields: Object.fromEntries(this.storedFields),
			dirtCount: 0,
			index: [],
			serializationVersion: 2,
		};
	}
}

function toTermPostings(byField: readonly (number[] | undefined)[]): TermPostings {
	const postings: TermPostings = new Map();
	byField.forEach((list, fieldId) => {
		if (list) postings.set(fieldId, documentsFromPairs(list));
	});
	return postings;
}
