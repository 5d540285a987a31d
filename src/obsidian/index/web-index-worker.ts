/**
 * The index worker port on a Web Worker, for the app (desktop and mobile alike: nothing in it is Node's). Its
 * program is bundled into main.js as text (esbuild.config.mjs) and started from a blob URL, so the plugin stays the
 * one file Obsidian loads.
 */
import type { IndexWorker, SpawnIndexWorker } from "../../core/ports/index-worker";
import type { TermWorkerReply } from "../../core/index/term-worker-protocol";

declare const COWORKER_WEB_TERM_WORKER: string | undefined;

/** The bundled program, or null when run from the sources (tests), where the index then builds on one thread. */
export const bundledWebTermWorkerSource: string | null = typeof COWORKER_WEB_TERM_WORKER === "string" ? COWORKER_WEB_TERM_WORKER : null;

/** What is used of the `Worker` constructor (a test gives its own). */
export type WorkerConstructor = new (url: string) => Worker;

/** Starts Web Workers running `source`; null where there is no program or no `Worker`. */
export function webIndexWorkers(source: string | null, WorkerClass: WorkerConstructor | undefined): SpawnIndexWorker | null {
	if (source === null || WorkerClass === undefined) return null;
	return () => {
		const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
		try {
			return webIndexWorker(new WorkerClass(url), url);
		} catch (error) {
			URL.revokeObjectURL(url);
			throw error;
		}
	};
}

/**
 * The blob URL is let go when the worker is stopped: revoked at once, a worker could find its script gone while it
 * still loads it. A Web Worker that dies without an error event (the browser ran out of memory) is not noticed; the
 * build would wait. Workers report script and start failures as `error` events, which this does handle.
 */
function webIndexWorker(worker: Worker, url: string): IndexWorker {
	let stopped = false;
	return {
		post: (request, transfer) => worker.postMessage(request, transfer ?? []),
		listen: (onReply, onFailure) => {
			worker.onmessage = (event: MessageEvent<TermWorkerReply>) => {
				if (!stopped) onReply(event.data);
			};
			worker.onerror = (event: ErrorEvent) => {
				// Handled here: the console need not show it as uncaught, the build goes on without the worker.
				event.preventDefault();
				if (!stopped) onFailure(new Error(event.message || "it could not start"));
			};
			worker.onmessageerror = () => {
				if (!stopped) onFailure(new Error("a reply could not be read"));
			};
		},
		terminate: () => {
			if (stopped) return;
			stopped = true;
			worker.terminate();
			URL.revokeObjectURL(url);
		},
	};
}
