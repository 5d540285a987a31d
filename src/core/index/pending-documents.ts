/**
 * A term's documents in one field, as the `Map<shortId, frequency>` MiniSearch keeps, filled only when first
 * used. A bulk build or a cache load makes one such map per term and field, a million entries on 10k notes,
 * yet a search touches a few hundred terms: making them all was a tenth of a cold build and most of the
 * garbage it left. Until then the postings stay where they already are (the build's sorted columns, the
 * postings decoded from the cache), a fraction of a Map's memory.
 *
 * Every method that reads or changes the map fills it first; only its size, and {@link pendingPairs} for a cache save,
 * are answered from the pending postings. MiniSearch reaches these maps through its term tree only
 * (minisearch-internals.ts), with `get`, `set`, `delete`, `size`, `keys` and iteration.
 */
export class PendingDocuments extends Map<number, number> {
	/** The postings not filled in yet: document `i` is `documents[i]`, its frequency `frequencies[i + frequencyOffset]`, for `from <= i < to` by `step`. */
	private source: { documents: ArrayLike<number>; frequencies: ArrayLike<number>; from: number; to: number; step: number; frequencyOffset: number } | null;

	private constructor(documents: ArrayLike<number>, frequencies: ArrayLike<number>, from: number, to: number, step: number, frequencyOffset: number) {
		super();
		this.source = to > from ? { documents, frequencies, from, to, step, frequencyOffset } : null;
	}

	/** Documents `documents[i]` with frequencies `frequencies[i]`, for `from <= i < to` (a bulk build's sorted columns). */
	static fromColumns(documents: ArrayLike<number>, frequencies: ArrayLike<number>, from: number, to: number): PendingDocuments {
		return new PendingDocuments(documents, frequencies, from, to, 1, 0);
	}

	/** Documents from `[shortId, frequency, shortId, frequency, …]` (as the cache stores them). */
	static fromPairs(pairs: ArrayLike<number>): PendingDocuments {
		return new PendingDocuments(pairs, pairs, 0, pairs.length - (pairs.length % 2), 2, 1);
	}

	/** `[shortId, frequency, …]` read from the postings not filled in yet; null once the map is filled (read it as any map then, see pairsOf). */
	pendingPairs(): number[] | null {
		const source = this.source;
		if (source === null) return null;
		const pairs: number[] = [];
		const { documents, frequencies, from, to, step, frequencyOffset } = source;
		for (let i = from; i < to; i += step) pairs.push(documents[i] ?? 0, frequencies[i + frequencyOffset] ?? 0);
		return pairs;
	}

	override get size(): number {
		const source = this.source;
		return source === null ? super.size : (source.to - source.from) / source.step;
	}

	override get(shortId: number): number | undefined {
		if (this.source !== null) this.fill();
		return super.get(shortId);
	}

	override has(shortId: number): boolean {
		if (this.source !== null) this.fill();
		return super.has(shortId);
	}

	override set(shortId: number, frequency: number): this {
		if (this.source !== null) this.fill();
		return super.set(shortId, frequency);
	}

	override delete(shortId: number): boolean {
		if (this.source !== null) this.fill();
		return super.delete(shortId);
	}

	override clear(): void {
		this.source = null;
		super.clear();
	}

	override forEach(visit: (frequency: number, shortId: number, map: Map<number, number>) => void, thisArg?: unknown): void {
		if (this.source !== null) this.fill();
		super.forEach(visit, thisArg);
	}

	override entries(): MapIterator<[number, number]> {
		if (this.source !== null) this.fill();
		return super.entries();
	}

	override keys(): MapIterator<number> {
		if (this.source !== null) this.fill();
		return super.keys();
	}

	override values(): MapIterator<number> {
		if (this.source !== null) this.fill();
		return super.values();
	}

	override [Symbol.iterator](): MapIterator<[number, number]> {
		return this.entries();
	}

	private fill(): void {
		const source = this.source;
		if (source === null) return;
		// Cleared first: super.set below must not come back here.
		this.source = null;
		const { documents, frequencies, from, to, step, frequencyOffset } = source;
		for (let i = from; i < to; i += step) super.set(documents[i] ?? 0, frequencies[i + frequencyOffset] ?? 0);
	}
}
