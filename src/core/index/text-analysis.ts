/** How text becomes index terms, the same way for notes and for queries: split, fold case and accents, drop stop words, stem. */
import { stemmer } from "stemmer";
import { STOP_WORDS } from "./stop-words";
import { detached } from "../notes/detached-string";

// Letters and digits make words; everything else separates them. Apostrophes inside words are kept
// for the stop-word check ("don't") and dropped afterwards.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
// The same words for text that is all ASCII (most notes), where a plain character class is twice as fast.
const ASCII_WORD = /[A-Za-z0-9]+(?:'[A-Za-z]+)*/g;
const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const MEMO_LIMIT = 200_000;

/** Splits text into raw words (case and accents untouched). */
export function tokenize(text: string): string[] {
	return text.match(NON_ASCII.test(text) ? WORD : ASCII_WORD) ?? [];
}

/** Like {@link tokenize}, with each word's offset in `text`, for snippets. */
export function tokenizeWithOffsets(text: string): { word: string; offset: number }[] {
	const words: { word: string; offset: number }[] = [];
	for (const match of text.matchAll(WORD)) words.push({ word: match[0], offset: match.index });
	return words;
}

// Stemming is the costly step and words repeat (Zipf), so each distinct word is processed once.
const memo = new Map<string, string | null>();

/** One word → its index term, or null when it carries no meaning for search (stop word, single letter). */
export function termOf(word: string): string | null {
	const cached = memo.get(word);
	if (cached !== undefined) return cached;
	const term = uncachedTermOf(word);
	if (memo.size >= MEMO_LIMIT) memo.clear();
	memo.set(word, term);
	return term;
}

/** {@link termOf} without its memo, for callers that meet each distinct word once anyway (a bulk build). */
export function uncachedTermOf(word: string): string | null {
	const lower = word.toLowerCase().replace(/’/g, "'");
	if (STOP_WORDS.has(lower)) return null;
	const folded = lower.normalize("NFD").replace(COMBINING_MARKS, "").replace(/'/g, "");
	if (folded.length < 2 && !/\d/.test(folded)) return null;
	// Numbers and mixed tokens (`q3`, `2026`) are kept as they are; only alphabetic words are stemmed.
	// A term lives as long as the index; the word it came from may be a view of a whole section (see detached-string.ts).
	if (!/^[a-z]+$/.test(folded)) return detached(folded);
	return detached(folded.length <= 3 ? folded : stemmer(folded));
}

/** All index terms of a text, in order. */
export function termsOf(text: string): string[] {
	const terms: string[] = [];
	for (const word of tokenize(text)) {
		const term = termOf(word);
		if (term !== null) terms.push(term);
	}
	return terms;
}
