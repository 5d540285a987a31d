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

/**
 * Replaces the instruction and keeps the frontmatter and the `## Lessons` section. The instruction is
 * everything else in the body (sections after Lessons too), as the workflow parser reads it; the new text
 * takes its place and the Lessons section follows it.
 */
export function replaceInstruction(text: string, instruction: string): string {
	const newline = text.includes("\r\n") ? "\r\n" : "\n";
	const frontmatter = /^---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(text)?.[0] ?? "";
	const lines = text.slice(frontmatter.length).split(/\r?\n/);
	const start = lines.findIndex((line) => /^##\s+Lessons\s*$/i.test(line));
	let lessons = "";
	if (start >= 0) {
		let end = lines.findIndex((line, i) => i > start && /^#{1,2}\s/.test(line));
		if (end < 0) end = lines.length;
		lessons = lines.slice(start, end).join(newline).replace(/(\r?\n)+$/, "");
	}
	return `${frontmatter}${instruction.trim()}${newline}${lessons ? `${newline}${lessons}${newline}` : ""}`;
}
