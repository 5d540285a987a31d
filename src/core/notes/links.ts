/** Outgoing links: wikilinks (with heading, block, alias), embeds, and markdown links to notes. */
import type { NoteLink } from "./parsed-note";

/** `[[target#sub|alias]]` and `![[…]]`: group 1 the `!`, group 2 the inside. */
export const WIKILINK = /(!?)\[\[([^[\]\n]+?)\]\]/g;
/** `[text](url "title")` and `![…](…)`: group 1 the `!`, group 2 the text, group 3 the url (maybe in `<…>`). */
export const MARKDOWN_LINK = /(!?)\[([^\]\n]*)\]\((<[^>\n]+>|[^)\s]+)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\)/g;
/** A url with a scheme (`https:`, `obsidian:`) points outside the vault. */
export const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The link path in a link written as text, as properties and tool arguments hold them:
 * `"[[Weekly status|the report]]"`, `![[Note#Heading]]` or a bare `Note` → `Weekly status`, `Note`.
 */
export function linkpathOf(text: string): string {
	const inner = text.trim().replace(/^!?\[\[/, "").replace(/\]\]$/, "");
	return (inner.split("|")[0] ?? "").split("#")[0]?.trim() ?? "";
}
// Files a markdown link may point at that are not notes: left out, since they carry no text to cite.
const NON_NOTE_EXTENSION = /\.(png|jpe?g|gif|svg|webp|bmp|pdf|mp3|mp4|webm|wav|ogg|m4a|mov|zip)$/i;

/** Links in body lines already masked for code and comments (see markdown-mask.ts). */
export function extractLinks(maskedLines: readonly string[], firstLine: number): NoteLink[] {
	const links: NoteLink[] = [];
	maskedLines.forEach((line, offset) => {
		if (!line.includes("[")) return;
		for (const match of line.matchAll(WIKILINK)) {
			links.push(wikilink(match[2] ?? "", match[1] === "!", firstLine + offset));
		}
		for (const match of line.matchAll(MARKDOWN_LINK)) {
			const link = markdownLink(match[3] ?? "", match[2] ?? "", match[1] === "!", firstLine + offset);
			if (link) links.push(link);
		}
	});
	return links;
}

function wikilink(inner: string, embed: boolean, line: number): NoteLink {
	// In tables the alias pipe is escaped as `\|`.
	const pipe = inner.indexOf("|");
	let destination = pipe >= 0 ? inner.slice(0, pipe) : inner;
	const displayText = pipe >= 0 ? inner.slice(pipe + 1).trim() : undefined;
	if (destination.endsWith("\\")) destination = destination.slice(0, -1);
	return { ...splitSubpath(destination.trim()), ...(displayText ? { displayText } : {}), embed, kind: "wikilink", line };
}

function markdownLink(rawUrl: string, text: string, embed: boolean, line: number): NoteLink | null {
	let url = rawUrl.startsWith("<") ? rawUrl.slice(1, -1) : rawUrl;
	if (URL_SCHEME.test(url) || url.startsWith("//")) return null;
	try {
		url = decodeURIComponent(url);
	} catch {
		// A stray `%` that is not an escape: keep the link as written.
	}
	const parts = splitSubpath(url);
	if (parts.target !== "" && NON_NOTE_EXTENSION.test(parts.target)) return null;
	return { ...parts, ...(text.trim() ? { displayText: text.trim() } : {}), embed, kind: "markdown", line };
}

function splitSubpath(destination: string): Pick<NoteLink, "target" | "heading" | "blockId"> {
	const hash = destination.indexOf("#");
	if (hash < 0) return { target: destination };
	const target = destination.slice(0, hash).trim();
	const subpath = destination.slice(hash + 1).trim();
	if (subpath.startsWith("^")) return { target, blockId: subpath.slice(1) };
	return subpath === "" ? { target } : { target, heading: subpath };
}
