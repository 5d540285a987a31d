/**
 * The index worker port on a Node worker thread. It runs the bundled program from its text (`eval`), so the
 * command line needs no second file beside its chunks.
 */
import { Worker } from "node:worker_threads";
import type { IndexWorker, SpawnIndexWorker } from "../core/ports/index-worker";
import type { TermWorkerReply } from "../core/index/term-worker-protocol";

/** Starts threads running `source`, the bundled text of term-worker-main.ts. */
export function nodeIndexWorkers(source: string): SpawnIndexWorker {
	return () => nodeIndexWorker(new Worker(source, { eval: true }));
}

function nodeIndexWorker(worker: Worker): IndexWorker {
	let stopped = false;
	return {
		post: (request, transfer) => worker.postMessage(request, transfer),
		listen: (onReply, onFailure) => {
			worker.on("message", (reply: TermWorkerReply) => {
				if (!stopped) onReply(reply);
			});
			const fail = (error: Error): void => {
				if (!stopped) onFailure(error);
			};
			worker.on("error", fail);
			worker.on("messageerror", fail);
			worker.on("exit", (code) => fail(new Error(`it ended with exit code ${code}`)));
		},
		terminate: () => {
			stopped = true;
			void worker.terminate();
		},
	};
}
