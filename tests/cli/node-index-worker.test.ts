import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { termWorkerSource } from "../../esbuild.config.mjs";
import { nodeIndexWorkers } from "../../src/cli/node-index-worker";
import { NodeVaultReader } from "../../src/cli/node-vault-reader";
import { InMemoryKeyValueStore } from "../../src/core/ports/key-value-store";
import { VaultIndex } from "../../src/core/index/vault-index";
import { DEFAULT_INDEX_SETTINGS } from "../../src/core/index/index-settings";
import type { SpawnIndexWorker } from "../../src/core/ports/index-worker";
import type { TempVault } from "../helpers/temp-vault";
import { cacheText, largerVault } from "../helpers/bulk-vault";

/** The worker's program as the command line's bundle carries it (esbuild.config.mjs). */
let source = "";
beforeAll(async () => {
	source = await termWorkerSource("src/cli/term-worker-main.ts", "node");
});

let vault: TempVault;
afterEach(async () => {
	await vault.cleanup();
});

/** Counts the threads started and the collections they sent back. */
function counted(spawn: SpawnIndexWorker): { spawn: SpawnIndexWorker; spawned: () => number; collections: () => number } {
	let spawned = 0;
	let collections = 0;
	return {
		spawn: () => {
			spawned++;
			const worker = spawn();
			return {
				...worker,
				listen: (onReply, onFailure) =>
					worker.listen((reply) => {
						if (reply.kind === "collected") collections++;
						onReply(reply);
					}, onFailure),
			};
		},
		spawned: () => spawned,
		collections: () => collections,
	};
}

async function builtWith(store: InMemoryKeyValueStore, spawnWorker?: SpawnIndexWorker): Promise<{ index: VaultIndex; cache: Record<string, string> }> {
	const index = new VaultIndex({ vault: new NodeVaultReader(vault.root), store, settings: DEFAULT_INDEX_SETTINGS, workerMinNotes: 50, ...(spawnWorker ? { spawnWorker } : {}) });
	await index.rebuild();
	await index.save();
	return { index, cache: await cacheText(store) };
}

describe("the index's worker thread in Node", () => {
	it("builds on a real worker thread the same index and cache as on one thread", async () => {
		vault = await largerVault();
		const single = await builtWith(new InMemoryKeyValueStore());
		const workers = counted(nodeIndexWorkers(source));
		const threaded = await builtWith(new InMemoryKeyValueStore(), workers.spawn);
		expect(workers.spawned()).toBe(1);
		expect(workers.collections()).toBe(1);
		expect(threaded.cache).toEqual(single.cache);
		for (const query of ["renewal pricing", "migraton", "naïve café"]) expect(threaded.index.searchNotes(query)).toEqual(single.index.searchNotes(query));
	});

	it("builds on its own thread when the worker's program throws or the thread ends without replying", async () => {
		vault = await largerVault();
		const single = await builtWith(new InMemoryKeyValueStore());
		for (const broken of ['throw new Error("a broken bundle")', "process.exit(3)"]) {
			const workers = counted(nodeIndexWorkers(broken));
			const fallen = await builtWith(new InMemoryKeyValueStore(), workers.spawn);
			expect(workers.spawned()).toBe(1);
			expect(workers.collections()).toBe(0);
			expect(fallen.cache).toEqual(single.cache);
		}
	});
});
