import { describe, expect, it } from "vitest";
import { tokenize } from "../../../src/core/index/text-analysis";
import { internedWords, WordInterner } from "../../../src/core/index/word-interner";

/** Pieces that sit on every edge of the word pattern: apostrophes, digits after them, marks, astral letters, lone surrogates. */
const PIECES = ["a", "Z", "é", "ß", "1", "٣", "'", "’", " ", "-", "𝐀", "😀", "\uD800", "\uDC00", "漢", "ǅ", "x'y", "ⅷ", "\u0301", "_", "\u00A0", "ĳ", "don't", "Ü"];

/** A seeded generator, so a failure names a text that fails again. */
function* texts(count: number): Generator<string> {
	let seed = 7;
	const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
	for (let i = 0; i < count; i++) {
		let text = "";
		const pieces = Math.floor(next() * 12);
		for (let j = 0; j < pieces; j++) text += PIECES[Math.floor(next() * PIECES.length)];
		yield text;
	}
}

describe("WordInterner", () => {
	it("finds exactly the words tokenize finds, on text built from the pattern's edge cases", () => {
		const interner = new WordInterner();
		for (const text of texts(20_000)) expect(internedWords(text, interner), JSON.stringify(text)).toEqual(tokenize(text));
	});

	it("finds the words of ordinary prose in both scripts, with apostrophes kept inside words", () => {
		const text = "Don't run `rm -rf` on rock’n’roll 2026-q3 notes; Übergrößenträger müssen 3 Fälle prüfen. 日本語 テキスト";
		expect(internedWords(text)).toEqual(tokenize(text));
		expect(internedWords("it's 'quoted' o'")).toEqual(["it's", "quoted", "o"]);
	});

	it("gives a word the same number every time it appears, and a new one to each new word", () => {
		const interner = new WordInterner();
		const count = interner.scan("alpha beta alpha Alpha beta");
		expect(Array.from(interner.ids.subarray(0, count))).toEqual([0, 1, 0, 2, 1]);
		expect(interner.words).toEqual(["alpha", "beta", "Alpha"]);
		interner.scan("gamma alpha");
		expect(Array.from(interner.ids.subarray(0, 2))).toEqual([3, 0]);
	});

	it("keeps every word apart when there are far more than its table first holds", () => {
		const interner = new WordInterner();
		const words = Array.from({ length: 50_000 }, (_, i) => `w${i.toString(36)}`);
		const count = interner.scan(words.join(" "));
		expect(count).toBe(words.length);
		expect(interner.words).toEqual(words);
		expect(interner.scan(words.slice().reverse().join(" "))).toBe(words.length);
		expect(interner.ids[0]).toBe(words.length - 1);
		expect(interner.words.length).toBe(words.length);
	});
});
