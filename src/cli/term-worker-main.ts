/**
 * The command line's index worker thread: the program of term-worker-program.ts on a Node worker thread.
 * esbuild.config.mjs bundles this file on its own and puts its text into the command line (term-worker-source.ts).
 */
import { parentPort } from "node:worker_threads";
import { termWorkerProgram } from "../core/index/term-worker-program";
import type { TermWorkerRequest } from "../core/index/term-worker-protocol";

const port = parentPort;
if (port) {
	const handle = termWorkerProgram((reply, transfer) => port.postMessage(reply, transfer));
	port.on("message", (request: TermWorkerRequest) => handle(request));
}
