/**
 * When a Map is about to copy itself. V8 keeps a Map's entries in a table whose capacity is a power of two and
 * doubles it, copying every entry, when an entry is added to a full one. On the bench machine one doubling took
 * about 10 ms at 32,768 entries and 20 to 35 ms at 65,536; tables filled side by side (a section's id, lengths and
 * stored fields) double at the same entry, and together held the app's window past its 50 ms. Work that fills
 * several large tables gives the host a turn between them at those entries. Below a few thousand entries a
 * doubling costs too little to matter.
 */
const SMALLEST_NOTICED = 8192;

/** Whether adding one entry to a Map of `size` entries makes it double its table. */
export function doublesOnNextEntry(size: number): boolean {
	return size >= SMALLEST_NOTICED && (size & (size - 1)) === 0;
}
