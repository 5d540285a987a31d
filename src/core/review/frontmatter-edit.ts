/** Edits named properties of a note's frontmatter in place, leaving every other byte as it was. */
import { scalar } from "../deliverable/frontmatter-yaml";
import { parseFrontmatter } from "../notes/frontmatter";
import { listOfStrings } from "../notes/tags";

export type ScalarValue = string | number | boolean;

/**
 * Sets top-level scalar properties by rewriting only their own lines (or adding a line before the closing
 * `---`); other properties, comments and the body keep their bytes, line endings included. A property written
 * as a multi-line value (a list, a block) is replaced whole, its continuation lines included. Adds a
 * frontmatter block if there is none. The fences are read as the note parser reads them (`---`, trailing
 * spaces allowed).
 */
export function setFrontmatterProperties(text: string, values: Record<string, ScalarValue>): string {
	// Each line keeps its own ending: "\r" stays on the line it was on.
	const lines = text.split("\n");
	const bare = (line: string | undefined): string => (line ?? "").replace(/\r$/, "");
	const ending = (lines[0] ?? "").endsWith("\r") ? "\r" : "";
	if (bare(lines[0]).trimEnd() !== "---") {
		const block = ["---", ...Object.entries(values).map(([key, value]) => `${key}: ${scalar(value)}`), "---"];
		return block.map((line) => line + ending).join("\n") + "\n" + text;
	}
	let end = lines.findIndex((line, i) => i > 0 && bare(line).trimEnd() === "---");
	if (end < 0) throw new Error("the frontmatter has no closing ---");
	for (const [key, value] of Object.entries(values)) {
		const line = `${key}: ${scalar(value)}${ending}`;
		const keyLine = new RegExp(`^${escapeRegExp(key)}\\s*:`);
		const at = lines.findIndex((candidate, i) => i > 0 && i < end && keyLine.test(candidate));
		if (at < 0) {
			lines.splice(end, 0, line);
			end++;
			continue;
		}
		let last = at;
		while (last + 1 < end && /^(\s+\S|-\s)/.test(bare(lines[last + 1]))) last++;
		lines.splice(at, last - at + 1, line);
		end -= last - at;
	}
	return lines.join("\n");
}

/**
 * Adds `item` to the list property `key` (written as a block list), keeping the entries it had and every
 * other line of the note; an item already there is not added twice. A scalar value becomes the list's first entry.
 */
export function addToListProperty(text: string, key: string, item: string): string {
	const existing = listOfStrings(parseFrontmatter(text.split(/\r?\n/)).properties[key]);
	if (existing.includes(item)) return text;
	const ending = text.split("\n")[0]?.endsWith("\r") ? "\r" : "";
	const marker = `__coworker_list_${Date.now()}__`;
	// The key's own lines are replaced as setFrontmatterProperties replaces them, then the marker becomes the list.
	const withMarker = setFrontmatterProperties(text, { [key]: marker });
	const list = [`${key}:`, ...[...existing, item].map((entry) => `  - ${scalar(entry)}`)].join(`${ending}\n`);
	return withMarker.replace(`${key}: ${marker}`, list);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
