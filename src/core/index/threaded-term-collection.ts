/**
 * Collects a bulk build's terms on a worker thread: sections are sent in batches as the caller reads the notes,
 * so cutting them into terms (the larger half of a cold build) runs beside the reading and parsing instead of
 * after it, and sorting the postings too. The caller's thread only copies the field values into messages.
 */
import type { IndexWorker } from "../ports/index-worker";
import type { TimeSlicer } from "../ports/time-slicer";
import type { CollectedTerms } from "./term-collector";
import type { TermCollection } from "./term-collection";
import type { TermWorkerRequest } from "./term-worker-protocol";

/** Values wait in a batch until it holds this many characters: one message each, about 80 on a 10k-note vault. */
const BATCH_CHARACTERS = 256 * 1024;

/** The worker thread failed (an error, its end, a reply it could not send): the caller builds on its own thread. */
export class IndexWorkerFailed extends Error {
	constructor(reason: string) {
		super(`the index's worker thread failed (${reason})`);
		this.name = "IndexWorkerFailed";
	}
}

export class ThreadedTermCollection implements TermCollection {
	readonly onAnotherThread = true;
	private batch: string[] = [];
	private pendingCharacters = 0;
	private requested = false;
	private finished = false;
	private readonly result: Promise<CollectedTerms>;
	private reject: (error: Error) => void = () => undefined;

	constructor(
		private readonly worker: IndexWorker,
		private readonly batchCharacters = BATCH_CHARACTERS,
	) {
		let resolve: (collected: CollectedTerms) => void = () => undefined;
		this.result = new Promise<CollectedTerms>((onResolve, onReject) => {
			resolve = onResolve;
			this.reject = onReject;
		});
		// A failure before anyone asks is kept for the one who does; until then it must not count as unhandled.
		this.result.catch(() => undefined);
		const terms: string[] = [];
		worker.listen(
			(reply) => {
				if (this.finished) return;
				if (reply.kind === "terms") {
					for (const term of reply.terms) terms.push(term);
					return;
				}
				this.finish();
				if (reply.kind === "collected") resolve({ ...reply.collected, terms });
				else this.reject(new IndexWorkerFailed(reply.message));
			},
			(error) => this.fail(error),
		);
	}

	add(values: readonly string[]): void {
		if (this.requested) throw new Error("a section was added to a bulk index build after it was built");
		if (this.finished) return;
		for (const value of values) {
			this.batch.push(value);
			this.pendingCharacters += value.length;
		}
		if (this.pendingCharacters >= this.batchCharacters) this.send();
	}

	collected(_slicer: TimeSlicer): Promise<CollectedTerms> {
		if (!this.requested && !this.finished) {
			this.requested = true;
			this.send();
			this.post({ kind: "collect" });
		}
		this.requested = true;
		return this.result;
	}

	abandon(): void {
		if (this.finished) return;
		this.finish();
		this.reject(new Error("the bulk index build was abandoned"));
	}

	private send(): void {
		if (this.batch.length === 0) return;
		this.post({ kind: "add", values: this.batch });
		this.batch = [];
		this.pendingCharacters = 0;
	}

	/** A message the worker cannot be sent (a value it cannot clone, a thread already gone) fails the collection, not the caller's step. */
	private post(request: TermWorkerRequest): void {
		if (this.finished) return;
		try {
			this.worker.post(request);
		} catch (error) {
			this.fail(error instanceof Error ? error : new Error(String(error)));
		}
	}

	private fail(error: Error): void {
		if (this.finished) return;
		this.finish();
		this.reject(new IndexWorkerFailed(error.message));
	}

	private finish(): void {
		this.finished = true;
		this.batch = [];
		this.worker.terminate();
	}
}
