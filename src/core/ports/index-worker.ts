/**
 * A second thread for the index's heaviest pure work (cutting a bulk build's sections into terms), running the
 * program of src/core/index/term-worker-program.ts. The command line makes it a Node worker thread, the app a
 * Web Worker; both carry messages by structured clone, moving the buffers listed with a message.
 */
import type { TermWorkerReply, TermWorkerRequest } from "../index/term-worker-protocol";

export interface IndexWorker {
	post(request: TermWorkerRequest, transfer?: ArrayBuffer[]): void;
	/** The one listener for its replies, and for its failure: an error it did not catch, or its end before replying. */
	listen(onReply: (reply: TermWorkerReply) => void, onFailure: (error: Error) => void): void;
	/** Stops it; no listener is called after. */
	terminate(): void;
}

/** Starts a worker thread; throws when none can be started here. */
export type SpawnIndexWorker = () => IndexWorker;
