/** Edits named properties of a note's frontmatter in place, leaving every other byte as it was. */
import { scalar } from "../deliverable/frontmatter-yaml";

export type ScalarValue = string | number | boolean;

/**
 * Sets top-level scalar properties by rewriting only their own lines (or adding a line before the closing
 * `---`); other properties, comments and the body keep their bytes. A property written as a multi-line value
 * (a list, a block) is replaced whole, its continuation lines included. Adds a frontmatter block if there is none.
 */
export function setFrontmatterProperties(text: string, values: Record<string, ScalarValue>): string {
	const newline = text.includes("\r\n") ? "\r\n" : "\n";
	const lines = text.split(/\r?\n/);
	if (lines[0] !== "---") {
		const block = ["---", ...Object.entries(values).map(([key, value]) => `${key}: ${scalar(value)}`), "---"];
		return block.join(newline) + newline + text;
	}
	let end = lines.findIndex((line, i) => i > 0 && (line === "---" || line === "..."));
	if (end < 0) throw new Error("the frontmatter has no closing ---");
	for (const [key, value] of Object.entries(values)) {
		const line = `${key}: ${scalar(value)}`;
		const at = lines.findIndex((candidate, i) => i > 0 && i < end && new RegExp(`^${escapeRegExp(key)}\\s*:`).test(candidate));
		if (at < 0) {
			lines.splice(end, 0, line);
			end++;
			continue;
		}
		let last = at;
		while (last + 1 < end && /^(\s+|-\s)/.test(lines[last + 1] ?? "")) last++;
		lines.splice(at, last - at + 1, line);
		end -= last - at;
	}
	return lines.join(newline);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
