/**
 * The word-by-word half of a bulk build: each section's fields are cut into words, each word numbered once and
 * its term once, and every occurrence recorded in flat columns (posting-log.ts), put in order once at the end.
 * It needs nothing but the field values and gives back plain arrays, so it can run on a second thread
 * (term-worker-program.ts); the other half, the section tables and the live index, stays with the caller
 * (bulk-index-builder.ts).
 */
import type { TimeSlicer } from "../ports/time-slicer";
import { MINISEARCH_OPTIONS } from "./search-options";
import { PostingLog, type SortedPostings } from "./posting-log";
import { uncachedTermOf } from "./text-analysis";
import { WordInterner } from "./word-interner";
import { sortInSlices } from "./sliced-sort";
import { grown } from "./grown-array";

/** What a collection gives back: plain arrays and typed arrays only, so it can cross between threads. */
export interface CollectedTerms {
	/** Each distinct term, by term number: the order they were first met in. */
	terms: string[];
	/** The term numbers, in the sort order of their terms (UTF-16 code units, as `<` compares strings). */
	sortedTerms: Int32Array;
	/** Postings by key `term number × fields + field id`, each key's in section order. */
	postings: SortedPostings;
	/** Each section's field lengths as MiniSearch counts them (distinct raw words), `fields` numbers per section. */
	lengths: Int32Array;
	/** MiniSearch's running average of each field's length, computed in section order as `add` does. */
	averageFieldLength: number[];
}

interface RepeatedField {
	value: string;
	length: number;
	/** Where the postings of its last analysis lie in the log: they are recorded again for the next section. */
	from: number;
	to: number;
}

/** Fields whose value is the same on every section of a note. */
const REPEATED_FIELDS: ReadonlySet<string> = new Set(["title", "aliases", "tags"]);

/** Marks a word that is not indexed (a stop word) in the word-to-term table. */
const NOT_INDEXED = -1;
/** Marks a word whose term is not looked up yet. */
const UNKNOWN = 0;

/** Term numbers looked up per check of the slicer while listing them in sorted order. */
const LOOKUPS_PER_CHECK = 4096;

export class TermCollector {
	private readonly fields = MINISEARCH_OPTIONS.fields;
	/** Each distinct term's number; a term's postings in a field are under key `number × fields + fieldId` in the log. */
	private termNumbers = new Map<string, number>();
	private readonly terms: string[] = [];
	/** One entry per (term, field, section), in the order sections arrive. */
	private readonly log = new PostingLog();
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
	private lengths = new Int32Array(1 << 12);
	private readonly averageFieldLength: number[] = [];
	private lastRepeated: (RepeatedField | undefined)[] = [];
	private count = 0;
	private collected: Promise<CollectedTerms> | null = null;

	/** One section: its field values by field id (`MINISEARCH_OPTIONS.fields`), as `String(document[field] ?? "")`. */
	add(values: readonly string[]): void {
		// The postings are put in order once; none may come after.
		if (this.collected) throw new Error("a section was added to a bulk index build after it was built");
		const shortId = this.count;
		const fields = this.fields.length;
		if ((shortId + 1) * fields > this.lengths.length) this.lengths = grown(this.lengths, (shortId + 1) * fields);
		for (let fieldId = 0; fieldId < fields; fieldId++) {
			const field = this.fields[fieldId] ?? "";
			const length = this.indexField(shortId, fieldId, field, values[fieldId] ?? "");
			this.lengths[shortId * fields + fieldId] = length;
			this.averageFieldLength[fieldId] = ((this.averageFieldLength[fieldId] ?? 0) * shortId + length) / (shortId + 1);
		}
		this.count++;
	}

	/** Everything collected, once: the log is sorted and the word tables dropped, so nothing may be added after. */
	collect(slicer: TimeSlicer): Promise<CollectedTerms> {
		this.collected ??= this.sortAll(slicer);
		return this.collected;
	}

	private async sortAll(slicer: TimeSlicer): Promise<CollectedTerms> {
		this.releaseWords();
		const postings = await this.log.sortByKey(this.terms.length * this.fields.length, slicer);
		const sorted = await sortInSlices(this.terms, slicer);
		const sortedTerms = new Int32Array(sorted.length);
		for (let i = 0; i < sorted.length; i++) {
			sortedTerms[i] = this.termNumbers.get(sorted[i] ?? "") ?? 0;
			if ((i & (LOOKUPS_PER_CHECK - 1)) === LOOKUPS_PER_CHECK - 1 && slicer.due) await slicer.yieldNow();
		}
		this.termNumbers = new Map();
		const lengths = this.lengths.slice(0, this.count * this.fields.length);
		this.lengths = new Int32Array(0);
		return { terms: this.terms, sortedTerms, postings, lengths, averageFieldLength: this.averageFieldLength };
	}

	/**
	 * Records one field of one section and returns its length as MiniSearch counts it (distinct raw tokens).
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

	/** Drops what only adding sections needs (every distinct word met, a hundred thousand on a large vault). */
	private releaseWords(): void {
		this.interner = new WordInterner();
		this.termOfWord = new Int32Array(0);
		this.stampOfWord = new Int32Array(0);
		this.stampOfTerm = new Int32Array(0);
		this.positionOfTerm = new Int32Array(0);
		this.lastRepeated = [];
	}
}
