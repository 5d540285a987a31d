/** Saves of the index cache whose writes interleave: two saves at once (two `coworker index` processes) never remove each other's parts, and one save's parts landing out of order or failing never leave a head naming parts that are not there. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import MiniSearch from "minisearch";
import { readIndexCache, writeIndexCache, type NoteEntry } from "../../../src/core/index/index-cache";
import { MINISEARCH_OPTIONS } from "../../../src/core/index/search-options";
import { documentsForNote, type SectionDocument } from "../../../src/core/index/section-documents";
import { parseNote } from "../../../src/core/notes/parse-note";
import { unhurriedClock } from "../../../src/core/ports/clock";
import type { KeyValueStore } from "../../../src/core/ports/key-value-store";
import { NodeFileStore } from "../../../src/cli/node-file-store";

const KEY = "index-cache.json";

function sampleIndex(): { search: MiniSearch<SectionDocument>; notes: Map<string, NoteEntry> } {
	const search = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
	const notes = new Map<string, NoteEntry>();
	for (let i = 0; i < 30; i++) {
		const documents = documentsForNote(parseNote(`n${i}.md`, `# Note ${i}\nwords about otters w${i}\n## Part\nrivers ${i * 7}`));
		search.addAll(documents);
		notes.set(`n${i}.md`, { mtime: i, size: 100 + i, title: `Note ${i}`, docs: documents.length, status: "indexed" });
	}
	return { search, notes };
}

/** `store` with its writes made by `write` instead. */
function withWrite(store: KeyValueStore, write: KeyValueStore["write"]): KeyValueStore {
	return { read: (key) => store.read(key), remove: (key) => store.remove(key), list: () => store.list(), createExclusive: (key, value) => store.createExclusive(key, value), write };
}

/** A store on real files whose first writer stops just before writing the head, until told to go on. */
function pausingBeforeHead(store: KeyValueStore): { store: KeyValueStore; atHead: Promise<void>; resume: () => void } {
	let resume = (): void => undefined;
	let reached = (): void => undefined;
	const atHead = new Promise<void>((resolve) => (reached = resolve));
	const gate = new Promise<void>((resolve) => (resume = resolve));
	const paused = withWrite(store, async (key, value) => {
		if (key === KEY) {
			reached();
			await gate;
		}
		await store.write(key, value);
	});
	return { store: paused, atHead, resume };
}

describe("concurrent saves of the index cache", () => {
	let folder: string;

	beforeEach(async () => {
		folder = await mkdtemp(join(tmpdir(), "coworker-cache-"));
	});

	afterEach(async () => {
		await rm(folder, { recursive: true, force: true });
	});

	it("a save that finishes while another is between its parts and its head leaves the later head whole", async () => {
		const files = new NodeFileStore(folder);
		const { search, notes } = sampleIndex();
		const slow = pausingBeforeHead(files);
		const first = writeIndexCache(slow.store, KEY, "settings", notes, search, unhurriedClock, 50, 300);
		await slow.atHead;
		await writeIndexCache(files, KEY, "settings", notes, search, unhurriedClock, 50, 300);
		slow.resume();
		await first;
		const load = await readIndexCache(files, KEY, "settings", unhurriedClock, 50);
		expect(load.kind).toBe("loaded");
		if (load.kind === "loaded") expect(load.notes.size).toBe(30);
		// Every part the head names is there (the other save's parts stay until a later save finds them abandoned).
		const head = JSON.parse((await files.read(KEY)) ?? "{}") as { generation: string; parts: number };
		const names = await readdir(folder);
		for (let i = 0; i < head.parts; i++) expect(names).toContain(`index-cache-${head.generation}-${i}.json`);
	});

	it("a save whose part writes land out of order writes its head only once every part has landed, and reads back whole", async () => {
		const files = new NodeFileStore(folder);
		const landed: string[] = [];
		let turns = 0;
		// Each part's write waits a different number of timer turns (a later part often lands before an earlier one);
		// the head's waits none, so a head written before the parts had landed would land before them.
		const slow = withWrite(files, async (key, value) => {
			for (let i = 0, wait = key === KEY ? 0 : ([3, 0, 2, 1][turns++ % 4] ?? 0); i < wait; i++) await new Promise((resolve) => setImmediate(resolve));
			await files.write(key, value);
			landed.push(key);
		});
		const { search, notes } = sampleIndex();
		const written = await writeIndexCache(slow, KEY, "settings", notes, search, unhurriedClock, 50, 300);
		expect(written.parts).toBeGreaterThan(4);
		expect(landed.at(-1)).toBe(KEY);
		expect(landed.slice(0, -1).sort()).toEqual(landed.filter((key) => key !== KEY).sort());
		expect(landed.slice(0, -1)).not.toEqual([...landed.slice(0, -1)].sort((a, b) => partNumber(a) - partNumber(b)));
		const load = await readIndexCache(files, KEY, "settings", unhurriedClock, 50);
		expect(load.kind).toBe("loaded");
		if (load.kind === "loaded") expect(load.search.search("otters").length).toBe(30);
	});

	it("a save whose part write fails rejects with that failure once its other writes have settled, and keeps the previous head", async () => {
		const files = new NodeFileStore(folder);
		const { search, notes } = sampleIndex();
		await writeIndexCache(files, KEY, "settings", notes, search, unhurriedClock, 50, 300);
		const previousHead = await files.read(KEY);
		let underWay = 0;
		let parts = 0;
		const failing = withWrite(files, async (key, value) => {
			underWay++;
			try {
				await new Promise((resolve) => setImmediate(resolve));
				if (key !== KEY && ++parts === 3) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
				await files.write(key, value);
			} finally {
				underWay--;
			}
		});
		await expect(writeIndexCache(failing, KEY, "settings", notes, search, unhurriedClock, 50, 300)).rejects.toThrow(/ENOSPC/);
		expect(underWay).toBe(0);
		expect(await files.read(KEY)).toBe(previousHead);
		const load = await readIndexCache(files, KEY, "settings", unhurriedClock, 50);
		expect(load.kind).toBe("loaded");
	});
});

function partNumber(key: string): number {
	return Number(/-(\d+)\.json$/.exec(key)?.[1] ?? -1);
}
