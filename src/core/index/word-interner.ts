/**
 * Finds the words `tokenize` (text-analysis.ts) finds and numbers each distinct one, making a string only of a word not seen
 * before. A cold build meets a few million words but only about a hundred thousand distinct ones: a regular
 * expression's substring and a Map lookup for each were a third of indexing a large vault, and most of its garbage.
 */
import { grown } from "./grown-array";
/**
 * What a character is to the word pattern of text-analysis.ts: `[\p{L}\p{N}]+(?:['’][\p{L}]+)*`. The two rare
 * classes are the highest, so the common case costs one comparison.
 */
const OTHER = 0;
const LETTER = 1;
const NUMBER = 2;
/** Not classed yet (see {@link rareClassAt}). */
const UNKNOWN = 4;
/** The first half of a surrogate pair: the class is that of the code point the pair makes. */
const HIGH_SURROGATE = 5;
/** Added to a class by {@link rareClassAt} when the character takes two code units. */
const WIDE = 8;

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;

/** Each UTF-16 code unit's class, filled in as characters are first met (a lone surrogate is OTHER, as for the pattern). */
const unitClasses = new Uint8Array(0x10000).fill(UNKNOWN);
/** Code points beyond the Basic Multilingual Plane, classed as met. */
const astralClasses = new Map<number, number>();

function classify(character: string): number {
	return IS_LETTER.test(character) ? LETTER : IS_NUMBER.test(character) ? NUMBER : OTHER;
}

/** The class of the character at `i` (not past the end), plus {@link WIDE} for a surrogate pair. */
function classAt(text: string, i: number): number {
	const unit = text.charCodeAt(i);
	const known = unitClasses[unit] ?? UNKNOWN;
	return known < UNKNOWN ? known : rareClassAt(text, i, unit);
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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class WordInterner {
	/** Each distinct word, by its number. */
	readonly words: string[] = [];
	/** The numbers of the words of the text last given to {@link scan}, in order (the first `count` entries). */
	ids: Int32Array = new Int32Array(1024);
	/**
	 * Open addressing, two entries a slot: a word's hash and its number + 1 (0 for an empty slot). Kept side by
	 * side, a probe reads one cache line, not a slot here and a hash elsewhere.
	 */
	private table: Int32Array = new Int32Array(2 << 12);
	/**
	 * The words' UTF-16 code units one after another (word n is `units[starts[n]]` up to `units[starts[n + 1]]`):
	 * a word met again is compared with these packed copies, not with its string, wherever the heap put it.
	 */
	private units: Uint16Array = new Uint16Array(1 << 16);
	private starts: Int32Array = new Int32Array(1024);

	/** Finds the words of `text`, leaves their numbers in {@link ids} and returns how many there are. */
	scan(text: string): number {
		const length = text.length;
		let count = 0;
		let i = 0;
		while (i < length) {
			let unit = text.charCodeAt(i);
			let found = unitClasses[unit] ?? UNKNOWN;
			if (found === OTHER) {
				i++;
				continue;
			}
			if (found >= UNKNOWN) {
				found = rareClassAt(text, i, unit);
				if ((found & 7) === OTHER) {
					i += found >= WIDE ? 2 : 1;
					continue;
				}
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
				found = unitClasses[unit] ?? UNKNOWN;
				if (found === LETTER || (found === NUMBER && !lettersOnly)) continue;
				if (found >= UNKNOWN) {
					found = rareClassAt(text, i, unit);
					const plain = found & 7;
					if (plain === LETTER || (plain === NUMBER && !lettersOnly)) continue;
				}
				if ((unit !== APOSTROPHE && unit !== RIGHT_QUOTE) || i + 1 >= length || (classAt(text, i + 1) & 7) !== LETTER) break;
				// The apostrophe joins the word; the letter after it is read by the next turn.
				hash = Math.imul(hash ^ unit, FNV_PRIME);
				lettersOnly = true;
				unit = text.charCodeAt(++i);
				found = classAt(text, i);
			}
			if (count === this.ids.length) this.ids = grown(this.ids, count + 1);
			this.ids[count++] = this.intern(text, start, i, hash);
		}
		return count;
	}

	private intern(text: string, start: number, end: number, hash: number): number {
		const table = this.table;
		const mask = (table.length >> 1) - 1;
		const wordLength = end - start;
		let slot = hash & mask;
		for (;;) {
			const entry = table[2 * slot + 1] ?? 0;
			if (entry === 0) break;
			if (table[2 * slot] === hash) {
				const id = entry - 1;
				const from = this.starts[id] ?? 0;
				if ((this.starts[id + 1] ?? 0) - from === wordLength && this.sameUnits(from, text, start, wordLength)) return id;
			}
			slot = (slot + 1) & mask;
		}
		const id = this.words.length;
		this.words.push(text.slice(start, end));
		const from = this.starts[id] ?? 0;
		if (from + wordLength > this.units.length) this.units = grown(this.units, from + wordLength);
		for (let k = 0; k < wordLength; k++) this.units[from + k] = text.charCodeAt(start + k);
		if (id + 2 > this.starts.length) this.starts = grown(this.starts, id + 2);
		this.starts[id + 1] = from + wordLength;
		table[2 * slot] = hash;
		table[2 * slot + 1] = id + 1;
		// Kept at most half full, so a probe ends within a few slots.
		if (this.words.length * 4 > table.length) this.growTable();
		return id;
	}

	private sameUnits(from: number, text: string, start: number, length: number): boolean {
		const units = this.units;
		for (let k = 0; k < length; k++) if (units[from + k] !== text.charCodeAt(start + k)) return false;
		return true;
	}

	private growTable(): void {
		const old = this.table;
		const table = new Int32Array(old.length * 2);
		const mask = (table.length >> 1) - 1;
		for (let at = 0; at < old.length; at += 2) {
			const entry = old[at + 1] ?? 0;
			if (entry === 0) continue;
			const hash = old[at] ?? 0;
			let slot = hash & mask;
			while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
			table[2 * slot] = hash;
			table[2 * slot + 1] = entry;
		}
		this.table = table;
	}
}

/** The words {@link WordInterner.scan} finds in `text`, as strings: what tests hold against `tokenize`. */
export function internedWords(text: string, interner = new WordInterner()): string[] {
	const count = interner.scan(text);
	return Array.from(interner.ids.subarray(0, count), (id) => interner.words[id] ?? "");
}
