/** Appends a bullet to a named `##` section of a note (creating the section at the end when missing), nothing else. */

/**
 * The bullet goes after the section's last non-blank line, before the next heading of level one or two;
 * the rest of the note keeps its bytes. Used for a workflow's `## Lessons` and the memory note's sections.
 */
export function appendToSection(text: string, heading: string, bullet: string): string {
	const newline = text.includes("\r\n") ? "\r\n" : "\n";
	const lines = text.split(/\r?\n/);
	const wanted = new RegExp(`^##\\s+${heading.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`, "i");
	const start = lines.findIndex((line) => wanted.test(line));
	if (start < 0) {
		const body = text.replace(/(\r?\n)*$/, "");
		return `${body}${newline}${newline}## ${heading}${newline}${bullet}${newline}`;
	}
	let end = lines.findIndex((line, i) => i > start && /^#{1,2}\s/.test(line));
	if (end < 0) end = lines.length;
	let last = end - 1;
	while (last > start && (lines[last] ?? "").trim() === "") last--;
	lines.splice(last + 1, 0, bullet);
	return lines.join(newline);
}

/** Replaces the instruction (the body before `## Lessons`, after the frontmatter) and keeps the rest. */
export function replaceInstruction(text: string, instruction: string): string {
	const newline = text.includes("\r\n") ? "\r\n" : "\n";
	const frontmatter = /^---\r?\n[\s\S]*?\r?\n---(\r?\n|$)/.exec(text)?.[0] ?? "";
	const body = text.slice(frontmatter.length);
	const lessonsAt = body.search(/^##\s+Lessons\s*$/im);
	const rest = lessonsAt < 0 ? "" : body.slice(lessonsAt);
	return `${frontmatter}${instruction.trim()}${newline}${rest ? newline + rest : ""}`;
}
