/** The messages between a bulk build and its worker thread (threaded-term-collection.ts, term-worker-program.ts). */
import type { CollectedTerms } from "./term-collector";

export type TermWorkerRequest =
	/** Sections' field values, flattened: `MINISEARCH_OPTIONS.fields.length` values per section, in order. */
	| { kind: "add"; values: string[] }
	/** No more sections: sort and send everything back. */
	| { kind: "collect" };

export type TermWorkerReply = { kind: "collected"; collected: CollectedTerms } | { kind: "failed"; message: string };

/** The buffers a collected reply moves to the other thread rather than copies. */
export function transferablesOf(collected: CollectedTerms): ArrayBuffer[] {
	const { sortedTerms, postings, lengths } = collected;
	return [sortedTerms.buffer, postings.start.buffer, postings.documents.buffer, postings.frequencies.buffer, lengths.buffer].filter(
		(buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer,
	);
}
