/** Scores text pieces against the goal with BM25 over the pieces themselves, so ranking needs no index. */
import { termOf, termsOf } from "../index/text-analysis";
import { WordInterner } from "../index/word-interner";

const K1 = 1.2;
const B = 0.75;

/** A text's length in terms, and how often each of the query's terms occurs in it. */
interface TextCounts {
	length: number;
	counts: Map<string, number>;
}

/**
 * One score per text, higher is more relevant to `query`. Term statistics come from `texts` alone:
 * what is rare among the candidate sections is what tells them apart. A query with no usable terms
 * scores everything 0, and the caller's order (document order) decides.
 */
export function relevanceScores(query: string, texts: readonly string[]): number[] {
	const queryTerms = [...new Set(termsOf(query))];
	if (queryTerms.length === 0 || texts.length === 0) return texts.map(() => 0);
	const textCounts = countQueryTerms(new Set(queryTerms), texts);
	const averageLength = Math.max(1, textCounts.reduce((sum, text) => sum + text.length, 0) / texts.length);
	const documentFrequency = new Map<string, number>();
	for (const term of queryTerms) documentFrequency.set(term, textCounts.filter((text) => text.counts.has(term)).length);
	return textCounts.map(({ counts, length }) => {
		let score = 0;
		for (const term of queryTerms) {
			const tf = counts.get(term) ?? 0;
			if (tf === 0) continue;
			const df = documentFrequency.get(term) ?? 0;
			const idf = Math.log(1 + (texts.length - df + 0.5) / (df + 0.5));
			score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength));
		}
		return score;
	});
}

/**
 * Each text's length in terms and its counts of the query's terms only. A preview scores a few hundred
 * candidate sections for every goal: counting every term of every section in a map of its own, each word a
 * fresh string, was a fifth of the preview. Words are numbered as they are found (as the index's bulk build
 * does), so each distinct word is turned into its term once.
 */
function countQueryTerms(wanted: ReadonlySet<string>, texts: readonly string[]): TextCounts[] {
	const interner = new WordInterner();
	/**
	 * By word number, once met: its term if the query holds it, null for a term the query lacks, false for a
	 * word that is no term (a stop word); undefined until met.
	 */
	const wantedTermOf: (string | null | false | undefined)[] = [];
	return texts.map((text) => {
		const counts = new Map<string, number>();
		let length = 0;
		const found = interner.scan(text);
		for (let k = 0; k < found; k++) {
			const word = interner.ids[k] ?? 0;
			let term = wantedTermOf[word];
			if (term === undefined) {
				const processed = termOf(interner.words[word] ?? "");
				term = wantedTermOf[word] = processed === null ? false : wanted.has(processed) ? processed : null;
			}
			if (term === false) continue;
			length++;
			if (term !== null) counts.set(term, (counts.get(term) ?? 0) + 1);
		}
		return { length, counts };
	});
}
