import { afterEach, describe, expect, it } from "vitest";
import { readFile, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { copyExampleVault, type TempVault } from "../../helpers/temp-vault";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";
import { VaultIndex } from "../../../src/core/index/vault-index";
import { DEFAULT_INDEX_SETTINGS } from "../../../src/core/index/index-settings";

let vault: TempVault;
afterEach(async () => {
	await vault.cleanup();
});

/** The real reader, counting which notes it was asked to read (and recording listings and hints in order). */
class CountingReader extends NodeVaultReader {
	readonly reads: string[] = [];
	readonly events: string[] = [];
	override read(path: string): Promise<string> {
		this.reads.push(path);
		return super.read(path);
	}
	override listMarkdownFiles(): ReturnType<NodeVaultReader["listMarkdownFiles"]> {
		this.events.push("list");
		return super.listMarkdownFiles();
	}
	override expectManyReads(): void {
		this.events.push("many reads expected");
		super.expectManyReads();
	}
}

/** A store that remembers which keys were read, to see which cache parts a start loaded. */
class CountingStore extends InMemoryKeyValueStore {
	readonly readKeys: string[] = [];
	override read(key: string): Promise<string | null> {
		this.readKeys.push(key);
		return super.read(key);
	}
}

function indexWith(root: string, store: CountingStore): { index: VaultIndex; reader: CountingReader } {
	const reader = new CountingReader(root);
	return { index: new VaultIndex({ vault: reader, store, settings: DEFAULT_INDEX_SETTINGS }), reader };
}

/** Saves a cold build of the example vault into a fresh store. */
async function savedStore(): Promise<CountingStore> {
	const store = new CountingStore();
	const { index } = indexWith(vault.root, store);
	await index.refresh();
	await index.save();
	store.readKeys.length = 0;
	return store;
}

const partsRead = (store: CountingStore): number => new Set(store.readKeys.filter((key) => /^index-cache-.+-\d+\.json$/.test(key))).size;
const partsStored = async (store: CountingStore): Promise<number> => (await store.list()).filter((key) => /^index-cache-.+-\d+\.json$/.test(key)).length;

describe("the hint that many notes will be read", () => {
	it("comes before the listing of a build from nothing and of a rebuild, never before a warm start's", async () => {
		vault = await copyExampleVault();
		const store = new CountingStore();
		const cold = indexWith(vault.root, store);
		await cold.index.refresh();
		await cold.index.save();
		expect(cold.reader.events).toEqual(["many reads expected", "list"]);
		const warm = indexWith(vault.root, store);
		await warm.index.refresh();
		await warm.index.refresh();
		expect(warm.reader.events).toEqual(["list", "list"]);
		await warm.index.rebuild();
		expect(warm.reader.events).toEqual(["list", "list", "many reads expected", "list"]);
	});
});

describe("a warm start", () => {
	it("reads no unchanged note, and with refreshNotes loads only the cache's note entries", async () => {
		vault = await copyExampleVault();
		const store = await savedStore();
		const { index, reader } = indexWith(vault.root, store);
		const summary = await index.refreshNotes();
		expect(reader.reads).toEqual([]);
		expect(summary.reindexed).toBe(0);
		expect(summary.cache).toBe("loaded");
		expect(summary.sections).toBeGreaterThan(summary.notes);
		const notePartsRead = partsRead(store);
		expect(notePartsRead).toBeGreaterThan(0);
		expect(notePartsRead).toBeLessThan(await partsStored(store));
		expect(await index.save()).toBe(0);
		expect(() => index.searchNotes("code freeze")).toThrow(/call refresh\(\) before searching/);

		// A refresh afterwards loads the search index, still without reading a note.
		const again = await index.refresh();
		expect(reader.reads).toEqual([]);
		expect(again.sections).toBe(summary.sections);
		expect(index.searchNotes("code freeze", 1)[0]?.path).toBe("Reference/How we release.md");
	});

	it("with refreshNotes, loads the search index and re-reads only the changed and new notes when the vault moved", async () => {
		vault = await copyExampleVault();
		const store = await savedStore();
		const note = join(vault.root, "Reference", "Glossary.md");
		await writeFile(note, (await readFile(note, "utf8")) + "\nA brand new term: quokka.\n");
		await utimes(note, new Date(), new Date(Date.now() + 5000));
		await writeFile(join(vault.root, "Numbat.md"), "# Numbat\n\nA small marsupial.\n");
		await rm(join(vault.root, "Daily", "2026-11-17.md"));
		const { index, reader } = indexWith(vault.root, store);
		const summary = await index.refreshNotes();
		expect(reader.reads.sort()).toEqual(["Numbat.md", "Reference/Glossary.md"]);
		expect(summary.removed).toBe(1);
		expect(partsRead(store)).toBe(await partsStored(store));
		expect(index.searchNotes("quokka").map((hit) => hit.path)).toEqual(["Reference/Glossary.md"]);
		expect(await index.save()).toBeGreaterThan(0);

		// The saved cache holds the change: the next start reads nothing.
		const next = indexWith(vault.root, store);
		expect((await next.index.refresh()).reindexed).toBe(0);
		expect(next.reader.reads).toEqual([]);
		expect(next.index.searchNotes("numbat marsupial", 1)[0]?.path).toBe("Numbat.md");
	});

	it("rebuilds from the vault when the search parts went missing after the notes were read", async () => {
		vault = await copyExampleVault();
		const store = await savedStore();
		const { index, reader } = indexWith(vault.root, store);
		await index.refreshNotes();
		// Another process replaced the cache: the generation the notes came from is gone.
		for (const key of await store.list()) if (key !== "index-cache.json") await store.remove(key);
		const summary = await index.refresh();
		expect(summary.cache).toMatch(/^discarded: part \d+ of the cache is missing$/);
		expect(summary.reindexed).toBe(summary.notes + summary.excluded);
		expect(reader.reads.length).toBe(summary.reindexed);
		expect(index.searchNotes("code freeze", 1)[0]?.path).toBe("Reference/How we release.md");
	});
});
