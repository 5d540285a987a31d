/** PendingDocuments: a Map in every way a caller can see, filled only when first read or changed. */
import { describe, expect, it } from "vitest";
import { PendingDocuments } from "../../../src/core/index/pending-documents";
import { pairsOf } from "../../../src/core/index/minisearch-internals";

/** The entries the map itself holds, without going through (and so filling) it. */
function filledEntries(map: Map<number, number>): number {
	return Reflect.get(Map.prototype, "size", map);
}

describe("PendingDocuments", () => {
	it("answers its size and its pairs without filling itself", () => {
		const columns = PendingDocuments.fromColumns(Int32Array.of(9, 4, 7, 2), Int32Array.of(1, 3, 1, 2), 1, 3);
		expect(columns.size).toBe(2);
		expect(pairsOf(columns)).toEqual([4, 3, 7, 1]);
		expect(filledEntries(columns)).toBe(0);
		const pairs = PendingDocuments.fromPairs([5, 1, 8, 2, 13, 4]);
		expect(pairs.size).toBe(3);
		expect(pairsOf(pairs)).toEqual([5, 1, 8, 2, 13, 4]);
		expect(filledEntries(pairs)).toBe(0);
	});

	it("reads like the map of the same postings, in the same order, through every method", () => {
		const plain = new Map([
			[5, 1],
			[8, 2],
			[13, 4],
		]);
		const reads: ((map: Map<number, number>) => unknown)[] = [
			(map) => map.get(8),
			(map) => map.get(6),
			(map) => map.has(13),
			(map) => [...map],
			(map) => [...map.entries()],
			(map) => [...map.keys()],
			(map) => [...map.values()],
			(map) => {
				const seen: number[][] = [];
				map.forEach((frequency, shortId) => seen.push([shortId, frequency]));
				return seen;
			},
			(map) => new Map(map),
		];
		for (const read of reads) {
			const pending = PendingDocuments.fromPairs([5, 1, 8, 2, 13, 4]);
			expect(read(pending)).toEqual(read(plain));
			expect(filledEntries(pending)).toBe(3);
		}
	});

	it("changes like a map: set, delete and clear, its size and pairs following", () => {
		const pending = PendingDocuments.fromColumns([5, 8, 13], [1, 2, 4], 0, 3);
		pending.set(8, 3).set(21, 1);
		expect(pending.delete(5)).toBe(true);
		expect(pending.delete(6)).toBe(false);
		expect([...pending]).toEqual([
			[8, 3],
			[13, 4],
			[21, 1],
		]);
		expect(pending.size).toBe(3);
		expect(pairsOf(pending)).toEqual([8, 3, 13, 4, 21, 1]);
		const cleared = PendingDocuments.fromPairs([5, 1]);
		cleared.clear();
		expect(cleared.size).toBe(0);
		expect(cleared.get(5)).toBeUndefined();
		expect(PendingDocuments.fromPairs([]).size).toBe(0);
	});

	it("takes sections newer than every pending one without filling, and lists them after the pending ones", () => {
		const pending = PendingDocuments.fromPairs([8, 2, 5, 1, 13, 4]);
		expect(pending.get(21)).toBeUndefined();
		pending.set(21, 1).set(21, 2).set(34, 1);
		expect(pending.has(21)).toBe(true);
		expect(pending.delete(34)).toBe(true);
		expect(pending.size).toBe(4);
		// Only the newer section is in the map itself; the pending ones are still pending, and saved in order.
		expect(filledEntries(pending)).toBe(1);
		expect(pairsOf(pending)).toEqual([8, 2, 5, 1, 13, 4, 21, 2]);
		// A section among the pending ones (not above the largest, 13) fills it.
		expect(pending.get(9)).toBeUndefined();
		expect([...pending]).toEqual([
			[8, 2],
			[5, 1],
			[13, 4],
			[21, 2],
		]);
	});

	it("is read posting by posting, newer sections last, without filling", () => {
		const pending = PendingDocuments.fromColumns(Int32Array.of(9, 4, 7, 2), Int32Array.of(1, 3, 1, 2), 1, 4);
		pending.set(30, 5);
		const read: number[][] = [];
		pending.readEach((shortId, frequency) => read.push([shortId, frequency]));
		expect(read).toEqual([
			[4, 3],
			[7, 1],
			[2, 2],
			[30, 5],
		]);
		expect(pending.pending).toBe(true);
		expect(filledEntries(pending)).toBe(1);
		expect(read).toEqual([...pending]);
		expect(pending.pending).toBe(false);
	});

	it("behaves as a plain map through any run of reads and changes", () => {
		let seed = 7;
		const random = (n: number): number => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed % n;
		};
		for (let round = 0; round < 200; round++) {
			const pairs = [3, 1, 9, 2, 4, 5, 12, 1];
			const plain = new Map([
				[3, 1],
				[9, 2],
				[4, 5],
				[12, 1],
			]);
			const pending = PendingDocuments.fromPairs(pairs);
			for (let step = 0; step < 12; step++) {
				const shortId = random(20);
				const kind = random(6);
				const readEach = (map: Map<number, number>): number[][] => {
					const read: number[][] = [];
					if (map instanceof PendingDocuments) map.readEach((id, frequency) => read.push([id, frequency]));
					else map.forEach((frequency, id) => read.push([id, frequency]));
					return read;
				};
				const seen = (map: Map<number, number>): unknown =>
					kind === 0 ? map.get(shortId) : kind === 1 ? map.has(shortId) : kind === 2 ? map.set(shortId, random(5) + 1) && map.size : kind === 3 ? map.delete(shortId) : kind === 4 ? readEach(map) : pairsOf(map);
				const before = seed;
				const fromPlain = seen(plain);
				seed = before;
				expect(seen(pending)).toEqual(fromPlain);
			}
			expect([...pending]).toEqual([...plain]);
		}
	});
});
