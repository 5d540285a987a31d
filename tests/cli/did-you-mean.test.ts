import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "../../src/cli/did-you-mean";

describe("editDistance", () => {
	it.each([
		["review", "review", 0],
		["revew", "review", 1],
		["Review", "review", 0],
		["kitten", "sitting", 3],
		["", "abc", 3],
	])("%s → %s is %i", (a, b, distance) => {
		expect(editDistance(a, b)).toBe(distance);
	});
});

describe("closestName", () => {
	const flags = ["vault", "approve", "feedback", "revise", "remember", "dry-run", "due"];
	it("prefers a name that starts with what was typed, then the nearest plausible one", () => {
		expect(closestName("dry", flags)).toBe("dry-run");
		expect(closestName("aprove", flags)).toBe("approve");
		expect(closestName("vaultt", flags)).toBe("vault");
	});
	it("suggests nothing for a word that is no typo of any name", () => {
		expect(closestName("frobnicate", flags)).toBeNull();
		expect(closestName("x", [])).toBeNull();
	});
});
