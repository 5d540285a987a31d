/**
 * Reads a rebuild's notes on a second thread, ahead of the indexer. Opening, reading and closing 38,000 small
 * files synchronously held the main thread about 300 ms of a 3 s rebuild; here a worker does the system calls
 * and sends the bytes in batches, and the main thread only decodes them (about 60 ms).
 *
 * The worker reads exactly as the main thread would for a listed plain note (`O_NOFOLLOW`, see
 * node-vault-reader.ts). Anything it could not read (a note swapped for a link, a file gone, no permission)
 * comes back as "read it yourself": the main thread then reads it its own way, with its own checks and its own
 * sentence for the failure, so a read through the worker can never be laxer or say something different.
 *
 * With each file's bytes comes the fingerprint of the file it opened (modification time and size, from the
 * `fstat` a read makes anyway), so the main thread need not stat the notes it is given (see listed-note.ts).
 */
import { Worker } from "node:worker_threads";
import type * as Fs from "node:fs";
import type * as WorkerThreads from "node:worker_threads";
import type { FileFingerprint } from "../core/ports/vault-reader";

/** Stop reading a batch past this many bytes: a batch is one message, decoded in well under a millisecond. */
const BATCH_BYTES = 256 * 1024;
/** Batches the worker may read ahead of the one being consumed: bounds the memory held in flight to about 1 MB. */
const BATCHES_AHEAD = 4;

interface Batch {
	/** Position of its first file in the list. */
	first: number;
	/** For each file, where its bytes end, or −1 − that offset for a file the worker could not read. */
	ends: Int32Array;
	/** For each file read, the modification time (whole milliseconds) and size in bytes of the file opened. */
	mtimes: Float64Array;
	sizes: Float64Array;
	bytes: ArrayBuffer;
}

/** A file the worker read: its text and the fingerprint of the file it opened. */
export interface AheadRead {
	text: string;
	fingerprint: FileFingerprint;
}

/** The worker's first message: what to read. Every later message asks for the next batch. */
interface WorkerInput {
	paths: string[];
	flags: number;
	batchBytes: number;
}

/**
 * The worker's whole program. It is run from its source text (`eval`), so the command line needs no second
 * file and the tests run the same code: it must not use anything from this module's scope, and it loads Node's
 * modules through the `require` an eval'd worker has.
 */
function readInBatches(): void {
	const load = (globalThis as unknown as { require: (id: string) => unknown }).require;
	const threads = load("node:worker_threads") as typeof WorkerThreads;
	const parentPort = threads.parentPort;
	const fs = load("node:fs") as typeof Fs;
	let input: WorkerInput | null = null;
	let next = 0;
	// One batch per message: the main thread asks for the next when it starts on one, so at most a few wait.
	parentPort?.on("message", (message: WorkerInput | "next") => {
		if (input === null) {
			if (message !== "next") input = message;
			return;
		}
		const { paths, flags, batchBytes } = input;
		if (next >= paths.length) return;
		const first = next;
		const chunks: Uint8Array[] = [];
		const ends: number[] = [];
		const mtimes: number[] = [];
		const sizes: number[] = [];
		let size = 0;
		while (next < paths.length && size < batchBytes) {
			let bytes: Uint8Array | null = null;
			try {
				const fd = fs.openSync(paths[next] ?? "", flags);
				try {
					// readFileSync(fd) would fstat too, for the size: one fstat gives the size and the fingerprint.
					const info = fs.fstatSync(fd);
					mtimes.push(Math.round(info.mtimeMs));
					sizes.push(info.size);
					bytes = readAll(fd, info.size);
				} finally {
					fs.closeSync(fd);
				}
			} catch {
				bytes = null;
			}
			if (bytes) {
				chunks.push(bytes);
				size += bytes.length;
				ends.push(size);
			} else {
				ends.push(-1 - size);
				// One entry a file in every column, read or not (an unread file's fingerprint is never used).
				mtimes.length = sizes.length = ends.length;
			}
			next++;
		}
		const joined = new Uint8Array(size);
		let offset = 0;
		for (const chunk of chunks) {
			joined.set(chunk, offset);
			offset += chunk.length;
		}
		const batch = { first, ends: Int32Array.from(ends), mtimes: Float64Array.from(mtimes), sizes: Float64Array.from(sizes), bytes: joined.buffer };
		parentPort.postMessage(batch, [batch.bytes]);
		if (next >= paths.length) parentPort.close();
	});

	/**
	 * The file's bytes, as readFileSync(fd) reads them: the size its fstat gave (fewer if it shrank since), or,
	 * for a size of 0 (which some file systems report for files with content), up to the end.
	 */
	function readAll(fd: number, size: number): Uint8Array {
		let buffer = new Uint8Array(size > 0 ? size : 8192);
		let length = 0;
		for (;;) {
			if (length === buffer.length) {
				if (size > 0) return buffer;
				const larger = new Uint8Array(buffer.length * 2);
				larger.set(buffer);
				buffer = larger;
			}
			const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
			if (read === 0) return buffer.subarray(0, length);
			length += read;
		}
	}
}

export class FileReadAhead {
	private readonly positions = new Map<string, number>();
	/** Each file's batch, once it has arrived; a batch is let go when every file of it was taken. */
	private readonly batchOf: (Batch | undefined)[] = [];
	/** Batches a file was taken from: the first take from each asks the worker for another. */
	private readonly started = new WeakSet<Batch>();
	private readonly waiting = new Map<number, (read: AheadRead | null) => void>();
	private received = 0;
	private ended = false;
	/** Batches asked of the worker and batches arrived: a waiting read with none outstanding asks for one more. */
	private requested = 0;
	private arrived = 0;
	private given = false;

	private constructor(private readonly worker: Worker) {
		worker.on("message", (batch: Batch) => this.receive(batch));
		// A worker that fails or stops early leaves its remaining files to the main thread's own reads.
		worker.on("error", () => this.end());
		worker.on("exit", () => this.end());
		worker.on("messageerror", () => this.end());
		// Only a read waiting on it keeps the command line alive (see take), never the worker itself.
		worker.unref();
	}

	/**
	 * Starts a reading thread with nothing to read yet: a thread takes about 30 ms to start, which it can spend
	 * while the vault is still being listed (see node-vault-reader.ts). Null if no worker could be made.
	 */
	static spawn(): FileReadAhead | null {
		try {
			return new FileReadAhead(new Worker(`(${readInBatches.toString()})()`, { eval: true }));
		} catch {
			return null;
		}
	}

	/** Gives a spawned thread its files, once: `fullPaths` in this order, opened with `flags`, known by `paths`. */
	read(fullPaths: readonly string[], paths: readonly string[], flags: number): this {
		if (this.given) throw new Error("a reading thread is given its files once");
		this.given = true;
		paths.forEach((path, position) => this.positions.set(path, position));
		const input: WorkerInput = { paths: [...fullPaths], flags, batchBytes: BATCH_BYTES };
		this.worker.postMessage(input);
		for (let k = 0; k < BATCHES_AHEAD; k++) this.askForBatch();
		return this;
	}

	/**
	 * The text and fingerprint of a file on the list, once the worker has read it: null when the caller must read
	 * it itself (the worker could not, or stopped); undefined for a file not on the list or already taken.
	 */
	take(path: string): Promise<AheadRead | null> | undefined {
		const position = this.positions.get(path);
		if (position === undefined) return undefined;
		this.positions.delete(path);
		if (position < this.received) return Promise.resolve(this.readAt(position));
		if (this.ended) return Promise.resolve(null);
		// A file further on than the batches asked for (the reads skipped some): ask, or it would wait forever.
		if (this.requested === this.arrived) this.askForBatch();
		this.worker.ref();
		return new Promise((resolve) => this.waiting.set(position, resolve));
	}

	/** Stops the worker; files not taken yet are read by the caller. */
	stop(): void {
		void this.worker.terminate();
		this.end();
	}

	private receive(batch: Batch): void {
		for (let k = 0; k < batch.ends.length; k++) this.batchOf[batch.first + k] = batch;
		this.received = batch.first + batch.ends.length;
		this.arrived++;
		for (const [position, resolve] of this.waiting) {
			if (position >= this.received) continue;
			this.waiting.delete(position);
			resolve(this.readAt(position));
		}
		if (this.waiting.size > 0 && this.requested === this.arrived) this.askForBatch();
		if (this.waiting.size === 0) this.worker.unref();
	}

	private askForBatch(): void {
		if (this.ended) return;
		this.requested++;
		this.worker.postMessage("next");
	}

	private readAt(position: number): AheadRead | null {
		const batch = this.batchOf[position];
		if (!batch) return null;
		this.batchOf[position] = undefined;
		const k = position - batch.first;
		// The first file taken from a batch asks for the next one, so the worker stays a few batches ahead.
		if (!this.started.has(batch)) {
			this.started.add(batch);
			this.askForBatch();
		}
		const end = batch.ends[k] ?? -1;
		if (end < 0) return null;
		const before = k === 0 ? 0 : (batch.ends[k - 1] ?? 0);
		const start = before < 0 ? -1 - before : before;
		// Node's own decoding, as readFileSync(…, "utf8") does: a byte order mark is kept, bad bytes become U+FFFD alike.
		const text = Buffer.from(batch.bytes, start, end - start).toString("utf8");
		return { text, fingerprint: { mtime: batch.mtimes[k] ?? -1, size: batch.sizes[k] ?? -1 } };
	}

	private end(): void {
		this.ended = true;
		for (const resolve of this.waiting.values()) resolve(null);
		this.waiting.clear();
	}
}
