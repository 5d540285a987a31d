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

async function generationOf(store: InMemoryKeyValueStore): Promise<string> {
	return (JSON.parse((await store.read(KEY)) ?? "{}") as { generation: string }).generation;
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
		const written = await writeIndexCache(store, KEY, "settings", notes, search, clock, 5, 2_000);
		expect(written.parts).toBeGreaterThan(5);
		expect(yields).toBeGreaterThan(0);
		const generation = await generationOf(store);
		for (let i = 0; i < written.parts; i++) expect((await store.read(partKey(KEY, generation, i)))?.length).toBeLessThan(4_000);

		const loaded = await readIndexCache(store, KEY, "settings", clock, 5);
		expect(loaded.kind).toBe("loaded");
		if (loaded.kind !== "loaded") return;
		expect(loaded.notes).toEqual(notes);
		expect(comparable(loaded.search)).toEqual(comparable(search));
		expect(loaded.search.search("otters").map((r) => r.id as string)).toEqual(search.search("otters").map((r) => r.id as string));
	});

	it("is missing when nothing was written, and discarded for other settings", async () => {
		const store = new InMemoryKeyValueStore();
		expect(await readIndexCache(store, KEY, "settings", unhurriedClock, 25)).toEqual({ kind: "missing" });
		const { search, notes } = sampleIndex(3);
		await writeIndexCache(store, KEY, "settings", notes, search, unhurriedClock, 25);
		expect(await readIndexCache(store, KEY, "other", unhurriedClock, 25)).toEqual({
			kind: "discarded",
			reason: "the exclusion settings changed since the cache was written",
		});
	});

	it("keeps the previous cache whole when a save is cut off before its head is written", async () => {
		const store = new InMemoryKeyValueStore();
		const { search, notes } = sampleIndex(10);
		await writeIndexCache(store, KEY, "s", notes, search, unhurriedClock, 25, 2_000);
		const before = await generationOf(store);
		// A store that dies when the new head is written, as when Obsidian quits during the save at unload.
		const dying = Object.assign(Object.create(store) as InMemoryKeyValueStore, {
			write: (key: string, value: string) => (key === KEY ? Promise.reject(new Error("quit")) : store.write(key, value)),
		});
		await expect(writeIndexCache(dying, KEY, "s", sampleIndex(12).notes, sampleIndex(12).search, unhurriedClock, 25, 2_000)).rejects.toThrow("quit");
		expect(await generationOf(store)).toBe(before);
		const loaded = await readIndexCache(store, KEY, "s", unhurriedClock, 25);
		expect(loaded.kind).toBe("loaded");
		if (loaded.kind === "loaded") expect(loaded.notes).toEqual(notes);
	});

	it("is discarded when a part is missing or belongs to another save", async () => {
		const store = new InMemoryKeyValueStore();
		const { search, notes } = sampleIndex(10);
		await writeIndexCache(store, KEY, "s", notes, search, unhurriedClock, 25, 2_000);
		const generation = await generationOf(store);
		const part = JSON.parse((await store.read(partKey(KEY, generation, 1))) ?? "{}") as { generation: string };
		await store.write(partKey(KEY, generation, 1), JSON.stringify({ ...part, generation: "other" }));
		expect(await readIndexCache(store, KEY, "s", unhurriedClock, 25)).toEqual({ kind: "discarded", reason: "part 1 of the cache belongs to another save" });
		await store.remove(partKey(KEY, generation, 1));
		expect(await readIndexCache(store, KEY, "s", unhurriedClock, 25)).toEqual({ kind: "discarded", reason: "part 1 of the cache is missing" });
	});

	it("removes the parts of earlier saves, including ones an interrupted save left behind", async () => {
		const store = new InMemoryKeyValueStore();
		await store.write("index-cache-orphan-0.json", "{}");
		await store.write("unrelated.json", "{}");
		const large = sampleIndex(40);
		await writeIndexCache(store, KEY, "s", large.notes, large.search, unhurriedClock, 25, 2_000);
		const small = sampleIndex(2);
		const second = await writeIndexCache(store, KEY, "s", small.notes, small.search, unhurriedClock, 25, 2_000);
		const generation = await generationOf(store);
		const keys = (await store.list()).sort();
		expect(keys).toEqual([KEY, ...Array.from({ length: second.parts }, (_, i) => partKey(KEY, generation, i)), "unrelated.json"].sort());
		expect((await readIndexCache(store, KEY, "s", unhurriedClock, 25)).kind).toBe("loaded");
	});
});
