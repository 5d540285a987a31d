/** Writes the frontmatter of a new deliverable: a small, predictable YAML subset that Obsidian's properties read. */

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

/**
 * Plain words are written bare, as Obsidian writes them (`status: draft`); anything else is double-quoted
 * (JSON's escaping is valid YAML), so links stay strings (`"[[Project Alpha]]"`, not a nested list) and
 * nothing is read back as a date, a number or a boolean.
 * Lists of scalars are written one item per line, as Obsidian writes list properties.
 */
export function frontmatterBlock(properties: Record<string, YamlValue | undefined>): string {
	const lines = ["---"];
	for (const [key, value] of Object.entries(properties)) {
		if (value === undefined) continue;
		if (Array.isArray(value)) {
			if (value.length === 0) lines.push(`${key}: []`);
			else lines.push(`${key}:`, ...value.map((item) => `  - ${scalar(item)}`));
		} else if (value !== null && typeof value === "object") {
			lines.push(`${key}:`, ...Object.entries(value).map(([inner, v]) => `  ${inner}: ${scalar(v)}`));
		} else {
			lines.push(`${key}: ${scalar(value)}`);
		}
	}
	lines.push("---");
	return lines.join("\n");
}

function scalar(value: YamlValue): string {
	if (value === null) return "null";
	if (typeof value === "number" || typeof value === "boolean") return String(value);
	if (typeof value === "string") return isPlainWord(value) ? value : JSON.stringify(value);
	return JSON.stringify(value);
}

const YAML_RESERVED = /^(true|false|yes|no|on|off|null|y|n)$/i;

/** Letters, digits, spaces and a few safe marks, starting with a letter: YAML reads these back as the same string. */
function isPlainWord(value: string): boolean {
	return /^[A-Za-z][A-Za-z0-9 _./-]*$/.test(value) && !/\s$/.test(value) && !YAML_RESERVED.test(value);
}
