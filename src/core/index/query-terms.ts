/**
 * The index terms a query can match, worked out from the list of the index's terms alone: a search in a fresh
 * process then reads the postings of these terms only (index-cache.ts), not the whole index.
 */
import { typosAllowed } from "./field-scoring";
import { FUZZY_MIN_LENGTH, MIN_PREFIX_LENGTH } from "./search-options";
import { termsOf } from "./text-analysis";

/**
 * Every term of the query (common ones too: they are scored where rarer ones matched), the longer forms of its
 * last word and every term a typo away from a long enough one (as many edits as field-scoring.ts allows it).
 * A superset of what note-search.ts looks up (a prefix only when planning kept the last word): an index
 * holding these terms' postings ranks the query exactly as the whole index does. One pass over the list:
 * building MiniSearch's own tree of 80,000 terms to ask it took longer than reading the whole index.
 */
export function termsAQueryCanMatch(query: string, vocabulary: Iterable<string>): Set<string> {
	const terms = termsOf(query);
	const wanted = new Set(terms);
	const last = terms[terms.length - 1];
	const prefix = last !== undefined && last.length >= MIN_PREFIX_LENGTH ? last : null;
	const fuzzy = [...new Set(terms.filter((term) => term.length >= FUZZY_MIN_LENGTH))]
		.map((term) => ({ term, edits: typosAllowed(term) }))
		.filter(({ edits }) => edits > 0)
		.map(({ term, edits }) => ({ term, edits, pieces: piecesOf(term, edits + 1) }));
	if (prefix === null && fuzzy.length === 0) return wanted;
	for (const known of vocabulary) {
		if (prefix !== null && known.startsWith(prefix)) wanted.add(known);
		for (let f = 0; f < fuzzy.length; f++) {
			const { term, edits, pieces } = fuzzy[f] as (typeof fuzzy)[number];
			if (Math.abs(term.length - known.length) > edits) continue;
			// Plain loops: this runs for every term of the vocabulary, mostly before the engine has optimised it.
			let holdsPiece = false;
			for (let p = 0; p < pieces.length && !holdsPiece; p++) holdsPiece = known.includes(pieces[p] as string);
			if (holdsPiece && withinEdits(term, known, edits)) wanted.add(known);
		}
	}
	return wanted;
}

/**
 * `term` cut into `count` pieces of about equal length. Within `count - 1` edits of `term`, a word still holds
 * one of them whole (each edit touches at most one piece), so a word that holds none is passed over without
 * working out its distance: most of a vocabulary of 80,000 terms.
 */
export function piecesOf(term: string, count: number): string[] {
	const pieces: string[] = [];
	for (let i = 0; i < count; i++) pieces.push(term.slice(Math.floor((i * term.length) / count), Math.floor(((i + 1) * term.length) / count)));
	return pieces;
}

/** Two rows of the edit-distance table, reused by every call (the list is walked once per long query term). */
let previousRow = new Int32Array(32);
let currentRow = new Int32Array(32);

/**
 * Whether `a` becomes `b` in at most `most` insertions, deletions or substitutions (Levenshtein, as MiniSearch's
 * fuzzy search counts them). Gives up as soon as a whole row of the table exceeds `most`: most terms of a
 * vocabulary differ from a query term within its first letters.
 */
export function withinEdits(a: string, b: string, most: number): boolean {
	if (Math.abs(a.length - b.length) > most) return false;
	if (previousRow.length <= b.length) {
		previousRow = new Int32Array(b.length + 1);
		currentRow = new Int32Array(b.length + 1);
	}
	let previous = previousRow;
	let current = currentRow;
	for (let j = 0; j <= b.length; j++) previous[j] = j;
	for (let i = 1; i <= a.length; i++) {
		current[0] = i;
		let rowBest = i;
		const letter = a.charCodeAt(i - 1);
		for (let j = 1; j <= b.length; j++) {
			const substitution = (previous[j - 1] as number) + (letter === b.charCodeAt(j - 1) ? 0 : 1);
			const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
			current[j] = value;
			if (value < rowBest) rowBest = value;
		}
		if (rowBest > most) return false;
		[previous, current] = [current, previous];
	}
	return (previous[b.length] as number) <= most;
}
