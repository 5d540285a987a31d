/** Removes the Sources list a model appends despite the instructions, so the deliverable has one: the pipeline's. */

/** The titles models give such a list. */
const TITLE_WORDS = "sources|references|bibliography|citations|works cited|sources used";
/** `## Sources`, `### References:`, `# **Citations**` … */
const HEADING_TITLE = new RegExp(`^ {0,3}#{1,6}[ \\t]+(?:\\*\\*|__)?(?:${TITLE_WORDS})(?:\\*\\*|__)?[ \\t]*:?[ \\t]*#*[ \\t]*$`, "i");
/** `**Sources:**`, `**Sources**:`, `Sources:`, `_References_` alone on a line. */
const LINE_TITLE = new RegExp(`^ {0,3}(?:\\*\\*|__|\\*|_)?(?:${TITLE_WORDS})[ \\t]*:?[ \\t]*(?:\\*\\*|__|\\*|_)?[ \\t]*:?[ \\t]*$`, "i");
/** A list item (`- `, `* `, `+ `, `1. `, `1) `) or a line that is a link or a numbered reference (`[1] …`). */
const ITEM = /^ {0,3}(?:[-*+][ \t]+\S|\d{1,3}[.)][ \t]+\S|\[\[|\[\d{1,3}\][ \t]|\[[^\]^][^\]]*\]\()/;
/** An item's continuation, indented under it. */
const CONTINUATION = /^(?:[ \t]{2,}|\t)\S/;
/** A rule or slide separator: allowed after the list (a deck's closing separator) and removed with it. */
const RULE = /^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$/;
/** Rules or slide separators left dangling at the end once the list is gone. */
const TRAILING_RULES = /(?:\n[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*)+\s*$/;

/**
 * Removes a trailing Sources / References / Bibliography / Citations section: its title (a heading of any level,
 * or a bold or plain "Sources:" line) followed by nothing but list items, link lines and blank lines up to the end.
 * Only a trailing one is the model's extra: a "Sources" heading with more sections after it, or with prose or
 * footnote definitions under it, is part of what the model was asked to write (a report about data sources, say),
 * and stays. Rules or slide separators left at the end are removed with it, so a deck gets no empty last slide.
 */
export function removeModelSources(text: string): string {
	const lines = text.split("\n");
	for (let title = lines.length - 1; title >= 0; title--) {
		const line = lines[title] ?? "";
		if (!HEADING_TITLE.test(line) && !LINE_TITLE.test(line)) continue;
		const after = lines.slice(title + 1);
		const items = after.filter((candidate) => ITEM.test(candidate));
		const onlyList = after.every((candidate) => candidate.trim() === "" || ITEM.test(candidate) || CONTINUATION.test(candidate) || RULE.test(candidate));
		if (items.length === 0 || !onlyList) return text;
		return lines.slice(0, title).join("\n").replace(TRAILING_RULES, "").trimEnd();
	}
	return text;
}
