import { describe, expect, it } from "vitest";
import MiniSearch from "minisearch";
import { COMMON_TERM_SECTIONS, planQuery } from "../../../src/core/index/query-plan";
import { documentFrequency } from "../../../src/core/index/term-statistics";
import { MINISEARCH_OPTIONS } from "../../../src/core/index/search-options";
import type { SectionDocument } from "../../../src/core/index/section-documents";

const frequencies: Record<string, number> = { note: 5000, sync: 3000, phone: 40, quokka: 1 };
const df = (term: string): number => frequencies[term] ?? 0;

describe("planQuery", () => {
	it("keeps every term of a query over a small vault", () => {
		expect(planQuery("how do I sync my phone", () => 10)).toEqual({ terms: ["sync", "phone"], skipped: [], lastWordKept: true, labelsFirst: false });
	});

	it("skips terms found in more than the common-term limit of sections when rarer terms exist", () => {
		expect(frequencies.note).toBeGreaterThan(COMMON_TERM_SECTIONS);
		const plan = planQuery("sync note to my phone", df);
		expect(plan.terms).toEqual(["phone"]);
		expect(plan.skipped).toEqual(["sync", "note"]);
		expect(plan.lastWordKept).toBe(true);
		expect(plan.labelsFirst).toBe(false);
	});

	it("keeps the rarest term, searched in labels first, when every term is common", () => {
		expect(planQuery("note sync", df)).toEqual({ terms: ["sync"], skipped: ["note"], lastWordKept: true, labelsFirst: true });
	});

	it("keeps a repeated word twice and says when the last word was dropped", () => {
		const plan = planQuery("quokka quokka note", df);
		expect(plan.terms).toEqual(["quokka", "quokka"]);
		expect(plan.lastWordKept).toBe(false);
	});

	it("plans nothing for a query of stop words only", () => {
		expect(planQuery("how do I", df).terms).toEqual([]);
	});
});

describe("documentFrequency", () => {
	// Reads MiniSearch's internal postings: this test is what fails if an upgrade changes them.
	it("counts the sections a term occurs in, per its most frequent field", () => {
		const search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
		const doc = (id: number, title: string, body: string): SectionDocument => ({
			id: `n${id}.md#0`,
			path: `n${id}.md`,
			ordinal: 0,
			heading: null,
			line: 0,
			title,
			aliases: "",
			headings: "",
			tags: "",
			description: "",
			body,
		});
		search.addAll([doc(1, "Otters", "otters swim"), doc(2, "Rivers", "otters and rivers"), doc(3, "Lakes", "lakes")]);
		expect(documentFrequency(search, "otter")).toBe(2);
		expect(documentFrequency(search, "lake")).toBe(1);
		expect(documentFrequency(search, "absent")).toBe(0);
	});
});
