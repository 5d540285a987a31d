import { describe, expect, it } from "vitest";
import { namesTitle } from "../../../src/core/index/title-phrase";
import { termsOf } from "../../../src/core/index/text-analysis";

describe("namesTitle", () => {
	it("is true when the query holds the whole title as a phrase, after stemming and stop words", () => {
		expect(namesTitle(termsOf("who owns the data pipeline migration?"), "Data pipeline migration")).toBe(true);
		expect(namesTitle(termsOf("how do I import from Apple Notes"), "Import from Apple Notes")).toBe(true);
	});

	it("is false for scattered title words, a partial title, or a one-word title", () => {
		expect(namesTitle(termsOf("migration of the data pipeline"), "Data pipeline migration")).toBe(false);
		expect(namesTitle(termsOf("pipeline migration"), "Data pipeline migration")).toBe(false);
		expect(namesTitle(termsOf("how do tabs work"), "Tabs")).toBe(false);
	});
});
