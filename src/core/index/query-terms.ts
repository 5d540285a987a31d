/**
 * The index terms a query can match, worked out from the list of the index's terms alone: a search in a fresh
 * process then reads the postings of these terms only (index-cache.ts), not the whole index.
 */
import { MAX_FUZZY } from "./field-scoring";
import { FUZZY_MIN_LENGTH, MIN_PREFIX_LENGTH } from "./search-options";
import { termsOf } from "./text-analysis";

/**
 * Every term of the query (common ones too: they are scored where rarer ones matched), the longer forms of its
 * last word and every term a typo away from a long enough one. A superset of what note-search.ts looks up
 * (it allows fewer typos on shorter terms, and a prefix only when planning kept the last word): an index
 * holding these terms' postings ranks the query exactly as the whole index does. One pass over the list:
 * building MiniSearch's own tree of 80,000 terms to ask it took longer than reading the whole index.
 */
export function termsAQueryCanMatch(query: string, vocabulary: Iterable<string>): Set<string> {
	const terms = termsOf(query);
	const wanted = new Set(terms);
	const last = terms[terms.length - 1];
	const prefix = last !== undefined && last.length >= MIN_PREFIX_LENGTH ? last : null;
	const fuzzy = [...new Set(terms.filter((term) => term.length >= FUZZY_MIN_LENGTH))];
	if (prefix === null && fuzzy.length === 0) return wanted;
	for (const known of vocabulary) {
		if (prefix !== null && known.startsWith(prefix)) wanted.add(known);
		for (const term of fuzzy) if (withinEdits(term, known, MAX_FUZZY)) wanted.add(known);
	}
	return wanted;
}

/** Whether `a` becomes `b` in at most `most` insertions, deletions or substitutions (Levenshtein, as MiniSearch's fuzzy search counts them). */
export function withinEdits(a: string, b: string, most: number): boolean {
	if (Math.abs(a.length - b.length) > most) return false;
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let rowBest = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
			const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
			current.push(value);
			if (value < rowBest) rowBest = value;
		}
		if (rowBest > most) return false;
		previous = current;
	}
	return (previous[b.length] ?? Infinity) <= most;
}
