/** relevanceScores: BM25 over the candidate texts alone, so the section with the goal's words ranks first. */
import { describe, expect, it } from "vitest";
import { relevanceScores } from "../../../src/core/context/relevance";

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
});
