/** Parses a note's text into {@link ParsedNote}, or, for the index, {@link NoteContent} (all but the links): the one place markdown becomes data. */
import { detached } from "./detached-string";
import type { NoteContent, NoteProblem, ParsedNote, PropertyValue } from "./parsed-note";
import { parseFrontmatter } from "./frontmatter";
import { maskNonProse } from "./markdown-mask";
import { extractLinks } from "./links";
import { splitSections } from "./sections";
import { inlineTags, listOfStrings, tagsFromProperties } from "./tags";
import { basenameOf } from "./note-path";

/**
 * Parses `text` (the content of the note at vault-relative `path`). Never throws on content: malformed
 * frontmatter becomes a problem and the body is still parsed.
 */
export function parseNote(path: string, text: string, cut = false): ParsedNote {
	const { note, masked, bodyStartLine } = parseContent(path, text, cut);
	return { ...note, links: extractLinks(masked, bodyStartLine) };
}

/**
 * {@link parseNote} without the links, for the index, which never reads them: on a vault rich in links, finding
 * them was a sixth of a cold build.
 */
export function parseNoteContent(path: string, text: string, cut = false): NoteContent {
	return parseContent(path, text, cut).note;
}

function parseContent(path: string, text: string, cut: boolean): { note: NoteContent; masked: string[]; bodyStartLine: number } {
	// A byte-order mark before `---` still opens the frontmatter (Obsidian reads it so); it is no part of the note.
	const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
	const frontmatter = parseFrontmatter(lines, cut);
	const problems: NoteProblem[] = [];
	if (frontmatter.error && frontmatter.bodyStartLine === 0) {
		problems.push({ path, field: "frontmatter", message: `${path}: ${frontmatter.error.message}.` });
	} else if (frontmatter.error) {
		const where = frontmatter.error.line ? ` at line ${frontmatter.error.line}` : "";
		problems.push({
			path,
			field: "frontmatter",
			...(frontmatter.error.line ? { line: frontmatter.error.line } : {}),
			message: `${path}: the frontmatter is not valid YAML${where} (${frontmatter.error.message}); the note is indexed by its body only.`,
		});
	}
	const body = lines.slice(frontmatter.bodyStartLine);
	const masked = maskNonProse(body);
	const sections = splitSections(body, masked, frontmatter.bodyStartLine);
	const properties = frontmatter.properties;
	const tags = [...new Set([...tagsFromProperties(properties), ...inlineTags(masked)])].map(detached);
	const note: NoteContent = { path, title: titleOf(path, properties, sections), aliases: aliasesOf(properties), tags, properties, sections, problems };
	return { note, masked, bodyStartLine: frontmatter.bodyStartLine };
}

function titleOf(path: string, properties: Record<string, PropertyValue>, sections: ParsedNote["sections"]): string {
	const title = properties.title;
	if (typeof title === "string" && title.trim() !== "") return detached(title.trim());
	if (typeof title === "number") return String(title);
	const h1 = sections.find((s) => s.level === 1);
	return h1?.heading ?? basenameOf(path);
}

function aliasesOf(properties: Record<string, PropertyValue>): string[] {
	return [...listOfStrings(properties.aliases), ...listOfStrings(properties.alias)].map((a) => detached(a.trim())).filter((a) => a !== "");
}

/**
 * True when the note asks never to be read by the coworker (`coworker: private`), or when its `coworker`
 * property is a list or a mapping, which cannot say plainly that it is not private (privacy fails closed).
 */
export function isPrivateNote(properties: Record<string, PropertyValue>): boolean {
	const flag = properties.coworker;
	if (flag === null || flag === undefined || typeof flag === "boolean" || typeof flag === "number") return false;
	return typeof flag !== "string" || flag.trim().toLowerCase() === "private";
}
