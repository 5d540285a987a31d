import { describe, expect, it } from "vitest";
import MiniSearch from "minisearch";
import { addCommonTerms, inverseDocumentFrequency, scoreSections, type FieldScoringOptions } from "../../../src/core/index/field-scoring";
import { scoringViewOf } from "../../../src/core/index/minisearch-internals";
import { FIELD_WEIGHTS, MINISEARCH_OPTIONS } from "../../../src/core/index/search-options";
import type { SectionDocument } from "../../../src/core/index/section-documents";

const doc = (id: string, title: string, body: string, heading = ""): SectionDocument => ({
	id,
	path: `${id.split("#")[0] ?? id}`,
	ordinal: Number(id.split("#")[1] ?? 0),
	heading: heading || null,
	line: 0,
	title,
	aliases: "",
	headings: heading,
	tags: "",
	description: "",
	body,
});

function indexOf(documents: SectionDocument[]): MiniSearch<SectionDocument> {
	const search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
	search.addAll(documents);
	return search;
}

const options: FieldScoringOptions = { fields: FIELD_WEIGHTS, saturation: 1.2, prefixTerms: new Set(), fuzzyMinLength: 6 };
const filler = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

function scores(search: MiniSearch<SectionDocument>, terms: string[], with_: Partial<FieldScoringOptions> = {}): Map<string, number> {
	const { sections } = scoreSections(scoringViewOf(search), terms.map((term) => ({ term, count: 1 })), { ...options, ...with_ });
	const ids = new Map<number, string>();
	const internal = search as unknown as { _documentIds: Map<number, string> };
	for (const [shortId, id] of internal._documentIds) ids.set(shortId, id);
	return new Map([...sections.values()].map((s) => [ids.get(s.shortId) ?? "?", s.score]));
}

describe("scoreSections (BM25F)", () => {
	it("saturates a term once across fields: title and body together score less than apart, more than either", () => {
		const search = indexOf([
			doc("both.md#0", "Otters", "otters swim"),
			doc("title.md#0", "Otters", "rivers swim"),
			doc("body.md#0", "Rivers", "otters swim"),
			doc("other.md#0", "Lakes", "lakes swim"),
		]);
		const s = scores(search, ["otter"]);
		const both = s.get("both.md#0") ?? 0;
		const title = s.get("title.md#0") ?? 0;
		const body = s.get("body.md#0") ?? 0;
		expect(title).toBeGreaterThan(body);
		expect(both).toBeGreaterThan(title);
		expect(both).toBeLessThan(title + body);
		expect(s.has("other.md#0")).toBe(false);
	});

	it("gives each term one IDF across fields, so a rarer term counts more", () => {
		const search = indexOf([
			doc("a.md#0", "A", "otters rivers"),
			doc("b.md#0", "B", "rivers"),
			doc("c.md#0", "C", "rivers"),
			doc("d.md#0", "D", "lakes"),
		]);
		const { sections, idf } = scoreSections(scoringViewOf(search), [{ term: "otter", count: 1 }, { term: "river", count: 1 }], options);
		expect(idf.get("otter")).toBeCloseTo(inverseDocumentFrequency(4, 1));
		expect(idf.get("river")).toBeCloseTo(inverseDocumentFrequency(4, 3));
		expect(idf.get("otter") ?? 0).toBeGreaterThan(idf.get("river") ?? 0);
		expect([...sections.values()].find((s) => s.queryTerms.has("otter"))?.queryTerms).toEqual(new Set(["otter", "river"]));
	});

	it("discounts a match in a long body against the same match in a short one", () => {
		const search = indexOf([doc("short.md#0", "A", "otters swim"), doc("long.md#0", "B", `otters swim ${filler(200)}`), doc("c.md#0", "C", "lakes")]);
		const s = scores(search, ["otter"]);
		expect(s.get("short.md#0") ?? 0).toBeGreaterThan(s.get("long.md#0") ?? 0);
	});

	it("matches a prefix only for an unfinished term the index lacks, the nearer completion counting more", () => {
		const search = indexOf([doc("exact.md#0", "A", "garden"), doc("longer.md#0", "B", "gardenia"), doc("d.md#0", "D", "lakes")]);
		expect(scores(search, ["gard"], { fuzzyMinLength: 100 }).size).toBe(0);
		const withPrefix = scores(search, ["gard"], { fuzzyMinLength: 100, prefixTerms: new Set(["gard"]) });
		expect(withPrefix.get("longer.md#0") ?? 0).toBeGreaterThan(0);
		expect(withPrefix.get("longer.md#0") ?? 0).toBeLessThan(withPrefix.get("exact.md#0") ?? 0);
		// A word the index holds is taken as typed, even as the last word: "garden" does not also find "gardenia".
		const held = scores(search, ["garden"], { fuzzyMinLength: 100, prefixTerms: new Set(["garden"]) });
		expect([...held.keys()]).toEqual(["exact.md#0"]);
		expect(held.get("exact.md#0")).toBeCloseTo(scores(search, ["garden"], { fuzzyMinLength: 100 }).get("exact.md#0") ?? 0);
	});

	it("matches a typo only for a long term the index lacks: a word the vault holds is taken as typed", () => {
		const search = indexOf([doc("exact.md#0", "A", "garden"), doc("typo.md#0", "C", "gardan"), doc("d.md#0", "D", "lakes")]);
		const held = scores(search, ["garden"]);
		expect([...held.keys()]).toEqual(["exact.md#0"]);
		// "gardon" is in no section: its near spellings are what the user meant.
		const misspelt = scores(search, ["gardon"]);
		expect([...misspelt.keys()].sort()).toEqual(["exact.md#0", "typo.md#0"]);
		expect(misspelt.get("exact.md#0") ?? 0).toBeLessThan(scores(search, ["garden"]).get("exact.md#0") ?? 0);
		// Short terms never match a typo, present or not.
		expect(scores(search, ["gardon"], { fuzzyMinLength: 7 }).size).toBe(0);
	});

	it("ignores a discarded section whose postings are still in the index", () => {
		const search = indexOf([doc("gone.md#0", "A", "otters"), doc("kept.md#0", "B", "otters"), doc("c.md#0", "C", "lakes")]);
		search.discard("gone.md#0");
		expect([...scores(search, ["otter"]).keys()]).toEqual(["kept.md#0"]);
	});

	it("counts a word the query repeats once per repetition", () => {
		const search = indexOf([doc("a.md#0", "A", "otters"), doc("c.md#0", "C", "lakes")]);
		const once = scoreSections(scoringViewOf(search), [{ term: "otter", count: 1 }], options).sections;
		const twice = scoreSections(scoringViewOf(search), [{ term: "otter", count: 2 }], options).sections;
		expect([...twice.values()][0]?.score).toBeCloseTo(2 * ([...once.values()][0]?.score ?? 0));
	});
});

describe("addCommonTerms", () => {
	it("adds a common term's score to the sections rarer terms found, and finds no section of its own", () => {
		const search = indexOf([
			doc("both.md#0", "A", "quokka island"),
			doc("rare.md#0", "B", "quokka"),
			doc("common.md#0", "C", "island"),
			doc("d.md#0", "D", "lakes"),
		]);
		const view = scoringViewOf(search);
		const { sections, idf } = scoreSections(view, [{ term: "quokka", count: 1 }], options);
		const before = new Map([...sections].map(([id, s]) => [id, s.score]));
		addCommonTerms(view, [{ term: "island", count: 1 }], options, sections, idf);
		expect(sections.size).toBe(2);
		const scored = [...sections.values()];
		const both = scored.find((s) => s.queryTerms.has("island"));
		const rare = scored.find((s) => !s.queryTerms.has("island"));
		expect(both?.score ?? 0).toBeGreaterThan(before.get(both?.shortId ?? -1) ?? Infinity);
		expect(rare?.score).toBe(before.get(rare?.shortId ?? -1));
		expect(both?.matchedTerms).toEqual(new Set(["quokka", "island"]));
		expect(idf.get("island")).toBeCloseTo(inverseDocumentFrequency(4, 2));
	});
});
