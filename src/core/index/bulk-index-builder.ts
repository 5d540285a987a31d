/**
 * Builds a whole index at once, much faster than adding documents one by one: MiniSearch's `add` walks its
 * radix tree for every word occurrence, which was two thirds of a cold build; here occurrences are counted
 * in hash maps and each distinct term enters the tree once.
 */
import MiniSearch, { type AsPlainObject } from "minisearch";
import type { Clock } from "../ports/clock";
import type { SectionDocument } from "./section-documents";
import { MINISEARCH_OPTIONS, STORED_FIELDS } from "./search-options";
import { termIndexOf, type TermPostings } from "./minisearch-internals";

/** Collects documents exactly as `MiniSearch.add` would index them (tests compare the two), then builds the index. */
export class BulkIndexBuilder {
	private readonly postings = new Map<string, TermPostings>();
	private readonly documentIds: Record<number, string> = {};
	private readonly fieldLength: Record<number, number[]> = {};
	private readonly storedFields: Record<number, Record<string, unknown>> = {};
	private readonly averageFieldLength: number[] = [];
	private readonly fields = MINISEARCH_OPTIONS.fields;
	private count = 0;

	addAll(documents: readonly SectionDocument[]): void {
		for (const document of documents) this.add(document);
	}

	add(document: SectionDocument): void {
		const { tokenize, processTerm } = MINISEARCH_OPTIONS;
		if (!tokenize || !processTerm) throw new Error("the index options lost their tokenizer");
		const shortId = this.count;
		this.documentIds[shortId] = document.id;
		const stored: Record<string, unknown> = {};
		for (const field of STORED_FIELDS) if (document[field] !== undefined) stored[field] = document[field];
		this.storedFields[shortId] = stored;
		const lengths: number[] = [];
		for (let fieldId = 0; fieldId < this.fields.length; fieldId++) {
			const field = this.fields[fieldId] ?? "";
			const tokens = tokenize(String(document[field as keyof SectionDocument] ?? ""), field);
			// MiniSearch counts a field's length in distinct raw tokens, and keeps a running mean.
			const length = new Set(tokens).size;
			lengths[fieldId] = length;
			this.averageFieldLength[fieldId] = ((this.averageFieldLength[fieldId] ?? 0) * shortId + length) / (shortId + 1);
			for (const token of tokens) {
				const term = processTerm(token, field);
				if (typeof term !== "string" || term === "") continue;
				let byField = this.postings.get(term);
				if (!byField) this.postings.set(term, (byField = new Map<number, Map<number, number>>()));
				let byDocument = byField.get(fieldId);
				if (!byDocument) byField.set(fieldId, (byDocument = new Map<number, number>()));
				byDocument.set(shortId, (byDocument.get(shortId) ?? 0) + 1);
			}
		}
		this.fieldLength[shortId] = lengths;
		this.count++;
	}

	/** The live index; terms are inserted in slices that give the host a turn every `sliceMs`. */
	async build(clock: Clock, sliceMs: number): Promise<MiniSearch<SectionDocument>> {
		const search = MiniSearch.loadJS<SectionDocument>(this.skeleton(), MINISEARCH_OPTIONS);
		const terms = termIndexOf(search);
		let sliceStart = clock.now();
		let count = 0;
		for (const [term, postings] of this.postings) {
			terms.set(term, postings);
			if ((++count & 255) === 0 && clock.now() - sliceStart >= sliceMs) {
				await clock.yieldToHost();
				sliceStart = clock.now();
			}
		}
		return search;
	}

	/** MiniSearch's serialised form of what was collected (for tests: it must equal what `add` produces). */
	toPlainObject(): AsPlainObject {
		const index: AsPlainObject["index"] = [];
		for (const [term, byField] of this.postings) {
			const fields: Record<string, Record<string, number>> = {};
			for (const [fieldId, byDocument] of byField) fields[fieldId] = Object.fromEntries(byDocument);
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
			documentIds: this.documentIds,
			fieldIds,
			fieldLength: this.fieldLength,
			averageFieldLength: this.averageFieldLength,
			storedFields: this.storedFields,
			dirtCount: 0,
			index: [],
			serializationVersion: 2,
		};
	}
}
