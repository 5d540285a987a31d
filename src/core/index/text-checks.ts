/** Checks that a file's text is something worth indexing: not binary, not beyond the size limit. */
import type { NoteProblem } from "../notes/parsed-note";

/** `cut`: the text was cut at the size limit (so a frontmatter open at the cut makes the note private). */
export type ExaminedText = { kind: "index"; text: string; problem?: NoteProblem; cut?: boolean } | { kind: "skip"; problem: NoteProblem };

/** How far into a file to look for a NUL byte; text files do not contain one, binary files nearly always do early. */
const BINARY_SNIFF_CHARS = 8192;

export function examineText(path: string, text: string, sizeBytes: number, maxNoteBytes: number): ExaminedText {
	if (text.slice(0, BINARY_SNIFF_CHARS).includes("\u0000")) {
		return { kind: "skip", problem: { path, field: "file", message: `${path} looks like a binary file, not a note; it is left out of the index.` } };
	}
	if (text.length > maxNoteBytes) {
		return {
			kind: "index",
			text: text.slice(0, maxNoteBytes),
			cut: true,
			problem: {
				path,
				field: "file",
				message: `${path} is ${megabytes(Math.max(sizeBytes, text.length))}, over the ${megabytes(maxNoteBytes)} limit; only its beginning is indexed.`,
			},
		};
	}
	return { kind: "index", text };
}

function megabytes(bytes: number): string {
	return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
