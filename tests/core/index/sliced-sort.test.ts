/** Sorting in slices: the built-in order, in pieces that give the host a turn. */
import { describe, expect, it } from "vitest";
import { sortInSlices } from "../../../src/core/index/sliced-sort";
import { countingSlicer } from "../../helpers/counting-clock";

/** A deterministic mix: ASCII, accents, CJK, astral characters (surrogate pairs), prefixes of each other, repeats. */
function words(count: number): string[] {
	const pieces = ["a", "ab", "abc", "z", "é", "東", "京", "\u{1F600}", "\u{10400}", "0", "9", "q3", "year", "years", "ǅ", "ﬃ"];
	let seed = 7;
	const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
	return Array.from({ length: count }, () => Array.from({ length: 1 + (next() % 4) }, () => pieces[next() % pieces.length]).join(""));
}

/** A clock that moves a millisecond a reading, so a 5 ms slice runs out every few checks. */
const slicer = (): ReturnType<typeof countingSlicer> => countingSlicer(5);

describe("sortInSlices", () => {
	it("gives the built-in sort's order for any length, runs and merges included", async () => {
		for (const count of [0, 1, 2, 4095, 4096, 4097, 9000, 20_000]) {
			const items = words(count);
			expect(await sortInSlices(items, slicer().slicer), `${count} words`).toEqual([...items].sort());
		}
	});

	it("leaves its input as it was and gives the host turns on a long sort", async () => {
		const items = words(20_000);
		const before = [...items];
		const { slicer: slices, yields } = slicer();
		await sortInSlices(items, slices);
		expect(items).toEqual(before);
		expect(yields()).toBeGreaterThan(3);
	});
});
