/**
 * The index helper of the command line (core/ports/index-helper.ts): a worker thread (index-worker.ts) that reads
 * and indexes the later part of a large rebuild while the main thread does the first. Any failure of the thread
 * (it could not start, it threw, it stopped) gives null, and the index does that part itself.
 */
import type { Worker } from "node:worker_threads";
import type { IndexHelper, IndexPart } from "../core/ports/index-helper";
import type { IndexSettings } from "../core/index/index-settings";
import type { VaultFileStat } from "../core/ports/vault-reader";
import type { NodeVaultReader } from "./node-vault-reader";

/** What the worker is given: all plain data, copied to the thread. */
export interface IndexWorkerInput {
	root: string;
	configDir: string;
	files: VaultFileStat[];
	/** The files the main thread's listing found as plain files: the only ones the worker reads. */
	plain: string[];
	settings: IndexSettings;
}

/** Below this many notes the worker costs more to start (about 100 ms to load its code) than it saves. */
export const INDEX_WORKER_MIN_NOTES = 2000;

export class WorkerIndexHelper implements IndexHelper {
	constructor(
		private readonly reader: NodeVaultReader,
		private readonly root: string,
		private readonly configDir: string,
		/** Starts index-worker.ts with this input: the built file in the command line, the source through tsx in tests. */
		private readonly startWorker: (input: IndexWorkerInput) => Worker,
		readonly minimumNotes = INDEX_WORKER_MIN_NOTES,
	) {}

	indexPart(files: readonly VaultFileStat[], settings: IndexSettings): Promise<IndexPart | null> {
		const plain = files.filter((file) => this.reader.isListedPlainNote(file.path)).map((file) => file.path);
		if (plain.length === 0) return Promise.resolve(null);
		const input: IndexWorkerInput = { root: this.root, configDir: this.configDir, files: [...files], plain, settings };
		return new Promise((resolve) => {
			let worker: Worker;
			try {
				worker = this.startWorker(input);
			} catch {
				resolve(null);
				return;
			}
			// The first of these settles it; the others are then no-ops.
			worker.once("message", (part: IndexPart) => {
				resolve(part);
				void worker.terminate();
			});
			worker.once("error", () => resolve(null));
			worker.once("messageerror", () => resolve(null));
			worker.once("exit", () => resolve(null));
		});
	}
}
