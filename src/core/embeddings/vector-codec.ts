/** Float32 vectors as base64 text (4 bytes a dimension, little-endian), so the string store holds them compactly. */

/** Builds the binary string in slices: `String.fromCharCode(...bytes)` on a whole 6 KB vector would overflow the stack on big ones. */
const CHUNK = 0x2000;

export function encodeVector(vector: Float32Array): string {
	const bytes = new Uint8Array(vector.length * 4);
	const view = new DataView(bytes.buffer);
	for (let i = 0; i < vector.length; i++) view.setFloat32(i * 4, vector[i] ?? 0, true);
	let binary = "";
	for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
	return btoa(binary);
}

/** The vector, or null when the text is not base64 of whole 4-byte floats (a damaged store is re-embedded, not misread). */
export function decodeVector(text: string): Float32Array | null {
	let binary: string;
	try {
		binary = atob(text);
	} catch {
		return null;
	}
	if (binary.length === 0 || binary.length % 4 !== 0) return null;
	const view = new DataView(new ArrayBuffer(binary.length));
	for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
	const vector = new Float32Array(binary.length / 4);
	for (let i = 0; i < vector.length; i++) vector[i] = view.getFloat32(i * 4, true);
	return vector;
}

/** The vector scaled to length 1, so cosine similarity is a dot product; null for a zero vector, which has no direction. */
export function normalized(vector: Float32Array): Float32Array | null {
	let sum = 0;
	for (let i = 0; i < vector.length; i++) sum += (vector[i] ?? 0) ** 2;
	if (sum === 0 || !Number.isFinite(sum)) return null;
	const length = Math.sqrt(sum);
	const unit = new Float32Array(vector.length);
	for (let i = 0; i < vector.length; i++) unit[i] = (vector[i] ?? 0) / length;
	return unit;
}

/** Cosine similarity of two unit vectors of the same length. */
export function dot(a: Float32Array, b: Float32Array): number {
	let sum = 0;
	for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
	return sum;
}
