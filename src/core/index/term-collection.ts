/**
 * Where a bulk build's sections are cut into terms: on this thread (LocalTermCollection) or on a second one
 * (threaded-term-collection.ts). The builder feeds either the same way and gets the same collection back.
 */
import type { TimeSlicer } from "../ports/time-slicer";
import { TermCollector, type CollectedTerms } from "./term-collector";

export interface TermCollection {
	/** Whether it runs on a worker thread, which may fail: the build then waits for it while it can still start over. */
	readonly onAnotherThread: boolean;
	/** One section's field values, by field id (`MINISEARCH_OPTIONS.fields`). */
	add(values: readonly string[]): void;
	/** Everything added, collected; the same promise on every call. Rejects if a worker thread failed. */
	collected(slicer: TimeSlicer): Promise<CollectedTerms>;
	/** Gives up: a worker thread is stopped. Nothing may be added after. */
	abandon(): void;
}

/** Collects on the caller's thread, sorting in the caller's slices. */
export class LocalTermCollection implements TermCollection {
	readonly onAnotherThread = false;
	private readonly collector = new TermCollector();

	add(values: readonly string[]): void {
		this.collector.add(values);
	}

	collected(slicer: TimeSlicer): Promise<CollectedTerms> {
		return this.collector.collect(slicer);
	}

	abandon(): void {}
}
