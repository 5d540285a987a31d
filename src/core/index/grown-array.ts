/** Growing the typed arrays the index builds in: doubled, so appending one entry at a time stays cheap. */

/** `array` itself when it holds `atLeast` entries already, else a copy doubled in length until it does. */
export function grown<T extends Int32Array | Uint16Array>(array: T, atLeast: number): T {
	let size = Math.max(array.length, 1);
	while (size < atLeast) size *= 2;
	if (size === array.length) return array;
	const larger = new (array.constructor as new (length: number) => T)(size);
	larger.set(array);
	return larger;
}
