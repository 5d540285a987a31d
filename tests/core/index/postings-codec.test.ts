/** The cache's postings strings: every posting back in its order, a few characters each, and damage caught rather than misread. */
import { describe, expect, it } from "vitest";
import { decodePostings, PostingsEncoder } from "../../../src/core/index/postings-codec";
import { pairsOf, type TermPostings } from "../../../src/core/index/minisearch-internals";

/** Field id → `[shortId, frequency, …]`, written through the encoder. */
function encoded(fields: [number, number[]][]): string {
	const encoder = new PostingsEncoder();
	for (const [fieldId, pairs] of fields) {
		encoder.field(fieldId, pairs.length / 2);
		for (let i = 0; i < pairs.length; i += 2) encoder.posting(pairs[i] ?? 0, pairs[i + 1] ?? 0);
	}
	return encoder.finish();
}

function plain(postings: TermPostings | null): [number, number[]][] | null {
	return postings === null ? null : [...postings].map(([fieldId, documents]) => [fieldId, pairsOf(documents)]);
}

/** A seeded sequence, so a failure can be run again. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

describe("the postings codec", () => {
	it("gives back every field and posting in the order written, ids out of order and large ones included", () => {
		const random = seeded(7);
		for (let round = 0; round < 200; round++) {
			const fields: [number, number[]][] = [];
			for (let fieldId = 0; fieldId < 6; fieldId++) {
				if (random() < 0.5) continue;
				const pairs: number[] = [];
				const count = 1 + Math.floor(random() * 40);
				for (let i = 0; i < count; i++) pairs.push(random() < 0.1 ? Math.floor(random() * 2 ** 30) : Math.floor(random() * 50_000), 1 + Math.floor(random() * (random() < 0.1 ? 5000 : 3)));
				fields.push([fieldId, pairs]);
			}
			if (fields.length === 0) continue;
			const text = encoded(fields);
			expect(plain(decodePostings(text))).toEqual(fields);
			// Safe in JSON as it is: nothing to escape.
			expect(JSON.stringify(text)).toBe(`"${text}"`);
		}
	});

	it("takes about three characters a posting for sections close together", () => {
		const pairs: number[] = [];
		for (let shortId = 1000; pairs.length < 2000; shortId += 1 + (shortId % 7)) pairs.push(shortId, 1);
		const text = encoded([[5, pairs]]);
		expect(text.length / (pairs.length / 2)).toBeLessThan(3);
		expect(plain(decodePostings(text))).toEqual([[5, pairs]]);
	});

	it("one encoder writes term after term, each string standing alone", () => {
		const encoder = new PostingsEncoder();
		encoder.field(0, 1);
		encoder.posting(70_000, 2);
		const first = encoder.finish();
		encoder.field(3, 2);
		encoder.posting(9, 1);
		encoder.posting(4, 1);
		expect(plain(decodePostings(encoder.finish()))).toEqual([[3, [9, 1, 4, 1]]]);
		expect(plain(decodePostings(first))).toEqual([[0, [70_000, 2]]]);
	});

	it("reads damage as none (null), never as other postings and never by throwing", () => {
		const good = encoded([
			[1, [10, 1, 12, 2]],
			[5, [3, 1]],
		]);
		expect(decodePostings("")).toBeNull();
		expect(decodePostings(`${good}!`)).toBeNull();
		expect(decodePostings(good.slice(0, -1))).toBeNull();
		expect(decodePostings(`${good}B`)).toBeNull();
		// The same field twice, and a field with no documents.
		expect(decodePostings(encoded([[1, [10, 1]]]) + encoded([[1, [11, 1]]]))).toBeNull();
		expect(decodePostings("BA")).toBeNull();
		// A number longer than any the encoder writes.
		expect(decodePostings("B" + "/".repeat(12) + "B")).toBeNull();
		const random = seeded(11);
		const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		for (let round = 0; round < 2000; round++) {
			let text = "";
			for (let i = Math.floor(random() * 12); i > 0; i--) text += alphabet[Math.floor(random() * 64)];
			expect(() => decodePostings(text)).not.toThrow();
		}
	});
});
