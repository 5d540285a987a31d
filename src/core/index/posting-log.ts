/**
 * Postings recorded as they are met, in three flat columns, and put in order once at the end by a counting sort.
 * A bulk build used to keep one growing array per term and field: on 38k notes that was two hundred thousand
 * arrays reallocated as they grew, each reallocation copied again by every young-generation collection, and each
 * occurrence a chase through three objects. Here an occurrence is a write at the end of a typed array.
 */
import type { TimeSlicer } from "../ports/time-slicer";

/** Entries per chunk of a column: 256 KB of integers. */
const CHUNK_BITS = 16;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

/**
 * A growable column of 32-bit integers, in fixed chunks: growing never copies what is there. One array doubled
 * at a few million entries allocated and copied tens of megabytes in one step, which held the app's window past
 * its 50 ms on a 10k-note vault.
 */
class IntColumn {
	readonly chunks: Int32Array[] = [];
	length = 0;

	push(value: number): void {
		const at = this.length & CHUNK_MASK;
		if (at === 0) this.chunks.push(new Int32Array(CHUNK_SIZE));
		const chunk = this.chunks[this.chunks.length - 1];
		if (chunk) chunk[at] = value;
		this.length++;
	}

	get(position: number): number {
		return this.chunks[position >> CHUNK_BITS]?.[position & CHUNK_MASK] ?? 0;
	}

	set(position: number, value: number): void {
		const chunk = this.chunks[position >> CHUNK_BITS];
		if (chunk) chunk[position & CHUNK_MASK] = value;
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
		this.frequencies.set(position, this.frequencies.get(position) + 1);
	}

	keyAt(position: number): number {
		return this.keys.get(position);
	}

	frequencyAt(position: number): number {
		return this.frequencies.get(position);
	}

	/**
	 * Every posting grouped by key (keys below `keyCount`), each group in the order recorded; the log is emptied.
	 * Stable, so postings recorded in document order stay in document order.
	 */
	async sortByKey(keyCount: number, slicer: TimeSlicer): Promise<SortedPostings> {
		const total = this.keys.length;
		const start = new Int32Array(keyCount + 1);
		const filled = (chunk: number): number => Math.min(CHUNK_SIZE, total - chunk * CHUNK_SIZE);
		for (let c = 0; c < this.keys.chunks.length; c++) {
			const keys = this.keys.chunks[c] ?? new Int32Array(0);
			for (let i = 0, count = filled(c); i < count; i++) {
				const after = (keys[i] ?? 0) + 1;
				start[after] = (start[after] ?? 0) + 1;
			}
			if (slicer.due) await slicer.yieldNow();
		}
		for (let k = 0; k < keyCount; k++) start[k + 1] = (start[k + 1] ?? 0) + (start[k] ?? 0);
		const next = start.slice(0, keyCount);
		const documents = await touchedInSlices(new Int32Array(total), slicer);
		const frequencies = await touchedInSlices(new Int32Array(total), slicer);
		for (let c = 0; c < this.keys.chunks.length; c++) {
			const keys = this.keys.chunks[c] ?? new Int32Array(0);
			const fromDocuments = this.documents.chunks[c] ?? new Int32Array(0);
			const fromFrequencies = this.frequencies.chunks[c] ?? new Int32Array(0);
			for (let i = 0, count = filled(c); i < count; i++) {
				const key = keys[i] ?? 0;
				const to = next[key] ?? 0;
				next[key] = to + 1;
				documents[to] = fromDocuments[i] ?? 0;
				frequencies[to] = fromFrequencies[i] ?? 0;
			}
			if (slicer.due) await slicer.yieldNow();
		}
		this.keys = new IntColumn();
		this.documents = new IntColumn();
		this.frequencies = new IntColumn();
		return { start, documents, frequencies };
	}
}

/** Entries written per step of {@link touchedInSlices}: a megabyte of integers. */
const TOUCH_STEP = 1 << 18;

/**
 * `array`, every page of it written once, in slices. A fresh large typed array is memory the system has not handed
 * over yet: each page costs a fault when first written. The sort's scatter writes all over its output at once, so
 * its first step paid for every page together, 35 to 40 ms on a 10k-note vault (about 10 µs a page on a virtual
 * machine), which held the app's window past its 50 ms. Written in order here, the same faults come a slice at a time.
 */
async function touchedInSlices(array: Int32Array, slicer: TimeSlicer): Promise<Int32Array> {
	for (let at = 0; at < array.length; at += TOUCH_STEP) {
		array.fill(0, at, at + TOUCH_STEP);
		if (slicer.due) await slicer.yieldNow();
	}
	return array;
}
