/** Turns MiniSearch's plain-object form (from the cache, or from a bulk build) into a live index, in slices. */
import MiniSearch, { type AsPlainObject } from "minisearch";
import type { Clock } from "../ports/clock";
import type { SectionDocument } from "./section-documents";
import { MINISEARCH_OPTIONS } from "./search-options";
import { termIndexOf, type TermPostings } from "./minisearch-internals";

/**
 * Same result as `MiniSearch.loadJS`, but the terms (most of the work) are added in slices that give the
 * host a turn every `sliceMs`. MiniSearch's own `loadJSAsync` pauses with a zero-delay timer every 1,000
 * entries, which took five times longer than `loadJS` on a 10k-note index in Node and is slower still in
 * Obsidian, where repeated zero-delay timers wait at least 4 ms each.
 */
export async function loadIndexInSlices(plain: AsPlainObject, clock: Clock, sliceMs: number): Promise<MiniSearch<SectionDocument>> {
	if (plain.serializationVersion !== 2) throw new Error(`unsupported index format ${String(plain.serializationVersion)}`);
	const search = MiniSearch.loadJS<SectionDocument>({ ...plain, index: [] }, MINISEARCH_OPTIONS);
	const terms = termIndexOf(search);
	let sliceStart = clock.now();
	let count = 0;
	for (const [term, fields] of plain.index) {
		const postings: TermPostings = new Map();
		for (const fieldId of Object.keys(fields)) {
			const documents = new Map<number, number>();
			const frequencies = fields[fieldId] ?? {};
			for (const shortId of Object.keys(frequencies)) documents.set(Number(shortId), frequencies[shortId] ?? 0);
			postings.set(Number(fieldId), documents);
		}
		terms.set(term, postings);
		// Reading the clock costs little, but not nothing: look every 256 terms.
		if ((++count & 255) === 0 && clock.now() - sliceStart >= sliceMs) {
			await clock.yieldToHost();
			sliceStart = clock.now();
		}
	}
	return search;
}
