import { describe, expect, it } from "vitest";
import { TermSets } from "../../../src/core/index/term-sets";

describe("TermSets", () => {
	it("gives the same set for the same terms added in the same order, and never changes one", () => {
		const sets = new TermSets();
		const a = sets.with(sets.empty, "quokka");
		const ab = sets.with(a, "island");
		expect(sets.with(sets.with(sets.empty, "quokka"), "island")).toBe(ab);
		expect([...ab]).toEqual(["quokka", "island"]);
		expect([...a]).toEqual(["quokka"]);
		expect(sets.empty.size).toBe(0);
		expect(sets.with(ab, "quokka")).toBe(ab);
	});

	it("keeps the order terms were added in, as a Set of its own would", () => {
		const sets = new TermSets();
		const ba = sets.withAll(sets.empty, ["island", "quokka"]);
		const ab = sets.withAll(sets.empty, ["quokka", "island"]);
		expect(ba).not.toBe(ab);
		expect([...ba]).toEqual(["island", "quokka"]);
		expect([...sets.withAll(ba, ab)]).toEqual(["island", "quokka"]);
	});

	it("starts from a set made elsewhere without changing it", () => {
		const sets = new TermSets();
		const own = new Set(["ferry"]);
		expect([...sets.with(own, "island")]).toEqual(["ferry", "island"]);
		expect([...own]).toEqual(["ferry"]);
	});
});
