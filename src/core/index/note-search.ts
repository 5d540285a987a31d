/** Runs a query over the section index and turns the per-section results into one hit per note. */
import type MiniSearch from "minisearch";
import type { SearchOptions, SearchResult } from "minisearch";
import type { SectionDocument } from "./section-documents";
import { LABEL_FIELDS, prefixForLastWord } from "./search-options";
import { planQuery } from "./query-plan";
import { documentFrequency } from "./term-statistics";

/** One note found by a search, at its best-matching section. */
export interface SearchHit {
	/** Vault-relative path of the note. */
	path: string;
	title: string;
	/** The heading of the best-matching section; null when it is the text before the first heading. */
	heading: string | null;
	/** 0-based file line where that section starts. */
	line: number;
	score: number;
	/** A short excerpt around the match; empty until filled from the note's text. */
	snippet: string;
	/** Which of the note's indexed parts matched best (to find its text again). */
	ordinal: number;
	/** The index terms that matched, to place the snippet. */
	terms: string[];
}

/** The best notes for a natural-language query, one hit per note at its best section, without snippets. */
export function searchNotesIn(search: MiniSearch<SectionDocument>, query: string, limit: number, titleOf: (path: string) => string): SearchHit[] {
	const plan = planQuery(query, (term) => documentFrequency(search, term));
	if (plan.terms.length === 0) return [];
	// The plan's terms are already index terms: MiniSearch must not tokenize or stem them again.
	const options: SearchOptions = { tokenize: () => plan.terms, processTerm: (term) => term, prefix: prefixForLastWord(plan.lastWordKept) };
	let results = plan.labelsFirst ? search.search(plan.terms.join(" "), { ...options, fields: LABEL_FIELDS }) : [];
	if (results.length === 0) results = search.search(plan.terms.join(" "), options);
	return groupHitsByNote(results, limit, new Set(plan.terms).size, titleOf);
}

/**
 * How much a note gains for covering the whole question across its sections. Summing section scores
 * instead lets a long note win by mentioning the words in passing many times; rewarding coverage (the
 * share of distinct query terms found anywhere in the note, squared so that near-complete coverage
 * counts most) lifted recall@5 and MRR on both question sets in bench/retrieval.
 */
const COVERAGE_WEIGHT = 1;

/**
 * One hit per note: the note's best section, its score raised by how much of the query the note covers.
 * `queryTermCount` is the number of distinct index terms in the query.
 */
export function groupHitsByNote(
	results: readonly SearchResult[],
	limit: number,
	queryTermCount: number,
	titleOf: (path: string) => string,
): SearchHit[] {
	const byNote = new Map<string, { best: SearchResult; matched: Set<string> }>();
	for (const result of results) {
		const path = result.path as string;
		const seen = byNote.get(path);
		// MiniSearch returns results best first, so the first one of a note is its best section.
		if (seen) for (const term of result.queryTerms) seen.matched.add(term);
		else byNote.set(path, { best: result, matched: new Set(result.queryTerms) });
	}
	const ranked = [...byNote.entries()].map(([path, { best, matched }]) => {
		const coverage = Math.min(1, matched.size / Math.max(1, queryTermCount));
		return { path, best, score: best.score * (1 + COVERAGE_WEIGHT * coverage * coverage) };
	});
	return ranked
		.sort((a, b) => b.score - a.score)
		.slice(0, limit)
		.map(({ path, best, score }) => ({
			path,
			title: titleOf(path),
			heading: (best.heading as string | null) ?? null,
			line: best.line as number,
			score: Math.round(score * 1000) / 1000,
			snippet: "",
			ordinal: best.ordinal as number,
			terms: best.terms,
		}));
}
