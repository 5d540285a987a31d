/**
 * BM25F over the section index: each query term's frequencies in a section's fields are weighted, length
 * normalised per field and summed before one saturation, with one IDF per term across all fields.
 * MiniSearch instead scores every field apart (BM25+, with an IDF per field) and adds the results, so a word
 * of a note's title counted as a rare word again in every section of that note, and a term found in the
 * title, a heading and the body was paid three times over. Measured in bench/retrieval (see its README).
 */
import type { ScoringView, TermPostings } from "./minisearch-internals";
import { FrequencySums } from "./frequency-sums";
import { ScoredSections } from "./scored-sections";
import { TermSets } from "./term-sets";
import { PendingDocuments } from "./pending-documents";

/** One searched field: how much a word in it counts, and how much its length discounts it (BM25's b). */
export interface FieldWeight {
	weight: number;
	lengthNormalisation: number;
}

export interface FieldScoringOptions {
	fields: Readonly<Record<string, FieldWeight>>;
	/** BM25's k1: how fast repeated occurrences of a term stop adding. */
	saturation: number;
	/** Terms that may also match as a prefix (an unfinished last word), when absent from the index. */
	prefixTerms: ReadonlySet<string>;
	/** Terms at least this long, and absent from the index, may also match with a small typo. */
	fuzzyMinLength: number;
}

/** A query term as the scorer sees it: the index term and how many times the query holds it. */
export interface QueryTerm {
	term: string;
	count: number;
}

/** A prefix match counts half, a typo less; both shrink as the difference grows (MiniSearch's own weights). */
const PREFIX_WEIGHT = 0.5;
const FUZZY_WEIGHT = 0.3;
/** Typos allowed: 15% of the term's letters, at most 2. */
const FUZZY_SHARE = 0.15;
export const MAX_FUZZY = 2;

/** How many edits a typo of `term` may make (the query terms a fresh process loads, query-terms.ts, follow this too). */
export function typosAllowed(term: string): number {
	return Math.min(MAX_FUZZY, Math.round(term.length * FUZZY_SHARE));
}

/** Scores every section that matches any query term; also returns the IDF of each query term the vault holds (or a variant of it). */
export function scoreSections(
	view: ScoringView,
	terms: readonly QueryTerm[],
	options: FieldScoringOptions,
): { sections: ScoredSections; idf: Map<string, number> } {
	const sections = new ScoredSections(view.documentCount);
	const idf = new Map<string, number>();
	const sets = new TermSets();
	const fields = Object.entries(options.fields)
		.map(([name, weight]) => ({ id: view.fieldIds[name], ...weight }))
		.filter((field): field is FieldWeight & { id: number } => field.id !== undefined);
	const frequencies = new FrequencySums(view.documentCount);
	for (const { term, count } of terms) {
		for (const variant of variantsOf(view, term, options)) {
			frequencies.clear();
			addWeightedFrequencies(view, variant.postings, fields, frequencies);
			if (frequencies.sections.length === 0) continue;
			const termIdf = inverseDocumentFrequency(view.documentCount, frequencies.sections.length);
			// How much matching this term counts towards a note's coverage of the query: its IDF, or a variant's, discounted like its score.
			idf.set(term, Math.max(idf.get(term) ?? 0, variant.weight * termIdf));
			const factor = count * variant.weight * termIdf * (options.saturation + 1);
			for (const shortId of frequencies.sections) {
				const frequency = frequencies.sumOf(shortId);
				const score = (factor * frequency) / (frequency + options.saturation);
				const section = sections.get(shortId);
				if (section) {
					section.score += score;
					section.queryTerms = sets.with(section.queryTerms, term);
					section.matchedTerms = sets.with(section.matchedTerms, variant.term);
				} else {
					sections.add({ shortId, score, queryTerms: sets.with(sets.empty, term), matchedTerms: sets.with(sets.empty, variant.term) });
				}
			}
		}
	}
	return { sections, idf };
}

/**
 * Adds terms too common to walk their postings (see query-plan.ts) to sections already found by rarer terms:
 * each found section's frequency is looked up instead, so the cost follows the sections found, not the term's
 * thousands of occurrences. Such a term finds no section of its own (alone it would not rank one anyway),
 * but it still counts in the sections that have it, and towards a note's coverage of the question. Its IDF
 * comes from its most frequent field (a slight overestimate). Sets `idf` for each term it adds. Each field walks
 * the shorter of the found sections and the term's postings, so the cost is bounded by both.
 */
export function addCommonTerms(
	view: ScoringView,
	terms: readonly QueryTerm[],
	options: FieldScoringOptions,
	sections: ScoredSections,
	idf: Map<string, number>,
): void {
	const sets = new TermSets();
	const fields = Object.entries(options.fields)
		.map(([name, weight]) => ({ id: view.fieldIds[name], ...weight }))
		.filter((field): field is FieldWeight & { id: number } => field.id !== undefined);
	for (const { term, count } of terms) {
		const postings = view.postingsOf(term);
		if (!postings) continue;
		let containing = 0;
		for (const field of fields) containing = Math.max(containing, postings.get(field.id)?.size ?? 0);
		if (containing === 0) continue;
		const termIdf = inverseDocumentFrequency(view.documentCount, containing);
		idf.set(term, termIdf);
		const factor = count * termIdf * (options.saturation + 1);
		const frequencies = new Map<number, number>();
		for (const field of fields) {
			const documents = postings.get(field.id);
			if (!documents) continue;
			const add = (shortId: number, occurrences: number): void => {
				const lengths = view.fieldLength.get(shortId);
				if (!lengths) return;
				const b = field.lengthNormalisation;
				const normalised = (field.weight * occurrences) / (1 - b + (b * (lengths[field.id] ?? 0)) / (view.averageFieldLength[field.id] || 1));
				frequencies.set(shortId, (frequencies.get(shortId) ?? 0) + normalised);
			};
			// Walk whichever is shorter: the sections found, or this field's postings of the term. Postings not read
			// into a map yet are walked too: looking sections up would fill the map first, a walk of them all and more.
			if (documents.size < sections.size || (documents instanceof PendingDocuments && documents.pending)) {
				eachPosting(documents, (shortId, occurrences) => {
					if (sections.has(shortId)) add(shortId, occurrences);
				});
			} else {
				for (const shortId of sections.keys()) {
					const occurrences = documents.get(shortId);
					if (occurrences) add(shortId, occurrences);
				}
			}
		}
		for (const [shortId, frequency] of frequencies) {
			const section = sections.get(shortId);
			if (!section) continue;
			section.score += (factor * frequency) / (frequency + options.saturation);
			section.queryTerms = sets.with(section.queryTerms, term);
			section.matchedTerms = sets.with(section.matchedTerms, term);
		}
	}
}

/** BM25's IDF, never negative (a term in more than half the sections still counts a little). */
export function inverseDocumentFrequency(documents: number, containing: number): number {
	return Math.log(1 + (documents - containing + 0.5) / (containing + 0.5));
}

/** Each posting of a term in a field, in the map's order, without filling a map whose postings are still pending. */
function eachPosting(documents: Map<number, number>, visit: (shortId: number, frequency: number) => void): void {
	if (documents instanceof PendingDocuments) documents.readEach(visit);
	else for (const [shortId, frequency] of documents) visit(shortId, frequency);
}

/** Adds, per live section: Σ over fields of weight × frequency / (1 − b + b × length / average length). */
function addWeightedFrequencies(view: ScoringView, postings: TermPostings, fields: readonly (FieldWeight & { id: number })[], frequencies: FrequencySums): void {
	for (const field of fields) {
		const documents = postings.get(field.id);
		if (!documents) continue;
		const average = view.averageFieldLength[field.id] || 1;
		const b = field.lengthNormalisation;
		eachPosting(documents, (shortId, frequency) => {
			const lengths = view.fieldLength.get(shortId);
			// Discarded sections keep their postings until a vacuum; they have no lengths any more.
			if (!lengths) return;
			frequencies.add(shortId, (field.weight * frequency) / (1 - b + (b * (lengths[field.id] ?? 0)) / average));
		});
	}
}

interface TermVariant {
	term: string;
	weight: number;
	postings: TermPostings;
}

/**
 * The term itself; when the vault lacks it, the longer terms it is a prefix of (when allowed) and the terms a typo
 * away (measured in bench/retrieval, see its README), each group
 * in alphabetical order: MiniSearch's term tree yields them in an order that depends on how the tree was filled
 * (built, loaded whole, or loaded for one query), and the order scores are added in must not change a ranking.
 */
function variantsOf(view: ScoringView, term: string, options: FieldScoringOptions): TermVariant[] {
	const variants: TermVariant[] = [];
	const exact = view.postingsOf(term);
	if (exact) variants.push({ term, weight: 1, postings: exact });
	const seen = new Set([term]);
	// Both only for a term the vault lacks: a word it holds was most likely meant as typed. Its longer forms
	// are other words ("back" is not "backlink"; inflections already share its stem), and so are its near
	// spellings ("german" is not "perman", the stem of "permanent").
	if (!exact && options.prefixTerms.has(term)) {
		for (const [longer, postings] of alphabetically(view.withPrefix(term))) {
			if (seen.has(longer)) continue;
			seen.add(longer);
			const distance = longer.length - term.length;
			variants.push({ term: longer, weight: (PREFIX_WEIGHT * longer.length) / (longer.length + 0.3 * distance), postings });
		}
	}
	if (!exact && term.length >= options.fuzzyMinLength) {
		const distance = typosAllowed(term);
		for (const [near, postings, edits] of alphabetically(view.withinEdits(term, distance))) {
			if (seen.has(near) || edits === 0) continue;
			seen.add(near);
			variants.push({ term: near, weight: (FUZZY_WEIGHT * near.length) / (near.length + edits), postings });
		}
	}
	return variants;
}

function alphabetically<T extends [string, ...unknown[]]>(entries: Iterable<T>): T[] {
	return [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
