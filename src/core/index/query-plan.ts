/** Decides which of a query's terms to search for: all of them, except very common ones when rarer ones exist. */
import { termsOf } from "./text-analysis";

/**
 * A term found in more sections than this does not find sections itself in a query that has rarer terms: it is
 * only counted in the sections the rarer terms found (field-scoring.ts, addCommonTerms). Walking such a term's
 * postings costs time per section it occurs in, for sections that would not rank anyway. Measured in bench: on
 * the 10k-note synthetic vault, query p95 fell from about 120 ms to about 10 ms. Dropping such terms entirely,
 * as planning once did, cost the D&D SRD held-out set 0.02 of MRR (1,028 notes in 3,700
 * sections, where "attack", "spell", "damage" and "hit" pass the limit and still matter).
 */
export const COMMON_TERM_SECTIONS = 1000;

/** When every term is common, only the rarest is searched: each extra common term costs a scan of most of the index. */
const RAREST_KEPT_WHEN_ALL_COMMON = 1;

export interface QueryPlan {
	/** Index terms to search for, in query order; a word typed twice counts twice, as it did before planning. */
	terms: string[];
	/** Common terms: not searched for, only counted where the others matched. */
	skipped: string[];
	/** Whether the query's last word is among `terms` (only it may be an unfinished word). */
	lastWordKept: boolean;
	/**
	 * True when every term is common: then only titles, aliases, headings, tags and descriptions are
	 * searched first, since a word found in most sections' text says nothing, while the same word in a
	 * title does, and scanning its occurrences in every body is what made such queries slow.
	 */
	labelsFirst: boolean;
}

export function planQuery(query: string, documentFrequency: (term: string) => number): QueryPlan {
	const all = termsOf(query);
	const unique = [...new Set(all)];
	const last = all[all.length - 1];
	const frequencies = new Map(unique.map((term) => [term, documentFrequency(term)]));
	const rare = unique.filter((term) => (frequencies.get(term) ?? 0) <= COMMON_TERM_SECTIONS);
	let terms = rare;
	if (rare.length === 0) {
		const rarest = [...unique].sort((a, b) => (frequencies.get(a) ?? 0) - (frequencies.get(b) ?? 0)).slice(0, RAREST_KEPT_WHEN_ALL_COMMON);
		terms = unique.filter((term) => rarest.includes(term));
	}
	return {
		terms: all.filter((term) => terms.includes(term)),
		skipped: unique.filter((term) => !terms.includes(term)),
		lastWordKept: last !== undefined && terms.includes(last),
		labelsFirst: rare.length === 0 && unique.length > 0,
	};
}
