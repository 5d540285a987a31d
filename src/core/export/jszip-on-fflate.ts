/**
 * The part of JSZip's API that pptxgenjs uses (new, folder, file, generateAsync), written on fflate: both
 * bundles alias `jszip` to this module (esbuild.config.mjs), so the one zip library docx and write-excel-file
 * already use also serves PowerPoint, and the 96 KB of JSZip that every Obsidian start would parse is left out.
 */
import { strFromU8, strToU8, zipSync, type Zippable } from "fflate";

/** What `file()` accepts: text (UTF-8), base64 or "binary string" text when the options say so, or bytes. */
export type ZipContent = string | Uint8Array | ArrayBuffer;

export interface ZipFileOptions {
	base64?: boolean;
	binary?: boolean;
}

export interface ZipGenerateOptions {
	type?: string;
	/** As in JSZip: "DEFLATE" compresses, anything else (the default, "STORE") stores. */
	compression?: string;
	compressionOptions?: { level?: number } | null;
	mimeType?: string;
}

/** The output types this stand-in writes; JSZip's "nodebuffer" would need Node's Buffer, which core does without. */
const OUTPUT_TYPES = ["uint8array", "arraybuffer", "base64", "binarystring", "string", "blob"] as const;
type OutputType = (typeof OUTPUT_TYPES)[number];
type Output = Uint8Array | ArrayBuffer | string | Blob;

/** JSZip's default deflate level. */
const DEFAULT_LEVEL = 6;

/** A folder of the archive (the root is one): files added through it are named below its path. */
export class ZipFolder {
	constructor(
		private readonly entries: Map<string, Uint8Array>,
		private readonly prefix: string,
	) {}

	/** The folder `name` below this one. No entry is written for a folder: a zip lists its files by full path. */
	folder(name: string): ZipFolder {
		const path = name.replace(/^\/+|\/+$/g, "");
		return new ZipFolder(this.entries, path === "" ? this.prefix : `${this.prefix}${path}/`);
	}

	/** Adds (or replaces, in its place) the file `name` below this folder. */
	file(name: string, content: ZipContent, options: ZipFileOptions = {}): this {
		this.entries.set(`${this.prefix}${name.replace(/^\/+/, "")}`, bytesOf(content, options));
		return this;
	}

	/** The whole archive, files in the order they were first added, as JSZip's `generateAsync` returns it. */
	generateAsync(options: ZipGenerateOptions = {}): Promise<Output> {
		try {
			const type = options.type ?? "string";
			if (!isOutputType(type)) throw new Error(`The zip writer cannot return "${type}"; ask for one of ${OUTPUT_TYPES.join(", ")}.`);
			const level = options.compression === "DEFLATE" ? (options.compressionOptions?.level ?? DEFAULT_LEVEL) : 0;
			const files: Zippable = {};
			for (const [path, bytes] of this.entries) files[path] = [bytes, { level: clampLevel(level) }];
			return Promise.resolve(outputAs(zipSync(files), type, options.mimeType ?? "application/zip"));
		} catch (error) {
			return Promise.reject(error instanceof Error ? error : new Error(String(error)));
		}
	}
}

/** `new JSZip()`: an empty archive. */
export default class JSZip extends ZipFolder {
	constructor() {
		super(new Map(), "");
	}
}

function bytesOf(content: ZipContent, options: ZipFileOptions): Uint8Array {
	if (content instanceof Uint8Array) return content;
	if (content instanceof ArrayBuffer) return new Uint8Array(content);
	if (options.base64) return decodeBase64(content);
	// A "binary string" holds one byte per character; any other string is text, written as UTF-8.
	return strToU8(content, options.binary === true);
}

function decodeBase64(text: string): Uint8Array {
	// JSZip accepts base64 with line breaks or a data-URL prefix cut off by the caller; atob wants it bare.
	return strToU8(atob(text.replace(/\s+/g, "")), true);
}

function encodeBase64(bytes: Uint8Array): string {
	return btoa(strFromU8(bytes, true));
}

function outputAs(bytes: Uint8Array, type: OutputType, mimeType: string): Output {
	switch (type) {
		case "uint8array":
			return bytes;
		case "arraybuffer":
			return bytes.slice().buffer;
		case "base64":
			return encodeBase64(bytes);
		case "binarystring":
		case "string":
			return strFromU8(bytes, true);
		case "blob":
			return new Blob([bytes.slice()], { type: mimeType });
	}
}

function isOutputType(type: string): type is OutputType {
	return (OUTPUT_TYPES as readonly string[]).includes(type);
}

function clampLevel(level: number): 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 {
	return Math.min(9, Math.max(0, Math.round(level))) as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}
