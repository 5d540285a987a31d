import { afterEach, describe, expect, it } from "vitest";
import MiniSearch from "minisearch";
import { BulkIndexBuilder } from "../../../src/core/index/bulk-index-builder";
import { MINISEARCH_OPTIONS } from "../../../src/core/index/search-options";
import type { SectionDocument } from "../../../src/core/index/section-documents";
import { IndexWorkerFailed, ThreadedTermCollection } from "../../../src/core/index/threaded-term-collection";
import { LocalTermCollection } from "../../../src/core/index/term-collection";
import { TERMS_PER_MESSAGE } from "../../../src/core/index/term-worker-protocol";
import { TimeSlicer } from "../../../src/core/ports/time-slicer";
import { unhurriedClock } from "../../../src/core/ports/clock";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";
import { VaultIndex } from "../../../src/core/index/vault-index";
import { DEFAULT_INDEX_SETTINGS } from "../../../src/core/index/index-settings";
import type { SpawnIndexWorker } from "../../../src/core/ports/index-worker";
import type { TempVault } from "../../helpers/temp-vault";
import { cacheText, exampleSectionDocuments, largerVault } from "../../helpers/bulk-vault";
import { inProcessIndexWorkers } from "../../helpers/in-process-index-worker";


const anySlice = new TimeSlicer(unhurriedClock, Infinity);

describe("ThreadedTermCollection", () => {
	it("collects on the worker exactly what MiniSearch.add indexes, sent in many batches", async () => {
		const documents = await exampleSectionDocuments();
		const added = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
		added.addAll(documents);
		const workers = inProcessIndexWorkers();
		const bulk = new BulkIndexBuilder(new ThreadedTermCollection(workers.spawn(), 2000));
		bulk.addAll(documents);
		const plain = await bulk.toPlainObject();
		const sorted = (index: typeof plain.index) => [...index].sort((a, b) => (a[0] < b[0] ? -1 : 1));
		const expected = added.toJSON();
		expect({ ...plain, index: sorted(plain.index) }).toEqual(JSON.parse(JSON.stringify({ ...expected, index: sorted(expected.index) })));
		expect(workers.posted.add).toBeGreaterThan(5);
		expect(workers.posted.collect).toBe(1);
		// Its work done, the thread is stopped.
		expect(workers.terminated).toBe(1);
	});

	it("receives the terms a few thousand per message, in order, before the rest of the collection", async () => {
		const words = Array.from({ length: TERMS_PER_MESSAGE * 3 }, (_, i) => `zq${i.toString(36)}`);
		const values = (text: string): string[] => ["", "", "", "", "", text];
		const local = new LocalTermCollection();
		const workers = inProcessIndexWorkers();
		const threaded = new ThreadedTermCollection(workers.spawn());
		for (let at = 0; at < words.length; at += 500) {
			local.add(values(words.slice(at, at + 500).join(" ")));
			threaded.add(values(words.slice(at, at + 500).join(" ")));
		}
		const collected = await threaded.collected(anySlice);
		expect(collected.terms.length).toBeGreaterThan(TERMS_PER_MESSAGE * 2);
		expect(workers.replied).toEqual({ terms: Math.ceil(collected.terms.length / TERMS_PER_MESSAGE), collected: 1, failed: 0 });
		expect(collected).toEqual(await local.collected(anySlice));
	});

	it("rejects with the worker's failure, and stops the thread", async () => {
		const workers = inProcessIndexWorkers({ failOnCollect: "out of memory" });
		const collection = new ThreadedTermCollection(workers.spawn());
		collection.add(["a title", "", "", "some words", "", ""]);
		await expect(collection.collected(anySlice)).rejects.toThrow(new IndexWorkerFailed("out of memory"));
		expect(workers.terminated).toBe(1);
	});

	it("keeps a failure that comes before anyone asks, for whoever does", async () => {
		let fail: (error: Error) => void = () => undefined;
		const collection = new ThreadedTermCollection({ post: () => undefined, listen: (_reply, onFailure) => (fail = onFailure), terminate: () => undefined });
		fail(new Error("it ended with exit code 1"));
		collection.add(["ignored after the failure"]);
		await expect(collection.collected(anySlice)).rejects.toThrow("the index's worker thread failed (it ended with exit code 1)");
	});

	it("fails the collection, not the step that sent it, when a message cannot be posted", async () => {
		let terminated = 0;
		const collection = new ThreadedTermCollection(
			{
				post: () => {
					throw new Error("could not be cloned");
				},
				listen: () => undefined,
				terminate: () => terminated++,
			},
			10,
		);
		expect(() => collection.add(["a title long enough to be sent at once"])).not.toThrow();
		collection.add(["ignored: the collection has failed"]);
		expect(terminated).toBe(1);
		await expect(collection.collected(anySlice)).rejects.toThrow(new IndexWorkerFailed("could not be cloned"));
	});

	it("stops the thread when abandoned, and refuses sections after it was asked for the collection", async () => {
		const workers = inProcessIndexWorkers();
		const abandoned = new ThreadedTermCollection(workers.spawn());
		abandoned.abandon();
		expect(workers.terminated).toBe(1);
		await expect(abandoned.collected(anySlice)).rejects.toThrow("abandoned");
		const asked = new ThreadedTermCollection(workers.spawn());
		const collected = asked.collected(anySlice);
		expect(() => asked.add(["late"])).toThrow("after it was built");
		await expect(collected).resolves.toMatchObject({ terms: [] });
	});
});

describe("a vault index with a worker thread", () => {
	let vault: TempVault;
	afterEach(async () => {
		await vault.cleanup();
	});

	function indexOver(store: InMemoryKeyValueStore, spawnWorker?: SpawnIndexWorker): VaultIndex {
		return new VaultIndex({ vault: new NodeVaultReader(vault.root), store, settings: DEFAULT_INDEX_SETTINGS, workerMinNotes: 50, ...(spawnWorker ? { spawnWorker } : {}) });
	}

	it("builds the same index and saves the same cache as on one thread, and starts a thread only for a large build", async () => {
		vault = await largerVault();
		const alone = new InMemoryKeyValueStore();
		const single = indexOver(alone);
		await single.rebuild();
		await single.save();
		const workers = inProcessIndexWorkers();
		const helped = new InMemoryKeyValueStore();
		const threaded = indexOver(helped, workers.spawn);
		const summary = await threaded.rebuild();
		await threaded.save();
		expect(workers.spawned).toBe(1);
		expect(summary.reindexed).toBeGreaterThan(50);
		expect(await cacheText(helped)).toEqual(await cacheText(alone));
		for (const query of ["renewal pricing", "migraton", "café thursday", "rollbak plan"]) expect(threaded.searchNotes(query)).toEqual(single.searchNotes(query));
		// A few notes changed: read one by one, no thread.
		await vault.write("Extra/Note 1.md", "# Changed\n\nA vendor audit.\n");
		await threaded.refresh();
		expect(workers.spawned).toBe(1);
	});

	it("builds on its own thread when the worker fails, with the same result, and starts no thread again", async () => {
		vault = await largerVault();
		const alone = new InMemoryKeyValueStore();
		const single = indexOver(alone);
		const expected = await single.rebuild();
		await single.save();
		const workers = inProcessIndexWorkers({ failOnCollect: "it ran out of memory" });
		const helped = new InMemoryKeyValueStore();
		const threaded = indexOver(helped, workers.spawn);
		const summary = await threaded.rebuild();
		await threaded.save();
		expect(workers.spawned).toBe(1);
		expect(workers.terminated).toBe(1);
		expect({ ...summary, milliseconds: 0 }).toEqual({ ...expected, milliseconds: 0 });
		// A refresh over no cache says so after a failed worker too, not "rebuilt".
		const fresh = indexOver(new InMemoryKeyValueStore(), inProcessIndexWorkers({ failOnCollect: "gone" }).spawn);
		expect((await fresh.refresh()).cache).toBe("missing");
		expect(await cacheText(helped)).toEqual(await cacheText(alone));
		await threaded.rebuild();
		expect(workers.spawned).toBe(1);
	});

	it("builds on its own thread when no worker can be started", async () => {
		vault = await largerVault();
		let tried = 0;
		const index = indexOver(new InMemoryKeyValueStore(), () => {
			tried++;
			throw new Error("workers are not allowed here");
		});
		const summary = await index.rebuild();
		expect(summary.reindexed).toBeGreaterThan(50);
		expect(index.searchNotes("renewal").length).toBeGreaterThan(0);
		await index.rebuild();
		expect(tried).toBe(1);
	});
});
