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

/** One scalar as this writer (and Obsidian's) writes it: bare when YAML reads it back unchanged, else double-quoted. */
export function scalar(value: YamlValue): string {
	if (value === null) return "null";
	if (typeof value === "number" || typeof value === "boolean") return String(value);
	if (typeof value === "string") return needsQuotes(value) ? JSON.stringify(value) : value;
	return JSON.stringify(value);
}

/** Words YAML would read as something other than a string (booleans and nulls of YAML 1.1 and 1.2). */
const YAML_RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;
const NUMBER_LIKE = /^[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)$/i;

/**
 * Plain when YAML reads the text back unchanged as a string, as Obsidian's own writer does, so that a later
 * `processFrontMatter` (approval) rewrites these lines to the same bytes. Quoted otherwise: links (`[[…]]`),
 * numbers, booleans, and text with `: `, ` #` or a leading indicator.
 */
function needsQuotes(value: string): boolean {
	if (value === "" || value.trim() !== value) return true;
	if (YAML_RESERVED.test(value) || NUMBER_LIKE.test(value)) return true;
	if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return true;
	if (/: |:$| #|[\n\t]/.test(value)) return true;
	return false;
}
