/** Splits a note body into heading-sized sections, each with its heading path. */
import type { NoteSection } from "./parsed-note";
import { detached } from "./detached-string";

const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

/** Reads a heading line (`## Risks ##` → level 2, `Risks`); null when the line is not a heading. */
export function headingOf(line: string): { level: number; text: string } | null {
	const match = ATX_HEADING.exec(line);
	if (!match?.[1]) return null;
	const text = (match[2] ?? "").trim();
	return text === "" ? null : { level: match[1].length, text };
}

/**
 * Sections of a body. `lines` are the body's lines, `maskedLines` the same with code blanked (so a `#` in a
 * code block is not a heading), `firstLine` the file line where the body starts. Empty sections are dropped.
 */
export function splitSections(lines: readonly string[], maskedLines: readonly string[], firstLine: number): NoteSection[] {
	const sections: NoteSection[] = [];
	const path: { level: number; text: string }[] = [];
	let current: { heading: string | null; headingPath: string[]; level: number; startLine: number; bodyStart: number } = {
		heading: null,
		headingPath: [],
		level: 0,
		startLine: firstLine,
		bodyStart: 0,
	};
	const close = (end: number): void => {
		const text = lines.slice(current.bodyStart, end).join("\n").trim();
		if (text !== "" || current.heading !== null) {
			sections.push({
				heading: current.heading,
				headingPath: current.headingPath,
				level: current.level,
				startLine: current.startLine,
				endLine: firstLine + end,
				text,
			});
		}
	};
	maskedLines.forEach((masked, i) => {
		const heading = masked.includes("#") ? headingOf(lines[i] ?? "") : null;
		if (!heading || headingOf(masked) === null) return;
		close(i);
		while (path.length > 0 && (path[path.length - 1]?.level ?? 0) >= heading.level) path.pop();
		// Sections outlive the note's text (the index keeps headings): a heading must not keep its line's file alive.
		const kept = { level: heading.level, text: detached(heading.text) };
		path.push(kept);
		current = { heading: kept.text, headingPath: path.map((h) => h.text), level: heading.level, startLine: firstLine + i, bodyStart: i + 1 };
	});
	close(lines.length);
	return sections;
}
