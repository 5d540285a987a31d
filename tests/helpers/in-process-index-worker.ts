/**
 * The index worker port without a thread: the worker's real program (term-worker-program.ts) behind structured
 * clones and a macrotask per message, as a Node or Web worker delivers them, so the core's side of the protocol is
 * tested without starting threads. `failOnCollect` makes the program's reply to "collect" a failure instead.
 */
import type { IndexWorker, SpawnIndexWorker } from "../../src/core/ports/index-worker";
import { termWorkerProgram } from "../../src/core/index/term-worker-program";
import type { TermWorkerReply, TermWorkerRequest } from "../../src/core/index/term-worker-protocol";

export interface InProcessWorkers {
	spawn: SpawnIndexWorker;
	/** Threads started, and those stopped, so far. */
	spawned: number;
	terminated: number;
	/** Requests posted to every thread, by kind. */
	posted: Record<TermWorkerRequest["kind"], number>;
	/** Replies delivered to the caller, by kind. */
	replied: Record<TermWorkerReply["kind"], number>;
}

export function inProcessIndexWorkers(options: { failOnCollect?: string } = {}): InProcessWorkers {
	const workers: InProcessWorkers = { spawn: () => start(), spawned: 0, terminated: 0, posted: { add: 0, collect: 0 }, replied: { terms: 0, collected: 0, failed: 0 } };
	const start = (): IndexWorker => {
		workers.spawned++;
		let stopped = false;
		let onReply: (reply: TermWorkerReply) => void = () => undefined;
		const reply = (message: TermWorkerReply, transfer: ArrayBuffer[]): void => {
			const copy = structuredClone(message, { transfer });
			setImmediate(() => {
				if (stopped) return;
				workers.replied[copy.kind]++;
				onReply(copy);
			});
		};
		const program = termWorkerProgram(reply);
		return {
			post: (request, transfer) => {
				if (stopped) throw new Error("a message was posted to a terminated worker");
				workers.posted[request.kind]++;
				const copy = structuredClone(request, transfer ? { transfer } : undefined);
				setImmediate(() => {
					if (stopped) return;
					if (copy.kind === "collect" && options.failOnCollect !== undefined) reply({ kind: "failed", message: options.failOnCollect }, []);
					else program(copy);
				});
			},
			listen: (reply) => {
				onReply = reply;
			},
			terminate: () => {
				if (!stopped) workers.terminated++;
				stopped = true;
			},
		};
	};
	return workers;
}
