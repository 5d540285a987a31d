import { describe, expect, it } from "vitest";
import { namesTitle } from "../../../src/core/index/title-words";
import { termsOf } from "../../../src/core/index/text-analysis";

const query = (text: string): Set<string> => new Set(termsOf(text));

describe("namesTitle", () => {
	it("is true when the query holds every word of the title, after stemming and stop words, in any order", () => {
		expect(namesTitle(query("who owns the data pipeline migration?"), "Data pipeline migration")).toBe(true);
		expect(namesTitle(query("imported everything from apple notes"), "Import from Apple Notes")).toBe(true);
		expect(namesTitle(query("migration of the data pipeline"), "Data pipeline migration")).toBe(true);
	});

	it("is false for a partial title or a one-word title", () => {
		expect(namesTitle(query("pipeline migration"), "Data pipeline migration")).toBe(false);
		expect(namesTitle(query("how do tabs work"), "Tabs")).toBe(false);
		expect(namesTitle(query("anything"), "")).toBe(false);
	});
});
