import { describe, expect, it } from "vitest";
import { ScoredSections } from "../../../src/core/index/scored-sections";
import type { SectionScore } from "../../../src/core/index/scored-sections";

const scored = (shortId: number, score: number): SectionScore => ({ shortId, score, queryTerms: new Set(["quokka"]), matchedTerms: new Set(["quokka"]) });

describe("ScoredSections", () => {
	it("finds sections by short id and lists them in the order found", () => {
		const sections = new ScoredSections(10);
		sections.add(scored(7, 1));
		sections.add(scored(0, 2));
		expect(sections.size).toBe(2);
		expect(sections.get(7)?.score).toBe(1);
		expect(sections.has(0)).toBe(true);
		expect(sections.has(3)).toBe(false);
		expect(sections.get(99)).toBeUndefined();
		expect(sections.values().map((s) => s.shortId)).toEqual([7, 0]);
		expect([...sections.keys()]).toEqual([7, 0]);
		expect([...sections].map(([id, s]) => [id, s.score])).toEqual([[7, 1], [0, 2]]);
	});

	it("takes short ids past the number it expected", () => {
		const sections = new ScoredSections(2);
		sections.add(scored(1, 1));
		sections.add(scored(50_000, 2));
		expect(sections.get(1)?.score).toBe(1);
		expect(sections.get(50_000)?.score).toBe(2);
	});
});
