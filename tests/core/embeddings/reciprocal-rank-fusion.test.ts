import { describe, expect, it } from "vitest";
import { fuseRankings, RRF_K } from "../../../src/core/embeddings/reciprocal-rank-fusion";

describe("fuseRankings", () => {
	it("scores each id by the sum of 1 / (k + rank) over the rankings that hold it", () => {
		const fused = fuseRankings([
			["a", "b", "c"],
			["c", "a", "d"],
		]);
		const score = Object.fromEntries(fused.map((item) => [item.id, item.score]));
		expect(score.a).toBeCloseTo(1 / (RRF_K + 1) + 1 / (RRF_K + 2));
		expect(score.c).toBeCloseTo(1 / (RRF_K + 3) + 1 / (RRF_K + 1));
		expect(score.b).toBeCloseTo(1 / (RRF_K + 2));
		expect(score.d).toBeCloseTo(1 / (RRF_K + 3));
		expect(fused.map((item) => item.id)).toEqual(["a", "c", "b", "d"]);
	});

	it("lifts an item both rankings agree on above one ranking's top hit", () => {
		const fused = fuseRankings([
			["lexical-only", "both"],
			["meaning-only", "both"],
		]);
		expect(fused[0]?.id).toBe("both");
	});

	it("breaks ties by first appearance, the first ranking first", () => {
		expect(fuseRankings([["x"], ["y"]]).map((item) => item.id)).toEqual(["x", "y"]);
		expect(fuseRankings([["y"], ["x"]]).map((item) => item.id)).toEqual(["y", "x"]);
	});

	it("counts an id listed twice in one ranking at its best rank only", () => {
		const [only] = fuseRankings([["a", "a"]]);
		expect(only?.score).toBeCloseTo(1 / (RRF_K + 1));
	});

	it("uses the k it is given", () => {
		expect(fuseRankings([["a"]], 0)[0]?.score).toBe(1);
	});
});
