import { describe, expect, it } from "vitest";
import { countingClock } from "../../helpers/counting-clock";
import MiniSearch, { type AsPlainObject } from "minisearch";
import { partKey, readIndexCache, readIndexCacheNotes, writeIndexCache, type NoteEntry } from "../../../src/core/index/index-cache";
import { documentTablesOf } from "../../../src/core/index/minisearch-internals";
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
		const { clock, yields } = countingClock();
		const written = await writeIndexCache(store, KEY, "settings", notes, search, clock, 5, 2_000);
		expect(written.parts).toBeGreaterThan(5);
		expect(yields()).toBeGreaterThan(0);
		const generation = await generationOf(store);
		for (let i = 0; i < written.parts; i++) expect((await store.read(partKey(KEY, generation, i)))?.length).toBeLessThan(4_000);

		const loaded = await readIndexCache(store, KEY, "settings", clock, 5);
		expect(loaded.kind).toBe("loaded");
		if (loaded.kind !== "loaded") return;
		expect(loaded.notes).toEqual(notes);
		expect(comparable(loaded.search)).toEqual(comparable(search));
		expect(loaded.search.search("otters").map((r) => r.id as string)).toEqual(search.search("otters").map((r) => r.id as string));
		// Sections are known by their ids after loading (the lookup is built while the parts are read): one can be discarded.
		loaded.search.discard("n3.md#0");
		search.discard("n3.md#0");
		expect(loaded.search.search("otters").map((r) => r.id as string)).toEqual(search.search("otters").map((r) => r.id as string));
		expect(loaded.search.search("otters").map((r) => r.id as string)).not.toContain("n3.md#0");
	});

	it("installs the section tables it read on a fresh slice", async () => {
		const { search, notes } = sampleIndex();
		const store = new InMemoryKeyValueStore();
		await writeIndexCache(store, KEY, "settings", notes, search, unhurriedClock, 25);
		// Time never moves, so no slice runs out: the one turn is the one taken before installing the tables.
		const { clock, yields } = countingClock(0);
		expect((await readIndexCache(store, KEY, "settings", clock, 25)).kind).toBe("loaded");
		expect(yields()).toBe(1);
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

	it("keeps a note's rare fields and an excluded note's title, column by column", async () => {
		const { search, notes } = sampleIndex(3);
		notes.set("n1.md", { ...(notes.get("n1.md") as NoteEntry), tags: ["t1", "t1/sub"], coworker: "workflow", problems: [{ path: "n1.md", field: "tags", message: "n1.md: a tag was odd." }] });
		notes.set("secret.md", { mtime: 5, size: 9, title: "secret.md", docs: 0, status: "private" });
		notes.set("huge.md", { mtime: 6, size: 2_000_000, title: "huge.md", docs: 0, status: "skipped", problems: [{ path: "huge.md", field: "file", message: "huge.md is too large." }] });
		const store = new InMemoryKeyValueStore();
		await writeIndexCache(store, KEY, "s", notes, search, unhurriedClock, 25);
		const loaded = await readIndexCache(store, KEY, "s", unhurriedClock, 25);
		expect(loaded.kind === "loaded" ? [...loaded.notes] : loaded).toEqual([...notes]);
	});

	it("keeps MiniSearch's next short id past sections discarded before the save, so a section added after loading takes no other's id", async () => {
		const { search, notes } = sampleIndex(6);
		// n0.md is re-indexed: its sections get new short ids at the end, leaving a gap where the old ones were.
		const entry = notes.get("n0.md") as NoteEntry;
		for (let i = 0; i < entry.docs; i++) search.discard(`n0.md#${i}`);
		const again = documentsForNote(parseNote("n0.md", "# Note 0\nwords about otters again"));
		search.addAll(again);
		notes.set("n0.md", { ...entry, docs: again.length });
		await search.vacuum();
		const store = new InMemoryKeyValueStore();
		await writeIndexCache(store, KEY, "s", notes, search, unhurriedClock, 25);
		const loaded = await readIndexCache(store, KEY, "s", unhurriedClock, 25);
		if (loaded.kind !== "loaded") throw new Error(`not loaded: ${JSON.stringify(loaded)}`);
		expect(comparable(loaded.search)).toEqual(comparable(search));
		loaded.search.add(documentsForNote(parseNote("new.md", "# New\nbadgers"))[0] as SectionDocument);
		expect(loaded.search.documentCount).toBe(search.documentCount + 1);
		expect(loaded.search.search("otters").map((r) => r.id as string).sort()).toEqual(search.search("otters").map((r) => r.id as string).sort());
	});

	it("makes tables, for one query, only for the sections its terms' postings hold, and ranks as the whole index", async () => {
		const { search, notes } = sampleIndex(40);
		const store = new InMemoryKeyValueStore();
		await writeIndexCache(store, KEY, "s", notes, search, unhurriedClock, 25, 2_000);
		const read = await readIndexCacheNotes(store, KEY, "s", unhurriedClock, 25);
		if (read.kind !== "loaded") throw new Error("not loaded");
		const partial = await read.loadSearchFor("w3x4 rivers 21");
		if (partial.kind !== "loaded") throw new Error(`not loaded: ${partial.reason}`);
		const held = [...documentTablesOf(partial.search).documentIds.values()].sort();
		// w3x4 is in n3.md's first section, "21" in n3.md's second (rivers 21): no other section is needed.
		expect(held).toEqual(expect.arrayContaining(["n3.md#0", "n3.md#1"]));
		expect(held.length).toBeLessThan(search.documentCount);
		expect(partial.search.documentCount).toBe(search.documentCount);
		const whole = await read.loadSearch();
		if (whole.kind !== "loaded") throw new Error("not loaded");
		expect(documentTablesOf(whole.search).documentIds.size).toBe(search.documentCount);
	});

	it("is discarded, for one query, when a bucket no longer holds a term its list names, or holds it damaged", async () => {
		const { search, notes } = sampleIndex(10);
		const store = new InMemoryKeyValueStore();
		await writeIndexCache(store, KEY, "s", notes, search, unhurriedClock, 25, 2_000);
		const generation = await generationOf(store);
		const keys = (await store.list()).filter((key) => key.startsWith(`index-cache-${generation}-`));
		let damaged = 0;
		for (const key of keys) {
			const text = (await store.read(key)) ?? "";
			if (!text.includes('"kind":"terms"') || !text.includes('["otter","')) continue;
			await store.write(key, text.replace('["otter","', '["otter","!'));
			damaged++;
		}
		expect(damaged).toBe(1);
		const read = await readIndexCacheNotes(store, KEY, "s", unhurriedClock, 25);
		if (read.kind !== "loaded") throw new Error("not loaded");
		expect(await read.loadSearchFor("otters")).toEqual({ kind: "discarded", reason: expect.stringMatching(/^part \d+ of the cache holds no postings for "otter"$/) as unknown });
	});

	it("is discarded when a part's note columns do not line up", async () => {
		const { search, notes } = sampleIndex(3);
		const store = new InMemoryKeyValueStore();
		await writeIndexCache(store, KEY, "s", notes, search, unhurriedClock, 25);
		const generation = await generationOf(store);
		const part = JSON.parse((await store.read(partKey(KEY, generation, 0))) ?? "{}") as { kind: string; sizes: number[] };
		expect(part.kind).toBe("notes");
		part.sizes.pop();
		await store.write(partKey(KEY, generation, 0), JSON.stringify(part));
		expect(await readIndexCache(store, KEY, "s", unhurriedClock, 25)).toEqual({ kind: "discarded", reason: "part 0 of the cache has note columns of unequal length" });
	});
});
