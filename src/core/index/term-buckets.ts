/**
 * Which cache part holds a term's postings: terms are spread over parts by a hash of the term, so a search
 * that knows its terms reads only the few parts they fall in instead of the whole index.
 */

/** About this many terms per bucket: a bucket part is then parsed in a millisecond or two, and a query reads a handful. */
const TERMS_PER_BUCKET = 500;

/** Enough buckets for about {@link TERMS_PER_BUCKET} terms each, and for a bucket to average half a part's characters (so the fullest stays near one part: each is parsed in one time slice). */
export function bucketCountFor(terms: number, estimatedChars: number, partChars: number): number {
	return Math.max(1, Math.ceil(terms / TERMS_PER_BUCKET), Math.ceil((2 * estimatedChars) / partChars));
}

/** FNV-1a over the term's UTF-16 code units: stable across runs and platforms, which a cache read by another process needs. */
export function bucketOf(term: string, buckets: number): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < term.length; i++) {
		hash ^= term.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0) % buckets;
}
