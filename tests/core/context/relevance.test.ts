/** relevanceScores: BM25 over the candidate texts alone, so the section with the goal's words ranks first. */
import { describe, expect, it } from "vitest";
import { relevanceScores } from "../../../src/core/context/relevance";
import { termsOf } from "../../../src/core/index/text-analysis";

/** BM25 as written plainly (every term of every text counted from termsOf): what the counting shortcut must equal. */
function plainScores(query: string, texts: readonly string[]): number[] {
	const queryTerms = [...new Set(termsOf(query))];
	if (queryTerms.length === 0 || texts.length === 0) return texts.map(() => 0);
	const counts = texts.map((text) => {
		const byTerm = new Map<string, number>();
		for (const term of termsOf(text)) byTerm.set(term, (byTerm.get(term) ?? 0) + 1);
		return byTerm;
	});
	const lengths = counts.map((byTerm) => [...byTerm.values()].reduce((sum, n) => sum + n, 0));
	const average = Math.max(1, lengths.reduce((sum, n) => sum + n, 0) / texts.length);
	return counts.map((byTerm, i) => {
		let score = 0;
		for (const term of queryTerms) {
			const tf = byTerm.get(term) ?? 0;
			if (tf === 0) continue;
			const df = counts.filter((other) => other.has(term)).length;
			const idf = Math.log(1 + (texts.length - df + 0.5) / (df + 0.5));
			score += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * (lengths[i] ?? 0)) / average));
		}
		return score;
	});
}

const SECTIONS = [
	"## Summary\nThe contract ends on 2026-12-31 and the team meets every Tuesday.",
	"## Background\nUsage fell over the third quarter; analysts export to spreadsheets.",
	"## Risks\nAcme may walk to Quantra over price. The risk is medium; a price cap mitigates it.",
	"## Status log\nOffer presented on the call, procurement to respond by Friday.",
];

function ranking(scores: number[]): number[] {
	return scores.map((score, i) => ({ score, i })).sort((a, b) => b.score - a.score || a.i - b.i).map((entry) => entry.i);
}

describe("relevanceScores", () => {
	it("ranks the section holding the goal's words first", () => {
		const scores = relevanceScores("What are the risks of Acme leaving for Quantra?", SECTIONS);
		expect(scores).toHaveLength(SECTIONS.length);
		expect(ranking(scores)[0]).toBe(2);
		expect(scores[2]).toBeGreaterThan(0);
		expect(scores[0]).toBe(0);
	});

	it("matches word forms through stemming and ignores case and accents", () => {
		const scores = relevanceScores("RISKY exports", ["no match here", "the risk of exporting", "Exportación de datos"]);
		expect(ranking(scores)[0]).toBe(1);
		expect(scores[0]).toBe(0);
	});

	it("weighs rare terms above common ones", () => {
		const texts = ["acme acme acme report", "acme quantra", "acme weekly", "acme notes"];
		const scores = relevanceScores("acme quantra", texts);
		expect(ranking(scores)[0]).toBe(1);
	});

	it("prefers a short focused text over a long one with the same matches", () => {
		const long = `pricing ${"filler words about nothing in particular ".repeat(40)}`;
		const scores = relevanceScores("pricing", [long, "pricing decision"]);
		expect(scores[1]).toBeGreaterThan(scores[0] ?? 0);
	});

	it("scores everything 0 when the goal has no usable words, and nothing for no texts", () => {
		expect(relevanceScores("the and of", SECTIONS)).toEqual([0, 0, 0, 0]);
		expect(relevanceScores("", SECTIONS)).toEqual([0, 0, 0, 0]);
		expect(relevanceScores("risks", [])).toEqual([]);
	});

	it("gives exactly the scores of plain BM25 over every term, on text in many scripts and shapes", () => {
		const pieces = ["risk", "risks", "Risky", "don't", "rock’n’roll", "the", "and", "Acme", "ACME", "café", "cafe", "naïve", "東京", "Ελλάδα", "q3", "2026", "a", "I", "x1", "'quoted'", "e-mail", "\u{1D400}bc", "ǅemal", "ﬁle", "exports", "exporting", "#tag", "[[Link]]", "`code`"];
		let seed = 11;
		const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
		const text = (words: number): string => Array.from({ length: words }, () => pieces[next() % pieces.length]).join(next() % 5 === 0 ? "\n" : " ");
		for (let round = 0; round < 20; round++) {
			const texts = Array.from({ length: 1 + (next() % 12) }, () => text(next() % 60));
			const query = text(1 + (next() % 6));
			expect(relevanceScores(query, texts), query).toEqual(plainScores(query, texts));
		}
	});
});
