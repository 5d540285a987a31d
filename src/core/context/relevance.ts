/** Scores text pieces against the goal with BM25 over the pieces themselves, so ranking needs no index. */
import { termsOf } from "../index/text-analysis";

const K1 = 1.2;
const B = 0.75;

/**
 * One score per text, higher is more relevant to `query`. Term statistics come from `texts` alone:
 * what is rare among the candidate sections is what tells them apart. A query with no usable terms
 * scores everything 0, and the caller's order (document order) decides.
 */
export function relevanceScores(query: string, texts: readonly string[]): number[] {
	const queryTerms = [...new Set(termsOf(query))];
	if (queryTerms.length === 0 || texts.length === 0) return texts.map(() => 0);
	const termCounts = texts.map((text) => {
		const counts = new Map<string, number>();
		for (const term of termsOf(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
		return counts;
	});
	const lengths = termCounts.map((counts) => [...counts.values()].reduce((sum, n) => sum + n, 0));
	const averageLength = Math.max(1, lengths.reduce((sum, n) => sum + n, 0) / texts.length);
	const documentFrequency = new Map<string, number>();
	for (const term of queryTerms) documentFrequency.set(term, termCounts.filter((counts) => counts.has(term)).length);
	return termCounts.map((counts, i) => {
		let score = 0;
		for (const term of queryTerms) {
			const tf = counts.get(term) ?? 0;
			if (tf === 0) continue;
			const df = documentFrequency.get(term) ?? 0;
			const idf = Math.log(1 + (texts.length - df + 0.5) / (df + 0.5));
			score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * (lengths[i] ?? 0)) / averageLength));
		}
		return score;
	});
}
