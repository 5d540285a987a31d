import { describe, expect, it } from "vitest";
import { groupHitsByNote } from "../../../src/core/index/note-search";
import type { SectionScore } from "../../../src/core/index/scored-sections";

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

	it("ranks only the notes that can reach the places shown, with the same first places as ranking them all", () => {
		// A made-up vault: 300 notes, 700 sections with scores from 1 to 1000, a tenth of the notes named by the query.
		let seed = 7;
		const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const notes = Array.from({ length: 300 }, (_, i) => `N${i}.md`);
		const table = Array.from({ length: 700 }, (_, i) => ({ path: notes[Math.floor(next() * notes.length)], ordinal: i, heading: null, line: i }));
		const terms = ["quokka", "island", "ferry"];
		const sections = table.map((_, i) => section(i, 1 + next() * 999, terms.filter(() => next() < 0.6).concat("quokka")));
		const named = new Set(notes.filter(() => next() < 0.1));
		const weights = new Map([["quokka", 0.5], ["island", 1], ["ferry", 2]]);
		const group = (limit: number, isNamed: (path: string) => boolean): string[] =>
			groupHitsByNote(sections, weights, limit, (shortId) => table[shortId], titleOf, isNamed).map((hit) => `${hit.path} ${hit.score}`);
		// With every note shown nothing is left out of the ranking: the first places of a short list must be the same.
		const everyNote = group(notes.length, (path) => named.has(path));
		for (const limit of [1, 3, 10, 40]) expect(group(limit, (path) => named.has(path))).toEqual(everyNote.slice(0, limit));
		// The title bonus is asked only of notes whose doubled score reaches the last place kept.
		const asked: string[] = [];
		group(3, (path) => (asked.push(path), named.has(path)));
		expect(asked.length).toBeGreaterThan(0);
		expect(asked.length).toBeLessThan(notes.length / 2);
	});
});
