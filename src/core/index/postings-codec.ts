/**
 * A term's postings as the cache stores them: one short string of variable-length numbers, as source maps store
 * theirs. As JSON arrays of numbers (`[[5,[37279,1,37468,1]]]`) the postings were three quarters of a 38k-note
 * cache, and writing and parsing them most of a save and of a full load; here a posting is its distance from the
 * one before (most are a few sections apart) and its frequency, two or three characters in all.
 *
 * The numbers, in order: for each field the term occurs in, its field id and how many documents it has, then for
 * each document the zigzag of its short id minus the previous one's (0 before the first; signed, so any order
 * is kept exactly) and its frequency. Each number is written five bits a character, lowest first, in the base64
 * alphabet; 32 is added to a character's value when more follow. No character needs escaping in JSON.
 */
import { PendingDocuments } from "./pending-documents";
import type { TermPostings } from "./minisearch-internals";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const CONTINUE = 32;
const DIGIT_MASK = 31;
/** Each character's value by its code; -1 for a character outside the alphabet. */
const VALUE_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE_OF[ALPHABET.charCodeAt(i)] = i;
const CODE_OF = Uint8Array.from(ALPHABET, (character) => character.charCodeAt(0));
/** No number written is past this: a short id or a frequency is far below it, and a longer run of characters is damage. */
const MAX_DIGITS = 7;

/** Writes one term's postings at a time: {@link field} for each field it occurs in, {@link posting} for each document there, then {@link finish}. */
export class PostingsEncoder {
	private bytes = new Uint8Array(1 << 12);
	private length = 0;
	private previous = 0;
	private readonly decoder = new TextDecoder();

	/** Starts a field the term occurs in, holding `documents` postings. */
	field(fieldId: number, documents: number): void {
		this.number(fieldId);
		this.number(documents);
		this.previous = 0;
	}

	posting(shortId: number, frequency: number): void {
		const step = shortId - this.previous;
		this.previous = shortId;
		this.number(step >= 0 ? step * 2 : -step * 2 - 1);
		this.number(frequency);
	}

	/** The term's postings as written, and a fresh start for the next term. */
	finish(): string {
		// The characters are all ASCII, so UTF-8 decoding them is a copy.
		const text = this.decoder.decode(this.bytes.subarray(0, this.length));
		this.length = 0;
		return text;
	}

	private number(value: number): void {
		if (this.length + MAX_DIGITS > this.bytes.length) {
			const grown = new Uint8Array(this.bytes.length * 2);
			grown.set(this.bytes);
			this.bytes = grown;
		}
		let rest = value;
		while (rest >= CONTINUE) {
			this.bytes[this.length++] = CODE_OF[CONTINUE | (rest & DIGIT_MASK)] ?? 0;
			rest = Math.floor(rest / CONTINUE);
		}
		this.bytes[this.length++] = CODE_OF[rest] ?? 0;
	}
}

/** The postings {@link PostingsEncoder} wrote, as MiniSearch keeps them (each field's map filled when first used); null when `text` is damaged. */
export function decodePostings(text: string): TermPostings | null {
	const postings: TermPostings = new Map();
	let at = 0;
	/** The next number, or -1 past the end or at a character that cannot be there. */
	const next = (): number => {
		let value = 0;
		let scale = 1;
		for (let digits = 0; digits < MAX_DIGITS && at < text.length; digits++) {
			const digit = VALUE_OF[text.charCodeAt(at++)] ?? -1;
			if (digit < 0) return -1;
			value += (digit & DIGIT_MASK) * scale;
			if (digit < CONTINUE) return value;
			scale *= CONTINUE;
		}
		return -1;
	};
	while (at < text.length) {
		const fieldId = next();
		const documents = next();
		if (fieldId < 0 || documents <= 0 || postings.has(fieldId) || documents * 2 > text.length - at) return null;
		const pairs = new Int32Array(documents * 2);
		let shortId = 0;
		for (let i = 0; i < documents; i++) {
			const step = next();
			const frequency = next();
			if (step < 0 || frequency < 0) return null;
			shortId += step % 2 === 0 ? step / 2 : -(step + 1) / 2;
			pairs[2 * i] = shortId;
			pairs[2 * i + 1] = frequency;
		}
		postings.set(fieldId, PendingDocuments.fromPairs(pairs));
	}
	return postings.size > 0 ? postings : null;
}
