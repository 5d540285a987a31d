/**
 * Builds a whole index at once, much faster than adding documents one by one: MiniSearch's `add` walks its
 * radix tree for every word occurrence, which was two thirds of a cold build; here occurrences are recorded
 * in flat columns (term-collector.ts, posting-log.ts), put in order once, and each distinct term enters the
 * tree once.
 */
import MiniSearch, { type AsPlainObject } from "minisearch";
import { unhurriedClock, type Clock } from "../ports/clock";
import { TimeSlicer } from "../ports/time-slicer";
import type { SectionDocument } from "./section-documents";
import { MINISEARCH_OPTIONS, STORED_FIELDS } from "./search-options";
import { installDocuments, termIndexOf, type DocumentTables, type TermPostings } from "./minisearch-internals";
import { addSection, emptySectionTables } from "./section-tables";
import type { SortedPostings } from "./posting-log";
import { PendingDocuments } from "./pending-documents";
import type { IndexContents } from "./index-cache";
import type { CollectedTerms } from "./term-collector";
import { LocalTermCollection, type TermCollection } from "./term-collection";

/** The term postings a bulk build collected, by term number (see {@link BulkIndexBuilder.contents}). */
type TermNumber = number;

/**
 * Collects documents exactly as `MiniSearch.add` would index them (tests compare the two), then builds the index.
 * Their words go to a {@link TermCollection}, on this thread or a worker's; the section tables stay here.
 */
export class BulkIndexBuilder {
	private collected: Promise<CollectedTerms> | null = null;
	/**
	 * Each section's id and stored fields, by short id. Kept in arrays while sections arrive and made into
	 * MiniSearch's Maps once, in slices (see {@link sectionTables}): filled one section at a time, the Maps doubled
	 * at the same section, a stretch of 20 ms at 32,768 sections and more at 65,536.
	 */
	private readonly ids: string[] = [];
	private readonly stored: Record<string, unknown>[] = [];
	private tables: Promise<DocumentTables> | null = null;
	private readonly fields = MINISEARCH_OPTIONS.fields;
	private count = 0;

	constructor(private readonly collection: TermCollection = new LocalTermCollection()) {}

	addAll(documents: readonly SectionDocument[]): void {
		for (const document of documents) this.add(document);
	}

	add(document: SectionDocument): void {
		// The postings are put in order once, for both the save and the live index; none may come after.
		if (this.collected) throw new Error("a section was added to a bulk index build after it was built");
		this.ids.push(document.id);
		const stored: Record<string, unknown> = {};
		for (const field of STORED_FIELDS) if (document[field] !== undefined) stored[field] = document[field];
		this.stored.push(stored);
		const values: string[] = [];
		for (const field of this.fields) values.push(String(document[field as keyof SectionDocument] ?? ""));
		this.collection.add(values);
		this.count++;
	}

	/**
	 * Waits for the words to be collected. A worker thread's failure shows here, while the caller can still read
	 * the notes again on its own thread; on this thread, nothing is collected early (a build that is deferred
	 * sorts when it is made).
	 */
	async settled(clock: Clock, sliceMs: number): Promise<void> {
		if (!this.collection.onAnotherThread) return;
		await this.collectedTerms(new TimeSlicer(clock, sliceMs));
	}

	/** Stops a worker thread collecting for a build that will not be made. */
	abandon(): void {
		this.collection.abandon();
	}

	/** The terms and the postings grouped by term and field, each group in shortId order; collected once, at the first call. */
	private collectedTerms(slicer: TimeSlicer): Promise<CollectedTerms> {
		this.collected ??= this.collection.collected(slicer);
		return this.collected;
	}

	/** The live index; terms are inserted in slices that give the host a turn every `sliceMs`. */
	async build(clock: Clock, sliceMs: number): Promise<MiniSearch<SectionDocument>> {
		const slicer = new TimeSlicer(clock, sliceMs);
		// The caller's last slice (indexing the last notes) may be used up: sorting starts on a fresh one.
		await slicer.yieldNow();
		const collected = await this.collectedTerms(slicer);
		// Installing the document tables takes a few tens of milliseconds on a large vault: start it on a fresh slice.
		await slicer.yieldNow();
		const search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
		installDocuments(search, await this.sectionTables(slicer));
		const terms = termIndexOf(search);
		// Inserted sorted, so the order the tree walks them in is known without walking it (see contents).
		for (const number of collected.sortedTerms) {
			terms.set(collected.terms[number] ?? "", this.termPostings(collected.postings, number));
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
		const { terms: byNumber, sortedTerms, postings } = await this.collectedTerms(slicer);
		const terms: (readonly [string, TermNumber])[] = [];
		for (let i = sortedTerms.length - 1; i >= 0; i--) {
			const number = sortedTerms[i] ?? 0;
			terms.push([byNumber[number] ?? "", number]);
		}
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
		const { lengths, averageFieldLength } = await this.collectedTerms(slicer);
		const tables = emptySectionTables();
		for (let shortId = 0; shortId < this.count; shortId++) {
			const turns = addSection(tables, shortId, this.ids[shortId] ?? "", this.lengthsOf(lengths, shortId), this.stored[shortId] ?? {}, slicer);
			if (turns) await turns;
			if ((shortId & 1023) === 1023 && slicer.due) await slicer.yieldNow();
		}
		return { ...tables, averageFieldLength };
	}

	/** A section's field lengths as MiniSearch keeps them: a plain array (its serialised form must not change). */
	private lengthsOf(lengths: Int32Array, shortId: number): number[] {
		return Array.from(lengths.subarray(shortId * this.fields.length, (shortId + 1) * this.fields.length));
	}

	/** MiniSearch's serialised form of what was collected (for tests: it must equal what `add` produces). */
	async toPlainObject(): Promise<AsPlainObject> {
		const collected = await this.collectedTerms(new TimeSlicer(unhurriedClock, Infinity));
		const index: AsPlainObject["index"] = [];
		collected.terms.forEach((term, number) => {
			const fields: Record<string, Record<string, number>> = {};
			for (const [fieldId, byDocument] of this.termPostings(collected.postings, number)) fields[fieldId] = Object.fromEntries(byDocument);
			index.push([term, fields]);
		});
		return { ...this.skeleton(collected), index };
	}

	private skeleton(collected: CollectedTerms): AsPlainObject {
		const fieldIds: Record<string, number> = {};
		this.fields.forEach((field, i) => (fieldIds[field] = i));
		return {
			documentCount: this.count,
			nextId: this.count,
			documentIds: Object.fromEntries(this.ids.entries()),
			fieldIds,
			fieldLength: Object.fromEntries(this.ids.map((_id, shortId) => [shortId, this.lengthsOf(collected.lengths, shortId)])),
			averageFieldLength: collected.averageFieldLength,
			storedFields: Object.fromEntries(this.stored.entries()),
			dirtCount: 0,
			index: [],
			serializationVersion: 2,
		};
	}
}
