/** An image's pixel size and type from its header bytes (PNG, JPEG, GIF): Word and PowerPoint need both to place it. */

export interface ImageInfo {
	type: "png" | "jpg" | "gif";
	width: number;
	height: number;
}

/** An embedded image's bytes and size, read before the document is built. */
export interface LoadedImage {
	bytes: Uint8Array;
	info: ImageInfo;
}

export function imageInfo(bytes: Uint8Array): ImageInfo | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452) {
		return { type: "png", width: view.getUint32(16), height: view.getUint32(20) };
	}
	if (bytes.length >= 10 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) {
		return { type: "gif", width: view.getUint16(6, true), height: view.getUint16(8, true) };
	}
	if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes, view);
	return null;
}

/** Walks the JPEG segments to the first start-of-frame marker, which holds the size. */
function jpegSize(bytes: Uint8Array, view: DataView): ImageInfo | null {
	let at = 2;
	while (at + 9 < bytes.length) {
		if (bytes[at] !== 0xff) return null;
		const marker = bytes[at + 1] ?? 0;
		const length = view.getUint16(at + 2);
		const startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
		if (startOfFrame) return { type: "jpg", height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
		at += 2 + length;
	}
	return null;
}

/** Scales down (never up) to fit `maxWidth` × `maxHeight`, keeping the proportions. */
export function fitInto(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
	const scale = Math.min(1, maxWidth / width, maxHeight / height);
	return { width: Math.round(width * scale), height: Math.round(height * scale) };
}
