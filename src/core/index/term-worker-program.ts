/**
 * The worker thread's whole program: it collects the terms of the sections it is sent and, asked for them, sends
 * the collection back: its terms a few thousand per message, then its arrays, moved rather than copied. Any failure is sent back as a sentence; the caller
 * then builds on its own thread (vault-index.ts).
 */
import { unhurriedClock } from "../ports/clock";
import { TimeSlicer } from "../ports/time-slicer";
import { MINISEARCH_OPTIONS } from "./search-options";
import { TermCollector } from "./term-collector";
import { TERMS_PER_MESSAGE, transferablesOf, type TermWorkerReply, type TermWorkerRequest } from "./term-worker-protocol";

/** Returns the handler of the requests the thread receives; `reply` posts to the thread that sent them. */
export function termWorkerProgram(reply: (message: TermWorkerReply, transfer: ArrayBuffer[]) => void): (request: TermWorkerRequest) => void {
	const collector = new TermCollector();
	const fields = MINISEARCH_OPTIONS.fields.length;
	let failed = false;
	const fail = (error: unknown): void => {
		failed = true;
		reply({ kind: "failed", message: error instanceof Error ? error.message : String(error) }, []);
	};
	return (request) => {
		if (failed) return;
		try {
			if (request.kind === "add") {
				for (let at = 0; at < request.values.length; at += fields) collector.add(request.values.slice(at, at + fields));
				return;
			}
			// Nothing else runs on this thread: the sort needs no turns.
			collector.collect(new TimeSlicer(unhurriedClock, Infinity)).then((collected) => {
				const { terms } = collected;
				for (let at = 0; at < terms.length; at += TERMS_PER_MESSAGE) reply({ kind: "terms", terms: terms.slice(at, at + TERMS_PER_MESSAGE) }, []);
				reply({ kind: "collected", collected: { ...collected, terms: [] } }, transferablesOf(collected));
			}, fail);
		} catch (error) {
			fail(error);
		}
	};
}
