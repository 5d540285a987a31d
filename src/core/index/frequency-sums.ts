/**
 * One query term's weighted frequency in each section it occurs in, summed over the fields, by short id. A
 * common term has tens of thousands of postings; a Map read and written for every one of them took about a third
 * of the 13–17 ms such a search spent scoring sections on 10,000 notes, an array indexed by the dense short ids a
 * fraction of that. One is made per search and cleared between its terms, so only the first term pays for the
 * array (a zeroed allocation of 8 bytes a section).
 */
export class FrequencySums {
	private sums: Float64Array;
	private present: Uint8Array;
	/** The sections in the order they were first added to: the order the scores are added up in (see field-scoring.ts). */
	readonly sections: number[] = [];

	constructor(expectedIds: number) {
		this.sums = new Float64Array(Math.max(16, expectedIds));
		this.present = new Uint8Array(this.sums.length);
	}

	add(shortId: number, value: number): void {
		if (shortId >= this.sums.length) this.grow(shortId);
		if (this.present[shortId] === 0) {
			this.present[shortId] = 1;
			this.sections.push(shortId);
		}
		this.sums[shortId] = (this.sums[shortId] ?? 0) + value;
	}

	sumOf(shortId: number): number {
		return this.sums[shortId] ?? 0;
	}

	/** Empties it for the next term, in time proportional to the sections the last one touched. */
	clear(): void {
		for (const shortId of this.sections) {
			this.sums[shortId] = 0;
			this.present[shortId] = 0;
		}
		this.sections.length = 0;
	}

	/** Short ids stay below the index's next id, which a cache load or removals can put past the count of sections. */
	private grow(shortId: number): void {
		const sums = new Float64Array(Math.max(shortId + 1, this.sums.length * 2));
		sums.set(this.sums);
		const present = new Uint8Array(sums.length);
		present.set(this.present);
		this.sums = sums;
		this.present = present;
	}
}
