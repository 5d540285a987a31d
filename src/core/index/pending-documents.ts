/**
 * A term's documents in one field, as the `Map<shortId, frequency>` MiniSearch keeps, filled only when first
 * used. A bulk build or a cache load makes one such map per term and field, a million entries on 10k notes,
 * yet a search touches a few hundred terms: making them all was a tenth of a cold build and most of the
 * garbage it left. Until then the postings stay where they already are (the build's sorted columns, the
 * postings decoded from the cache), a fraction of a Map's memory.
 *
 * Every method that reads or changes the map fills it first, except for a section newer than every pending one:
 * `get`, `has`, `set` and `delete` of such a short id go to the map itself, which holds only those until it is
 * filled (the pending postings then come first, as they would have). An edited note is discarded and added again
 * under new short ids, so updating it no longer fills the maps of all its terms: filling those of common words
 * (thousands of postings each) was most of an update's 5 ms on 10k notes. Its size, {@link pendingPairs} for a
 * cache save and {@link readEach} for a search are answered without filling. MiniSearch reaches these maps through
 * its term tree only (minisearch-internals.ts), with `get`, `set`, `delete`, `size`, `keys` and iteration.
 */
export class PendingDocuments extends Map<number, number> {
	/** The postings not filled in yet: document `i` is `documents[i]`, its frequency `frequencies[i + frequencyOffset]`, for `from <= i < to` by `step`. */
	private source: { documents: ArrayLike<number>; frequencies: ArrayLike<number>; from: number; to: number; step: number; frequencyOffset: number } | null;
	/** The largest short id among the pending postings, found at the first call that needs it; null until then. */
	private newestPending: number | null = null;

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
		// Sections added since, after the pending ones, as a filled map would list them.
		for (const [shortId, frequency] of super.entries()) pairs.push(shortId, frequency);
		return pairs;
	}

	/**
	 * Calls `visit` for each posting in the map's order without filling it: a search reads a term's postings once,
	 * and filling the map of a common word first (thousands of entries) was most of the first search for it.
	 */
	readEach(visit: (shortId: number, frequency: number) => void): void {
		const source = this.source;
		if (source !== null) {
			const { documents, frequencies, from, to, step, frequencyOffset } = source;
			for (let i = from; i < to; i += step) visit(documents[i] ?? 0, frequencies[i + frequencyOffset] ?? 0);
		}
		super.forEach((frequency, shortId) => visit(shortId, frequency));
	}

	/** Whether its postings are still pending: reading it by short id would fill it. */
	get pending(): boolean {
		return this.source !== null;
	}

	override get size(): number {
		const source = this.source;
		return source === null ? super.size : (source.to - source.from) / source.step + super.size;
	}

	override get(shortId: number): number | undefined {
		if (this.source !== null && !this.isNewer(shortId)) this.fill();
		return super.get(shortId);
	}

	override has(shortId: number): boolean {
		if (this.source !== null && !this.isNewer(shortId)) this.fill();
		return super.has(shortId);
	}

	override set(shortId: number, frequency: number): this {
		if (this.source !== null && !this.isNewer(shortId)) this.fill();
		return super.set(shortId, frequency);
	}

	override delete(shortId: number): boolean {
		if (this.source !== null && !this.isNewer(shortId)) this.fill();
		return super.delete(shortId);
	}

	/** Whether `shortId` is above every pending posting's, so the map itself answers for it without filling. */
	private isNewer(shortId: number): boolean {
		if (this.newestPending === null) {
			const source = this.source;
			let newest = -1;
			if (source !== null) for (let i = source.from; i < source.to; i += source.step) newest = Math.max(newest, source.documents[i] ?? 0);
			this.newestPending = newest;
		}
		return shortId > this.newestPending;
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
		// Sections added before the fill come after the pending ones, as they would in a map filled from the start.
		const newer = super.size > 0 ? [...super.entries()] : [];
		super.clear();
		const { documents, frequencies, from, to, step, frequencyOffset } = source;
		for (let i = from; i < to; i += step) super.set(documents[i] ?? 0, frequencies[i + frequencyOffset] ?? 0);
		for (const [shortId, frequency] of newer) super.set(shortId, frequency);
	}
}
