/** Edits named properties of a note's frontmatter in place, leaving every other byte as it was. */

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
		const block = ["---", ...Object.entries(values).map(([key, value]) => `${key}: ${yamlScalar(value)}`), "---"];
		return block.join(newline) + newline + text;
	}
	let end = lines.findIndex((line, i) => i > 0 && (line === "---" || line === "..."));
	if (end < 0) throw new Error("the frontmatter has no closing ---");
	for (const [key, value] of Object.entries(values)) {
		const line = `${key}: ${yamlScalar(value)}`;
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

/** Bare when YAML reads it back as the same string, otherwise double-quoted. */
export function yamlScalar(value: ScalarValue): string {
	if (typeof value !== "string") return String(value);
	return /^[A-Za-z][A-Za-z0-9 _./-]*$/.test(value) && !/\s$/.test(value) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(value) ? value : JSON.stringify(value);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
