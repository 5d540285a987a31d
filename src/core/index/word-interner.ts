/**
 * Finds the words `tokenize` (text-analysis.ts) finds and numbers each distinct one, making a string only of a word not seen
 * before. A cold build meets a few million words but only about a hundred thousand distinct ones: a regular
 * expression's substring and a Map lookup for each were a third of indexing a large vault, and most of its garbage.
 */
/** What a character is to the word pattern of text-analysis.ts: `[\p{L}\p{N}]+(?:['’][\p{L}]+)*`. */
const UNKNOWN = 0;
const LETTER = 1;
const NUMBER = 2;
const OTHER = 3;
/** The first half of a surrogate pair: the class is that of the code point the pair makes. */
const HIGH_SURROGATE = 4;
/** Added to a class by {@link classAt} when the character takes two code units. */
const WIDE = 8;

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;

/** Each UTF-16 code unit's class, filled in as characters are first met (a lone surrogate is OTHER, as for the pattern). */
const unitClasses = new Uint8Array(0x10000);
/** Code points beyond the Basic Multilingual Plane, classed as met. */
const astralClasses = new Map<number, number>();

function classify(character: string): number {
	return IS_LETTER.test(character) ? LETTER : IS_NUMBER.test(character) ? NUMBER : OTHER;
}

/** The class of the character at `i` (not past the end), plus {@link WIDE} for a surrogate pair. */
function classAt(text: string, i: number): number {
	const unit = text.charCodeAt(i);
	const known = unitClasses[unit] ?? OTHER;
	return known !== UNKNOWN && known !== HIGH_SURROGATE ? known : rareClassAt(text, i, unit);
}

function rareClassAt(text: string, i: number, unit: number): number {
	if (unitClasses[unit] === UNKNOWN) {
		unitClasses[unit] = unit >= 0xd800 && unit <= 0xdbff ? HIGH_SURROGATE : unit >= 0xdc00 && unit <= 0xdfff ? OTHER : classify(String.fromCharCode(unit));
		if (unitClasses[unit] !== HIGH_SURROGATE) return unitClasses[unit] ?? OTHER;
	}
	const low = text.charCodeAt(i + 1);
	if (!(low >= 0xdc00 && low <= 0xdfff)) return OTHER;
	const codePoint = ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
	let found = astralClasses.get(codePoint);
	if (found === undefined) {
		found = classify(String.fromCodePoint(codePoint));
		astralClasses.set(codePoint, found);
	}
	return found + WIDE;
}

function isWordClass(found: number): boolean {
	const plain = found & 7;
	return plain === LETTER || plain === NUMBER;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class WordInterner {
	/** Each distinct word, by its number. */
	readonly words: string[] = [];
	/** The numbers of the words of the text last given to {@link scan}, in order (the first `count` entries). */
	ids: Int32Array = new Int32Array(1024);
	private hashes: Int32Array = new Int32Array(1024);
	/** Open addressing: word number + 1, or 0 for an empty slot. */
	private table = new Int32Array(1 << 12);

	/** Finds the words of `text`, leaves their numbers in {@link ids} and returns how many there are. */
	scan(text: string): number {
		const length = text.length;
		let count = 0;
		let i = 0;
		while (i < length) {
			let unit = text.charCodeAt(i);
			let found = unitClasses[unit] ?? OTHER;
			if (found === UNKNOWN || found === HIGH_SURROGATE) found = rareClassAt(text, i, unit);
			if (!isWordClass(found)) {
				i += found >= WIDE ? 2 : 1;
				continue;
			}
			const start = i;
			let hash = FNV_OFFSET;
			// Letters and digits, then any number of apostrophes each followed by letters only ("don't", "rock’n’roll").
			let lettersOnly = false;
			for (;;) {
				hash = Math.imul(hash ^ unit, FNV_PRIME);
				if (found >= WIDE) hash = Math.imul(hash ^ text.charCodeAt(++i), FNV_PRIME);
				if (++i >= length) break;
				unit = text.charCodeAt(i);
				found = unitClasses[unit] ?? OTHER;
				if (found === UNKNOWN || found === HIGH_SURROGATE) found = rareClassAt(text, i, unit);
				const plain = found & 7;
				if (plain === LETTER || (plain === NUMBER && !lettersOnly)) continue;
				if ((unit !== APOSTROPHE && unit !== RIGHT_QUOTE) || i + 1 >= length || (classAt(text, i + 1) & 7) !== LETTER) break;
				// The apostrophe joins the word; the letter after it is read by the next turn.
				hash = Math.imul(hash ^ unit, FNV_PRIME);
				lettersOnly = true;
				unit = text.charCodeAt(++i);
				found = classAt(text, i);
			}
			if (count === this.ids.length) this.ids = grown(this.ids);
			this.ids[count++] = this.intern(text, start, i, hash);
		}
		return count;
	}

	private intern(text: string, start: number, end: number, hash: number): number {
		const table = this.table;
		const mask = table.length - 1;
		const wordLength = end - start;
		let slot = hash & mask;
		for (;;) {
			const entry = table[slot] ?? 0;
			if (entry === 0) break;
			const id = entry - 1;
			if (this.hashes[id] === hash) {
				const word = this.words[id] ?? "";
				if (word.length === wordLength && sameUnits(word, text, start)) return id;
			}
			slot = (slot + 1) & mask;
		}
		const id = this.words.length;
		this.words.push(text.slice(start, end));
		if (id === this.hashes.length) this.hashes = grown(this.hashes);
		this.hashes[id] = hash;
		table[slot] = id + 1;
		// Kept at most half full, so a probe ends within a few slots.
		if (this.words.length * 2 > table.length) this.growTable();
		return id;
	}

	private growTable(): void {
		const table = new Int32Array(this.table.length * 2);
		const mask = table.length - 1;
		for (let id = 0; id < this.words.length; id++) {
			let slot = (this.hashes[id] ?? 0) & mask;
			while (table[slot] !== 0) slot = (slot + 1) & mask;
			table[slot] = id + 1;
		}
		this.table = table;
	}
}

function grown(array: Int32Array): Int32Array {
	const larger = new Int32Array(array.length * 2);
	larger.set(array);
	return larger;
}

function sameUnits(word: string, text: string, start: number): boolean {
	for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
	return true;
}

/** The words {@link WordInterner.scan} finds in `text`, as strings: what tests hold against `tokenize`. */
export function internedWords(text: string, interner = new WordInterner()): string[] {
	const count = interner.scan(text);
	return Array.from(interner.ids.subarray(0, count), (id) => interner.words[id] ?? "");
}
