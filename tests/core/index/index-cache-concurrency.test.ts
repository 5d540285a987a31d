/** Two saves of the index cache interleaved, as two `coworker index` processes do: neither removes the other's parts from under it. */
import { describe, expect, it } from "vitest";
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

/** A store on real files whose first writer stops just before writing the head, until told to go on. */
function pausingBeforeHead(store: KeyValueStore): { store: KeyValueStore; atHead: Promise<void>; resume: () => void } {
	let resume = (): void => undefined;
	let reached = (): void => undefined;
	const atHead = new Promise<void>((resolve) => (reached = resolve));
	const gate = new Promise<void>((resolve) => (resume = resolve));
	const paused: KeyValueStore = {
		read: (key) => store.read(key),
		remove: (key) => store.remove(key),
		list: () => store.list(),
		createExclusive: (key, value) => store.createExclusive(key, value),
		write: async (key, value) => {
			if (key === KEY) {
				reached();
				await gate;
			}
			await store.write(key, value);
		},
	};
	return { store: paused, atHead, resume };
}

describe("concurrent saves of the index cache", () => {
	it("a save that finishes while another is between its parts and its head leaves the later head whole", async () => {
		const folder = await mkdtemp(join(tmpdir(), "coworker-cache-"));
		try {
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
		} finally {
			await rm(folder, { recursive: true, force: true });
		}
	});
});
