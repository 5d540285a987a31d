import { describe, expect, it } from "vitest";
import { groupHitsByNote } from "../../../src/core/index/note-search";
import type { SectionScore } from "../../../src/core/index/field-scoring";

const stored: Record<number, Record<string, unknown>> = {
	1: { path: "Rare.md", ordinal: 0, heading: null, line: 0 },
	2: { path: "Common.md", ordinal: 0, heading: null, line: 0 },
	3: { path: "Both.md", ordinal: 0, heading: "Intro", line: 0 },
	4: { path: "Both.md", ordinal: 1, heading: "Details", line: 9 },
};
const section = (shortId: number, score: number, terms: string[]): SectionScore => ({ shortId, score, queryTerms: new Set(terms), matchedTerms: new Set(terms) });
const storedOf = (shortId: number): Record<string, unknown> | undefined => stored[shortId];
const titleOf = (path: string): string => path.replace(/\.md$/, "");

describe("groupHitsByNote", () => {
	it("weighs coverage by IDF: covering the question's rare word beats covering its common one", () => {
		const weights = new Map([["quokka", 3], ["note", 0.5]]);
		const hits = groupHitsByNote([section(2, 10, ["note"]), section(1, 10, ["quokka"])], weights, 10, storedOf, titleOf);
		expect(hits.map((h) => h.path)).toEqual(["Rare.md", "Common.md"]);
	});

	it("gives one hit per note at its best section, with coverage from all its sections", () => {
		const weights = new Map([["quokka", 1], ["island", 1]]);
		const hits = groupHitsByNote([section(3, 5, ["quokka"]), section(4, 8, ["island"]), section(1, 8, ["island"])], weights, 10, storedOf, titleOf);
		expect(hits.map((h) => [h.path, h.heading, h.line])).toEqual([
			["Both.md", "Details", 9],
			["Rare.md", null, 0],
		]);
		// Both.md covers both words: its best section's 8 doubled; Rare.md covers half: 8 × 1.25.
		expect(hits[0]?.score).toBe(16);
		expect(hits[1]?.score).toBe(10);
	});

	it("lifts a note the query names by its title above one that scored a little higher", () => {
		const weights = new Map([["quokka", 1], ["island", 1]]);
		const sections = [section(1, 10, ["quokka", "island"]), section(2, 12, ["quokka", "island"])];
		expect(groupHitsByNote(sections, weights, 10, storedOf, titleOf)[0]?.path).toBe("Common.md");
		expect(groupHitsByNote(sections, weights, 10, storedOf, titleOf, (path) => path === "Rare.md")[0]?.path).toBe("Rare.md");
	});

	it("skips sections discarded since they were scored", () => {
		const hits = groupHitsByNote([section(99, 10, ["quokka"]), section(1, 1, ["quokka"])], new Map([["quokka", 1]]), 10, storedOf, titleOf);
		expect(hits.map((h) => h.path)).toEqual(["Rare.md"]);
	});
});
