/**
 * The index terms a query can match, worked out from the list of the index's terms alone: a search in a fresh
 * process then reads the postings of these terms only (index-cache.ts), not the whole index.
 */
import { typosAllowed } from "./field-scoring";
import { FUZZY_MIN_LENGTH, MIN_PREFIX_LENGTH } from "./search-options";
import { termsOf } from "./text-analysis";

/**
 * The terms of `list` (index terms, one a line, as the cache stores them) that `query` can match, in the list's
 * order: the query's own terms and, for those the list lacks (field-scoring.ts expands no other), the longer
 * forms of its last word and every term a typo away from a long enough one (as many edits as field-scoring.ts
 * allows). A superset of what note-search.ts looks up (a prefix only when planning kept the last word; a term
 * held in another part of the list is expanded here too): an index holding these terms' postings ranks the
 * query exactly as the whole index does. The list is searched as one string (String.indexOf runs natively): walking 80,000 terms one by one,
 * or building MiniSearch's own tree of them, took longer than the rest of a search.
 */
export function termsAQueryCanMatchIn(query: string, list: string): string[] {
	const terms = termsOf(query);
	const text = `\n${list}\n`;
	// Each matching term by where its line starts, so the result keeps the list's order.
	const found = new Map<number, string>();
	const lineAt = (at: number): [number, string] => {
		const start = text.lastIndexOf("\n", at) + 1;
		return [start, text.slice(start, text.indexOf("\n", at))];
	};
	const everyStart = (needle: string, onEach: (at: number) => void): void => {
		for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) onEach(at);
	};
	// The ranking looks for longer forms and typos of a term only when the vault lacks it (field-scoring.ts).
	const held = new Set<string>();
	for (const term of new Set(terms)) {
		const at = text.indexOf(`\n${term}\n`);
		if (at >= 0 && term !== "") {
			found.set(at + 1, term);
			held.add(term);
		}
	}
	const last = terms[terms.length - 1];
	if (last !== undefined && last.length >= MIN_PREFIX_LENGTH && !held.has(last)) {
		everyStart(`\n${last}`, (at) => {
			const [start, term] = lineAt(at + 1);
			found.set(start, term);
		});
	}
	for (const term of new Set(terms.filter((word) => word.length >= FUZZY_MIN_LENGTH && !held.has(word)))) {
		const edits = typosAllowed(term);
		if (edits <= 0) continue;
		const checked = new Set<number>();
		// Within `edits` edits a term holds one of `edits + 1` pieces of the query term whole (each edit touches at most one).
		for (const piece of piecesOf(term, edits + 1)) {
			everyStart(piece, (at) => {
				const [start, known] = lineAt(at);
				if (checked.has(start)) return;
				checked.add(start);
				if (Math.abs(known.length - term.length) <= edits && withinEdits(term, known, edits)) found.set(start, known);
			});
		}
	}
	return [...found].sort((a, b) => a[0] - b[0]).map(([, term]) => term);
}

/**
 * `term` cut into `count` pieces of about equal length. Within `count - 1` edits of `term`, a word still holds
 * one of them whole (each edit touches at most one piece), so only words that hold one need their distance.
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
