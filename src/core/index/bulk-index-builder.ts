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
import { installDocuments, termIndexOf, type TermPostings } from "./minisearch-internals";

/** Per field id, `[shortId, frequency, shortId, frequency, …]` of one term. */
type TermLists = (number[] | undefined)[];

interface AnalysedField {
	value: string;
	length: number;
	entries: [TermLists, number][];
}

/** Collects documents exactly as `MiniSearch.add` would index them (tests compare the two), then builds the index. */
export class BulkIndexBuilder {
	/**
	 * Term → per field id, `[shortId, frequency, shortId, frequency, …]`. Documents arrive in shortId order and
	 * each (term, field, document) is recorded once, so appending replaces a hash-map update per posting;
	 * the maps MiniSearch needs are made in one go in {@link build}.
	 */
	private readonly postings = new Map<string, TermLists>();
	private readonly listsByWord = new Map<string, TermLists | null>();
	/** The document tables, read by {@link installDocuments}. */
	readonly documentIds = new Map<number, string>();
	readonly fieldLength = new Map<number, number[]>();
	readonly storedFields = new Map<number, Record<string, unknown>>();
	readonly averageFieldLength: number[] = [];
	private readonly fields = MINISEARCH_OPTIONS.fields;
	private readonly lastAnalysed: (AnalysedField | undefined)[] = [];
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
			const value = String(document[field as keyof SectionDocument] ?? "");
			const analysed = this.analyse(fieldId, field, value);
			lengths[fieldId] = analysed.length;
			this.averageFieldLength[fieldId] = ((this.averageFieldLength[fieldId] ?? 0) * shortId + analysed.length) / (shortId + 1);
			for (const [byField, occurrences] of analysed.entries) {
				const list = (byField[fieldId] ??= []);
				// Two raw words can share a term ("Sync", "sync"): their occurrences add up, as in MiniSearch.
				if (list.length > 0 && list[list.length - 2] === shortId) list[list.length - 1] = (list[list.length - 1] ?? 0) + occurrences;
				else list.push(shortId, occurrences);
			}
		}
		this.fieldLength.set(shortId, lengths);
		this.count++;
	}

	/**
	 * A field's length (distinct raw tokens, as MiniSearch counts it) and, per distinct word, the postings of
	 * its term with the word's occurrences. Title, aliases and tags repeat on every section of a note, so the
	 * last result per field is reused.
	 */
	private analyse(fieldId: number, field: string, value: string): AnalysedField {
		const previous = this.lastAnalysed[fieldId];
		if (previous && previous.value === value) return previous;
		const { tokenize } = MINISEARCH_OPTIONS;
		if (!tokenize) throw new Error("the index options lost their tokenizer");
		// Count each distinct word once first, so the rest runs per distinct word, not per occurrence.
		const counts = new Map<string, number>();
		for (const token of tokenize(value, field)) counts.set(token, (counts.get(token) ?? 0) + 1);
		const entries: [TermLists, number][] = [];
		for (const [token, occurrences] of counts) {
			const lists = this.listsOfWord(token, field);
			if (lists) entries.push([lists, occurrences]);
		}
		const analysed = { value, length: counts.size, entries };
		this.lastAnalysed[fieldId] = analysed;
		return analysed;
	}

	/**
	 * The postings lists of a raw word's term, or null when the word is not indexed (a stop word). One lookup
	 * per word instead of stemming it and then finding its term. Our processTerm ignores the field, so the
	 * word alone is the key.
	 */
	private listsOfWord(word: string, field: string): TermLists | null {
		const known = this.listsByWord.get(word);
		if (known !== undefined) return known;
		const { processTerm } = MINISEARCH_OPTIONS;
		if (!processTerm) throw new Error("the index options lost their term processing");
		const term = processTerm(word, field);
		let lists: TermLists | null = null;
		if (typeof term === "string" && term !== "") {
			lists = this.postings.get(term) ?? [];
			this.postings.set(term, lists);
		}
		this.listsByWord.set(word, lists);
		return lists;
	}

	/** The live index; terms are inserted in slices that give the host a turn every `sliceMs`. */
	async build(clock: Clock, sliceMs: number): Promise<MiniSearch<SectionDocument>> {
		const slicer = new TimeSlicer(clock, sliceMs);
		// Installing the document tables takes a few tens of milliseconds on a large vault: start it on a fresh slice.
		await slicer.yieldNow();
		const search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
		installDocuments(search, this);
		const terms = termIndexOf(search);
		for (const [term, byField] of this.postings) {
			terms.set(term, toTermPostings(byField));
			if (slicer.due) await slicer.yieldNow();
		}
		return search;
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
		if (!list) return;
		const documents = new Map<number, number>();
		for (let i = 0; i < list.length; i += 2) documents.set(list[i] ?? 0, list[i + 1] ?? 0);
		postings.set(fieldId, documents);
	});
	return postings;
}
