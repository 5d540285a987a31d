import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { resolveObjectURL } from "node:buffer";
import { termWorkerSource } from "../../esbuild.config.mjs";
import { webIndexWorkers, type WorkerConstructor } from "../../src/obsidian/index/web-index-worker";
import { NodeVaultReader } from "../../src/cli/node-vault-reader";
import { InMemoryKeyValueStore } from "../../src/core/ports/key-value-store";
import { VaultIndex } from "../../src/core/index/vault-index";
import { DEFAULT_INDEX_SETTINGS } from "../../src/core/index/index-settings";
import type { SpawnIndexWorker } from "../../src/core/ports/index-worker";
import type { TempVault } from "../helpers/temp-vault";
import { cacheText, largerVault } from "../helpers/bulk-vault";
import { WebWorkerDouble } from "../helpers/web-worker-double";

/** The worker's program as main.js carries it (esbuild.config.mjs). */
let source = "";
beforeAll(async () => {
	source = await termWorkerSource("src/obsidian/index/term-worker-main.ts", "browser");
});

let vault: TempVault | undefined;
afterEach(async () => {
	await vault?.cleanup();
	vault = undefined;
	WebWorkerDouble.started.length = 0;
});

const AsWorker = WebWorkerDouble as unknown as WorkerConstructor;

async function builtWith(spawnWorker?: SpawnIndexWorker): Promise<{ index: VaultIndex; cache: Record<string, string> }> {
	const store = new InMemoryKeyValueStore();
	const index = new VaultIndex({ vault: new NodeVaultReader(vault?.root ?? ""), store, settings: DEFAULT_INDEX_SETTINGS, workerMinNotes: 50, ...(spawnWorker ? { spawnWorker } : {}) });
	await index.rebuild();
	await index.save();
	return { index, cache: await cacheText(store) };
}

describe("the index's Web Worker in the app", () => {
	it("is not offered without a bundled program or a Worker constructor", () => {
		expect(webIndexWorkers(null, AsWorker)).toBeNull();
		expect(webIndexWorkers(source, undefined)).toBeNull();
	});

	it("builds in the worker the same index and cache as on one thread, and lets its blob URL go when done", async () => {
		vault = await largerVault();
		const single = await builtWith();
		const threaded = await builtWith(webIndexWorkers(source, AsWorker) ?? undefined);
		expect(WebWorkerDouble.started).toHaveLength(1);
		const [worker] = WebWorkerDouble.started;
		// Its replies (the terms, then the rest of the collection) came, and it was stopped after.
		expect(worker?.delivered).toBe(2);
		expect(worker?.terminated).toBe(true);
		expect(worker?.unhandled).toEqual([]);
		expect(threaded.cache).toEqual(single.cache);
		expect(threaded.index.searchNotes("rollbak plan")).toEqual(single.index.searchNotes("rollbak plan"));
	});

	it("builds on the app's thread when the worker's script fails, marking the error handled", async () => {
		vault = await largerVault();
		const single = await builtWith();
		const fallen = await builtWith(webIndexWorkers('throw new Error("a broken bundle")', AsWorker) ?? undefined);
		expect(fallen.cache).toEqual(single.cache);
		const [worker] = WebWorkerDouble.started;
		expect(worker?.delivered).toBe(0);
		expect(worker?.terminated).toBe(true);
		expect(worker?.unhandled).toEqual([]);
	});

	it("revokes the blob URL when the worker is stopped", () => {
		const urls: string[] = [];
		class Recording extends WebWorkerDouble {
			constructor(url: string) {
				super(url);
				urls.push(url);
			}
		}
		const spawn = webIndexWorkers(source, Recording as unknown as WorkerConstructor);
		const worker = spawn?.();
		expect(urls).toHaveLength(1);
		expect(resolveObjectURL(urls[0] ?? "")).toBeDefined();
		worker?.terminate();
		expect(resolveObjectURL(urls[0] ?? "")).toBeUndefined();
	});
});
