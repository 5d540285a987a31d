/**
 * Postings recorded as they are met, in three flat columns, and put in order once at the end by a counting sort.
 * A bulk build used to keep one growing array per term and field: on 38k notes that was two hundred thousand
 * arrays reallocated as they grew, each reallocation copied again by every young-generation collection, and each
 * occurrence a chase through three objects. Here an occurrence is a write at the end of a typed array.
 */
import type { TimeSlicer } from "../ports/time-slicer";

/** The scatter looks at the clock once per this many postings placed. */
const CHECK_EVERY = 65_536;

/** A growable column of 32-bit integers. */
class IntColumn {
	values = new Int32Array(1 << 16);
	length = 0;

	push(value: number): void {
		if (this.length === this.values.length) {
			const larger = new Int32Array(this.values.length * 2);
			larger.set(this.values);
			this.values = larger;
		}
		this.values[this.length++] = value;
	}
}

/** Postings by key: those of key `k` are `documents[i]`, `frequencies[i]` for `start[k] <= i < start[k + 1]`, in the order recorded. */
export interface SortedPostings {
	readonly start: Int32Array;
	readonly documents: Int32Array;
	readonly frequencies: Int32Array;
}

export class PostingLog {
	private keys = new IntColumn();
	private documents = new IntColumn();
	private frequencies = new IntColumn();

	get length(): number {
		return this.keys.length;
	}

	/** Records a posting and returns its position, through which its frequency can still be raised. */
	add(key: number, document: number, frequency: number): number {
		this.keys.push(key);
		this.documents.push(document);
		this.frequencies.push(frequency);
		return this.keys.length - 1;
	}

	/** One more occurrence for the posting recorded at `position`. */
	count(position: number): void {
		this.frequencies.values[position] = (this.frequencies.values[position] ?? 0) + 1;
	}

	keyAt(position: number): number {
		return this.keys.values[position] ?? 0;
	}

	frequencyAt(position: number): number {
		return this.frequencies.values[position] ?? 0;
	}

	/**
	 * Every posting grouped by key (keys below `keyCount`), each group in the order recorded; the log is emptied.
	 * Stable, so postings recorded in document order stay in document order.
	 */
	async sortByKey(keyCount: number, slicer: TimeSlicer): Promise<SortedPostings> {
		const total = this.keys.length;
		const keys = this.keys.values;
		const start = new Int32Array(keyCount + 1);
		for (let i = 0; i < total; i++) {
			const after = (keys[i] ?? 0) + 1;
			start[after] = (start[after] ?? 0) + 1;
		}
		for (let k = 0; k < keyCount; k++) start[k + 1] = (start[k + 1] ?? 0) + (start[k] ?? 0);
		const next = start.slice(0, keyCount);
		const documents = new Int32Array(total);
		const frequencies = new Int32Array(total);
		const fromDocuments = this.documents.values;
		const fromFrequencies = this.frequencies.values;
		for (let i = 0; i < total; i++) {
			const key = keys[i] ?? 0;
			const to = next[key] ?? 0;
			next[key] = to + 1;
			documents[to] = fromDocuments[i] ?? 0;
			frequencies[to] = fromFrequencies[i] ?? 0;
			if (i % CHECK_EVERY === CHECK_EVERY - 1 && slicer.due) await slicer.yieldNow();
		}
		this.keys = new IntColumn();
		this.documents = new IntColumn();
		this.frequencies = new IntColumn();
		return { start, documents, frequencies };
	}
}
