/** The messages between a bulk build and its worker thread (threaded-term-collection.ts, term-worker-program.ts). */
import type { CollectedTerms } from "./term-collector";

export type TermWorkerRequest =
	/** Sections' field values, flattened: `MINISEARCH_OPTIONS.fields.length` values per section, in order. */
	| { kind: "add"; values: string[] }
	/** No more sections: sort and send everything back. */
	| { kind: "collect" };

export type TermWorkerReply =
	/** The next of the collection's terms, in order: sent apart, a few thousand at a time (see TERMS_PER_MESSAGE). */
	| { kind: "terms"; terms: string[] }
	/** The rest of the collection, its terms left out (sent before it). */
	| { kind: "collected"; collected: CollectedTerms }
	| { kind: "failed"; message: string };

/**
 * Terms sent in one message. A message is read on the receiving thread in one go, and reading 100,000 short strings
 * took about 20 ms (300,000 about 50), a stretch the app's window would feel; 16,384 take about 3 ms.
 */
export const TERMS_PER_MESSAGE = 16384;

/** The buffers a collected reply moves to the other thread rather than copies. */
export function transferablesOf(collected: CollectedTerms): ArrayBuffer[] {
	const { sortedTerms, postings, lengths } = collected;
	return [sortedTerms.buffer, postings.start.buffer, postings.documents.buffer, postings.frequencies.buffer, lengths.buffer].filter(
		(buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer,
	);
}
