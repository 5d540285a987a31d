/**
 * The app's index worker: the program of term-worker-program.ts in a Web Worker. esbuild.config.mjs bundles this
 * file on its own and puts its text into main.js (web-index-worker.ts), which starts it from a blob.
 */
import { termWorkerProgram } from "../../core/index/term-worker-program";
import type { TermWorkerRequest } from "../../core/index/term-worker-protocol";

/** The part of a dedicated worker's global scope used here (the DOM library types `self` as a window). */
interface WorkerScope {
	postMessage(message: unknown, transfer: ArrayBuffer[]): void;
	onmessage: ((event: MessageEvent<TermWorkerRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handle = termWorkerProgram((reply, transfer) => scope.postMessage(reply, transfer));
scope.onmessage = (event) => handle(event.data);
