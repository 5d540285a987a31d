import { describe, expect, it } from "vitest";
import MiniSearch from "minisearch";
import { loadIndexCache, serializeIndexCache, type NoteEntry } from "../../../src/core/index/index-cache";
import { MINISEARCH_OPTIONS } from "../../../src/core/index/search-options";
import { documentsForNote, type SectionDocument } from "../../../src/core/index/section-documents";
import { parseNote } from "../../../src/core/notes/parse-note";
import { unhurriedClock } from "../../../src/core/ports/clock";

function sampleIndex(): MiniSearch<SectionDocument> {
	const search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
	for (let i = 0; i < 40; i++) {
		// Twenty words of its own per note: 800 distinct terms, enough for the writer to slice.
		const own = Array.from({ length: 20 }, (_, j) => `w${i}x${j}`).join(" ");
		search.addAll(documentsForNote(parseNote(`n${i}.md`, `---\ntags: [t${i % 3}]\n---\n# Note ${i}\nwords about otters ${own}\n## Part\nrivers and lakes ${i * 7}`)));
	}
	search.discard("n0.md#0");
	return search;
}

describe("serializeIndexCache", () => {
	// Guards minisearch-internals.ts: the sliced writer must produce exactly what JSON.stringify(toJSON()) does.
	it("writes, in slices, the same JSON as MiniSearch's own toJSON", async () => {
		const search = sampleIndex();
		const notes = new Map<string, NoteEntry>([["n1.md", { mtime: 1, size: 2, title: "Note 1", docs: 2, status: "indexed" }]]);
		let now = 0;
		let yields = 0;
		const clock = { now: () => (now += 1), yieldToHost: () => Promise.resolve(void yields++) };
		const json = await serializeIndexCache("key", notes, search, clock, 1);
		expect(JSON.parse(json)).toEqual({
			schema: 1,
			settingsKey: "key",
			notes: Object.fromEntries(notes),
			index: JSON.parse(JSON.stringify(search.toJSON())) as unknown,
		});
		expect(yields).toBeGreaterThan(0);
	});

	it("reads back what it wrote", async () => {
		const search = sampleIndex();
		const json = await serializeIndexCache("key", new Map(), search, unhurriedClock, 40);
		const loaded = await loadIndexCache(json, "key", unhurriedClock, 40);
		expect(loaded.kind).toBe("discarded"); // no notes listed, 79 documents: the counts do not add up
		const notes = new Map<string, NoteEntry>([["all", { mtime: 1, size: 1, title: "", docs: search.documentCount, status: "indexed" }]]);
		const again = await loadIndexCache(await serializeIndexCache("key", notes, search, unhurriedClock, 40), "key", unhurriedClock, 40);
		expect(again.kind).toBe("loaded");
		if (again.kind === "loaded") expect(again.search.search("otters").length).toBe(search.search("otters").length);
	});
});
