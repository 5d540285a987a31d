import { describe, expect, it } from "vitest";
import { countingClock } from "../../helpers/counting-clock";
import MiniSearch, { type AsPlainObject } from "minisearch";
import { BulkIndexBuilder } from "../../../src/core/index/bulk-index-builder";
import { MINISEARCH_OPTIONS } from "../../../src/core/index/search-options";
import { termIndexOf } from "../../../src/core/index/minisearch-internals";
import type { SectionDocument } from "../../../src/core/index/section-documents";
import { exampleSectionDocuments } from "../../helpers/bulk-vault";

/** The plain form with its term list in a fixed order, so two indexes can be compared. */
function comparable(plain: AsPlainObject): AsPlainObject {
	return JSON.parse(JSON.stringify({ ...plain, index: [...plain.index].sort((a, b) => (a[0] < b[0] ? -1 : 1)) })) as AsPlainObject;
}

/** The example vault's sections added to MiniSearch one by one, and collected by a bulk builder. */
async function bothWays(): Promise<{ documents: SectionDocument[]; added: MiniSearch<SectionDocument>; bulk: BulkIndexBuilder }> {
	const documents = await exampleSectionDocuments();
	const added = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
	added.addAll(documents);
	const bulk = new BulkIndexBuilder();
	bulk.addAll(documents);
	return { documents, added, bulk };
}

describe("BulkIndexBuilder", () => {
	// This is the guard on minisearch-internals.ts and on the builder: if either drifts from MiniSearch, it fails.
	it("produces exactly what MiniSearch.add produces", async () => {
		const { documents, added, bulk } = await bothWays();
		expect(documents.length).toBeGreaterThan(100);
		expect(comparable(await bulk.toPlainObject())).toEqual(comparable(added.toJSON()));
	});

	it("builds, in slices, an index that searches like one built by add", async () => {
		const { added, bulk } = await bothWays();
		const { clock, yields } = countingClock();
		const loaded = await bulk.build(clock, 1);
		expect(yields()).toBeGreaterThan(0);
		// Searched before anything walks the whole index (toJSON below fills every term's maps).
		for (const query of ["acme renewal pricing", "rollback plan", "code freeze thursday"]) {
			expect(loaded.search(query).map((r) => [r.id as string, r.score])).toEqual(added.search(query).map((r) => [r.id as string, r.score]));
		}
		expect(comparable(loaded.toJSON())).toEqual(comparable(added.toJSON()));
	});

	it("builds an index that MiniSearch itself can go on changing: sections discarded, vacuumed and added again", async () => {
		const { documents, added, bulk } = await bothWays();
		const loaded = await bulk.build(countingClock().clock, 5);
		for (const index of [added, loaded]) {
			for (const document of documents.slice(0, 5)) index.discard(document.id);
			await index.vacuum();
			index.addAll(documents.slice(0, 3));
			index.replace({ ...(documents[10] as SectionDocument), body: "a rollback plan written again" });
		}
		for (const query of ["acme renewal pricing", "rollback plan", "written again"]) {
			expect(loaded.search(query).map((r) => [r.id as string, r.score])).toEqual(added.search(query).map((r) => [r.id as string, r.score]));
		}
		expect(loaded.documentCount).toBe(added.documentCount);
		expect(comparable(loaded.toJSON())).toEqual(comparable(added.toJSON()));
	});

	it("starts sorting its postings, and installing its section tables, each on a fresh slice", async () => {
		const bulk = new BulkIndexBuilder();
		bulk.addAll(await exampleSectionDocuments());
		// Time never moves, so no slice runs out: the only turns are those taken before a step starts.
		const { clock, yields } = countingClock(0);
		await bulk.build(clock, 25);
		expect(yields()).toBe(2);
	});

	it("lists its terms for a save in the order the index it builds walks them, prefixes and other scripts included", async () => {
		// Words that are prefixes of each other, split edges at every depth, digits, accents and other scripts.
		const words = ["year", "years", "yearly", "yr", "your", "you", "a1", "a10", "a2", "ab", "abc", "abd", "b", "zebra", "zeb", "résumé", "resume", "東京", "東", "ελλάδα", "2026", "20", "q3"];
		const documents: SectionDocument[] = words.map((word, i) => ({
			id: `Note ${i}.md#0`,
			path: `Note ${i}.md`,
			ordinal: 0,
			heading: null,
			line: 0,
			title: `Note ${i}`,
			aliases: "",
			headings: "",
			tags: "",
			description: "",
			body: `${word} ${words[(i * 5) % words.length] ?? ""} plain words`,
		}));
		const walked = new BulkIndexBuilder();
		walked.addAll(documents);
		const clock = { now: () => 0, yieldToHost: () => Promise.resolve() };
		const search = await walked.build(clock, 1_000);
		const listed = new BulkIndexBuilder();
		listed.addAll(documents);
		const terms = (await listed.contents(clock, 1_000)).terms.map(([term]) => term);
		expect(terms.length).toBeGreaterThan(words.length);
		const walkedTerms: string[] = [];
		for (const [term] of termIndexOf(search)) walkedTerms.push(term);
		expect(terms).toEqual(walkedTerms);
	});

	it("refuses a section added after it was built, rather than leave it out of the index", async () => {
		const documents = await exampleSectionDocuments();
		const bulk = new BulkIndexBuilder();
		bulk.addAll(documents.slice(1));
		const clock = { now: () => 0, yieldToHost: () => Promise.resolve() };
		await bulk.contents(clock, 1_000);
		expect(() => bulk.add(documents[0] as SectionDocument)).toThrow(/added to a bulk index build after it was built/);
	});

	it("makes its section tables after collecting, with a turn before each of its four tables doubles", async () => {
		const section = (i: number): SectionDocument => ({ id: `n${i}.md#0`, path: `n${i}.md`, ordinal: 0, heading: null, line: 0, title: `Note ${i}`, aliases: "", headings: "", tags: "", description: "", body: "otters" });
		// Time never moves, so no slice runs out: the turns counted are the build's fixed ones, and the doublings'.
		const turnsToBuild = async (sections: number): Promise<number> => {
			const bulk = new BulkIndexBuilder();
			for (let i = 0; i < sections; i++) bulk.add(section(i));
			const { clock, yields } = countingClock(0);
			const search = await bulk.build(clock, 16);
			expect(search.documentCount).toBe(sections);
			expect(search.search("otters")).toHaveLength(sections);
			return yields();
		};
		// The tables hold 8,192 sections without doubling; the next section doubles the id, id lookup, length and stored-field tables.
		expect((await turnsToBuild(8_193)) - (await turnsToBuild(8_192))).toBe(4);
	});
});
