/** Turns a parsed note into the documents MiniSearch indexes: one per section, long sections cut into parts. */
import type { NoteContent } from "../notes/parsed-note";
import { withParentTags } from "../notes/tags";
import { isDeliverableNote, isProvenanceSection } from "../deliverable/provenance-sections";

/** What MiniSearch stores and searches for one section (or part of a long section). */
export interface SectionDocument {
	/** `${path}#${ordinal}`: unique, since the ordinal after the last `#` is a number. */
	id: string;
	path: string;
	/** Ordinal of this document among the note's documents, to find its text again for a snippet. */
	ordinal: number;
	heading: string | null;
	/** 0-based file line where this document's text begins. */
	line: number;
	title: string;
	aliases: string;
	headings: string;
	tags: string;
	description: string;
	body: string;
}

/** Past this many characters a section is cut at paragraph breaks, so one long section does not drown its terms. */
export const MAX_PART_CHARS = 4000;

/** The pieces of text a note is indexed as, in order: the same cut is used for indexing and for snippets. */
export interface NotePart {
	heading: string | null;
	headingPath: string[];
	line: number;
	text: string;
}

/** A deliverable's Sources and Tool calls sections are provenance, not content: they are not indexed (nor cut into snippets). */
export function partsOf(note: NoteContent): NotePart[] {
	const parts: NotePart[] = [];
	const deliverable = isDeliverableNote(note.properties);
	for (const section of note.sections) {
		if (deliverable && isProvenanceSection(section)) continue;
		const pieces = section.text.length <= MAX_PART_CHARS ? [{ text: section.text, lineOffset: 0 }] : cutAtParagraphs(section.text);
		// A heading line comes before the section text; the text starts on the next line.
		const textStart = section.level > 0 ? section.startLine + 1 : section.startLine;
		pieces.forEach((piece, i) => {
			parts.push({
				heading: section.heading,
				headingPath: section.headingPath,
				line: i === 0 ? section.startLine : textStart + piece.lineOffset,
				text: piece.text,
			});
		});
	}
	return parts;
}

export function documentsForNote(note: NoteContent): SectionDocument[] {
	const title = note.title;
	const aliases = note.aliases.join(" ; ");
	const tags = withParentTags(note.tags).join(" ");
	const description = typeof note.properties.description === "string" ? note.properties.description : "";
	const parts = partsOf(note);
	// A note with only frontmatter still deserves to be found by its title, tags and description.
	if (parts.length === 0) parts.push({ heading: null, headingPath: [], line: 0, text: "" });
	return parts.map((part, ordinal) => ({
		id: `${note.path}#${ordinal}`,
		path: note.path,
		ordinal,
		heading: part.heading,
		line: part.line,
		title,
		aliases,
		headings: part.headingPath.join(" / "),
		tags,
		description: ordinal === 0 ? description : "",
		body: part.text,
	}));
}

function cutAtParagraphs(text: string): { text: string; lineOffset: number }[] {
	const pieces: { text: string; lineOffset: number }[] = [];
	const lines = text.split("\n");
	let start = 0;
	let length = 0;
	for (let i = 0; i < lines.length; i++) {
		length += (lines[i]?.length ?? 0) + 1;
		const atBreak = (lines[i + 1] ?? "").trim() === "" || i === lines.length - 1;
		// Cut at the first blank line past the limit, or hard at twice the limit (a giant paragraph).
		if ((length >= MAX_PART_CHARS && atBreak) || length >= 2 * MAX_PART_CHARS || i === lines.length - 1) {
			const piece = lines.slice(start, i + 1).join("\n").trim();
			if (piece !== "") pieces.push({ text: piece, lineOffset: start });
			start = i + 1;
			length = 0;
		}
	}
	return pieces;
}
