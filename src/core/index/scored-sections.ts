/** What one section scored, for grouping into notes. Its sets are shared with other sections (see term-sets.ts): never change one. */
export interface SectionScore {
	shortId: number;
	score: number;
	/** Query terms this section matched (exactly, by prefix or by a typo). */
	queryTerms: ReadonlySet<string>;
	/** The index terms that matched, to place a snippet. */
	matchedTerms: ReadonlySet<string>;
}

/**
 * The sections a search scored, by short id, in the order they were first found. A term common enough to find
 * 15,000 sections made a Map that doubled its table five times on the way, a few milliseconds of a slow search;
 * short ids are dense, so a slot array indexed by them finds a section without hashing and never rehashes.
 */
export class ScoredSections implements Iterable<[number, SectionScore]> {
	/** 1 + the section's place in `found`, or 0 for a section not found. */
	private slots: Int32Array;
	private readonly found: SectionScore[] = [];

	constructor(expectedIds: number) {
		this.slots = new Int32Array(Math.max(16, expectedIds));
	}

	get size(): number {
		return this.found.length;
	}

	get(shortId: number): SectionScore | undefined {
		const slot = shortId < this.slots.length ? (this.slots[shortId] ?? 0) : 0;
		return slot === 0 ? undefined : this.found[slot - 1];
	}

	has(shortId: number): boolean {
		return this.get(shortId) !== undefined;
	}

	/** Adds a section not found before. */
	add(section: SectionScore): void {
		if (section.shortId >= this.slots.length) this.grow(section.shortId);
		this.found.push(section);
		this.slots[section.shortId] = this.found.length;
	}

	/** In the order found (the order notes meet their sections in, see note-search.ts). */
	values(): readonly SectionScore[] {
		return this.found;
	}

	*keys(): IterableIterator<number> {
		for (const section of this.found) yield section.shortId;
	}

	*[Symbol.iterator](): IterableIterator<[number, SectionScore]> {
		for (const section of this.found) yield [section.shortId, section];
	}

	/** Short ids stay below the index's next id, which a cache load or removals can put past the count of sections. */
	private grow(shortId: number): void {
		const slots = new Int32Array(Math.max(shortId + 1, this.slots.length * 2));
		slots.set(this.slots);
		this.slots = slots;
	}
}
