import { describe, expect, it } from "vitest";
import { FrequencySums } from "../../../src/core/index/frequency-sums";

describe("FrequencySums", () => {
	it("sums by section, lists the sections in the order first added, and clears for the next term", () => {
		const sums = new FrequencySums(8);
		sums.add(5, 1.5);
		sums.add(2, 1);
		sums.add(5, 0.25);
		expect(sums.sections).toEqual([5, 2]);
		expect(sums.sumOf(5)).toBe(1.75);
		sums.clear();
		expect(sums.sections).toEqual([]);
		expect(sums.sumOf(5)).toBe(0);
		sums.add(2, 3);
		expect(sums.sections).toEqual([2]);
		expect(sums.sumOf(2)).toBe(3);
	});

	it("takes short ids past the number it expected, keeping what it holds", () => {
		const sums = new FrequencySums(4);
		sums.add(3, 1);
		sums.add(1000, 2);
		sums.add(3, 1);
		expect(sums.sections).toEqual([3, 1000]);
		expect([sums.sumOf(3), sums.sumOf(1000)]).toEqual([2, 2]);
	});

	it("counts a section whose weighted frequency is zero once", () => {
		const sums = new FrequencySums(4);
		sums.add(1, 0);
		sums.add(1, 0);
		expect(sums.sections).toEqual([1]);
	});
});
