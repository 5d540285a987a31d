import { describe, expect, it } from "vitest";
import MiniSearch, { type AsPlainObject } from "minisearch";
import { partKey, readIndexCache, writeIndexCache, type NoteEntry } from "../../../src/core/index/index-cache";
import { MINISEARCH_OPTIONS } from "../../../src/core/index/search-options";
import { documentsForNote, type SectionDocument } from "../../../src/core/index/section-documents";
import { parseNote } from "../../../src/core/notes/parse-note";
import { unhurriedClock } from "../../../src/core/ports/clock";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";

const KEY = "index-cache.json";

function sampleIndex(noteCount = 40): { search: MiniSearch<SectionDocument>; notes: Map<string, NoteEntry> } {
	const search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
	const notes = new Map<string, NoteEntry>();
	for (let i = 0; i < noteCount; i++) {
		// Twenty words of its own per note, so the term parts hold many distinct terms.
		const own = Array.from({ length: 20 }, (_, j) => `w${i}x${j}`).join(" ");
		const documents = documentsForNote(parseNote(`n${i}.md`, `---\ntags: [t${i % 3}]\n---\n# Note ${i}\nwords about otters ${own}\n## Part\nrivers ${i * 7}`));
		search.addAll(documents);
		notes.set(`n${i}.md`, { mtime: i, size: 100 + i, title: `Note ${i}`, docs: documents.length, status: "indexed" });
	}
	return { search, notes };
}

/** MiniSearch's own serialised form, with terms in a fixed order so two indexes compare. */
function comparable(search: MiniSearch<SectionDocument>): AsPlainObject {
	const plain = JSON.parse(JSON.stringify(search)) as AsPlainObject;
	return { ...plain, index: [...plain.index].sort((a, b) => (a[0] < b[0] ? -1 : 1)) };
}

describe("the index cache", () => {
	// Guards minisearch-internals.ts: what is read back must be exactly the index that was written.
	it("writes the index in small parts and reads back the same index and notes", async () => {
		const { search, notes } = sampleIndex();
		const store = new InMemoryKeyValueStore();
		let now = 0;
		let yields = 0;
		const clock = { now: () => (now += 1), yieldToHost: () => Promise.resolve(void yields++) };
		const written = await writeIndexCache(store, KEY, "settings", notes, search, clock, 5, 0, 2_000);
		expect(written.parts).toBeGreaterThan(5);
		expect(yields).toBeGreaterThan(0);
		for (let i = 0; i < written.parts; i++) expect((await store.read(partKey(KEY, i)))?.length).toBeLessThan(4_000);

		const loaded = await readIndexCache(store, KEY, "settings", clock, 5);
		expect(loaded.kind).toBe("loaded");
		if (loaded.kind !== "loaded") return;
		expect(loaded.notes).toEqual(notes);
		expect(loaded.parts).toBe(written.parts);
		expect(comparable(loaded.search)).toEqual(comparable(search));
		expect(loaded.search.search("otters").map((r) => r.id as string)).toEqual(search.search("otters").map((r) => r.id as string));
	});

	it("is missing when nothing was written, and discarded for other settings", async () => {
		const store = new InMemoryKeyValueStore();
		expect(await readIndexCache(store, KEY, "settings", unhurriedClock, 25)).toEqual({ kind: "missing" });
		const { search, notes } = sampleIndex(3);
		await writeIndexCache(store, KEY, "settings", notes, search, unhurriedClock, 25, 0);
		expect(await readIndexCache(store, KEY, "other", unhurriedClock, 25)).toEqual({
			kind: "discarded",
			reason: "the exclusion settings changed since the cache was written",
		});
	});

	it("is discarded when a part is missing or comes from another save (a write cut off midway)", async () => {
		const store = new InMemoryKeyValueStore();
		const { search, notes } = sampleIndex(10);
		const first = await writeIndexCache(store, KEY, "s", notes, search, unhurriedClock, 25, 0, 2_000);
		const oldPart = (await store.read(partKey(KEY, 1))) ?? "";
		await writeIndexCache(store, KEY, "s", notes, search, unhurriedClock, 25, first.parts, 2_000);
		await store.write(partKey(KEY, 1), oldPart);
		expect(await readIndexCache(store, KEY, "s", unhurriedClock, 25)).toEqual({ kind: "discarded", reason: "the cache was cut off while it was being written" });
		await store.remove(partKey(KEY, 1));
		expect(await readIndexCache(store, KEY, "s", unhurriedClock, 25)).toEqual({ kind: "discarded", reason: "part 1 of the cache is missing" });
	});

	it("removes the parts a larger earlier cache left behind", async () => {
		const store = new InMemoryKeyValueStore();
		const large = sampleIndex(40);
		const first = await writeIndexCache(store, KEY, "s", large.notes, large.search, unhurriedClock, 25, 0, 2_000);
		const small = sampleIndex(2);
		const second = await writeIndexCache(store, KEY, "s", small.notes, small.search, unhurriedClock, 25, first.parts, 2_000);
		expect(second.parts).toBeLessThan(first.parts);
		for (let i = second.parts; i < first.parts; i++) expect(await store.read(partKey(KEY, i))).toBeNull();
		expect((await readIndexCache(store, KEY, "s", unhurriedClock, 25)).kind).toBe("loaded");
	});
});
