/** appendToSection and replaceInstruction: one bullet or the instruction changes, the rest of the note keeps its bytes. */
import { describe, expect, it } from "vitest";
import { appendToSection, replaceInstruction } from "../../../src/core/review/note-sections";
import { bodyParts, parseWorkflow } from "../../../src/core/workflow/parse-workflow";

const LESSON = "- 2026-11-24: Lead with the decisions. (review of [[Weekly status 2026-11-23]])";

describe("appendToSection", () => {
	it("appends after the section's last non-blank line, before the next ## heading", () => {
		const text = "# Weekly status\n\nWrite it.\n\n## Lessons\n- Keep it short.\n\n\n## Format\nBullets.\n";
		expect(appendToSection(text, "Lessons", LESSON)).toBe(`# Weekly status\n\nWrite it.\n\n## Lessons\n- Keep it short.\n${LESSON}\n\n\n## Format\nBullets.\n`);
	});

	it("stops at a level-one heading too", () => {
		const text = "## Lessons\n- one\n\n# Appendix\nText.";
		expect(appendToSection(text, "Lessons", "- two")).toBe("## Lessons\n- one\n- two\n\n# Appendix\nText.");
	});

	it("treats ### headings as part of the section", () => {
		const text = "## Lessons\n- one\n\n### Older\n- zero\n\n## Next\n";
		expect(appendToSection(text, "Lessons", "- two")).toBe("## Lessons\n- one\n\n### Older\n- zero\n- two\n\n## Next\n");
	});

	it("appends at the end of a last section, keeping a missing or present final newline", () => {
		expect(appendToSection("Write it.\n\n## Lessons\n- one\n", "Lessons", "- two")).toBe("Write it.\n\n## Lessons\n- one\n- two\n");
		expect(appendToSection("Write it.\n\n## Lessons\n- one", "Lessons", "- two")).toBe("Write it.\n\n## Lessons\n- one\n- two");
		expect(appendToSection("## Lessons\n- one\n\n\n", "Lessons", "- two")).toBe("## Lessons\n- one\n- two\n\n\n");
	});

	it("puts the bullet right under the heading of an empty section", () => {
		expect(appendToSection("## Lessons\n\n## Next\nText\n", "Lessons", "- two")).toBe("## Lessons\n- two\n\n## Next\nText\n");
	});

	it("creates the section at the end when it is missing: one blank line before it and a trailing newline", () => {
		expect(appendToSection("Write it.\n", "Lessons", LESSON)).toBe(`Write it.\n\n## Lessons\n${LESSON}\n`);
		expect(appendToSection("Write it.", "Lessons", LESSON)).toBe(`Write it.\n\n## Lessons\n${LESSON}\n`);
		expect(appendToSection("Write it.\n\n\n\n", "Lessons", LESSON)).toBe(`Write it.\n\n## Lessons\n${LESSON}\n`);
		// A ### heading of that name is not the section.
		expect(appendToSection("### Lessons\n- old\n", "Lessons", "- new")).toBe("### Lessons\n- old\n\n## Lessons\n- new\n");
	});

	it("matches the heading case-insensitively, with extra spaces, and writes to the first such section only", () => {
		expect(appendToSection("##   lessons  \n- one\n\n## LESSONS\n- other\n", "Lessons", "- two")).toBe("##   lessons  \n- one\n- two\n\n## LESSONS\n- other\n");
	});

	it("does not take a heading that only starts with the name", () => {
		expect(appendToSection("## Lessons learned\n- one\n", "Lessons", "- two")).toBe("## Lessons learned\n- one\n\n## Lessons\n- two\n");
	});

	it("keeps CRLF line endings, in an existing and in a new section", () => {
		const text = "Write it.\r\n\r\n## Lessons\r\n- one\r\n\r\n## Next\r\nText\r\n";
		expect(appendToSection(text, "Lessons", "- two")).toBe("Write it.\r\n\r\n## Lessons\r\n- one\r\n- two\r\n\r\n## Next\r\nText\r\n");
		expect(appendToSection("Write it.\r\n", "Feedback", "- two")).toBe("Write it.\r\n\r\n## Feedback\r\n- two\r\n");
	});

	it("escapes the heading name in its pattern", () => {
		expect(appendToSection("## Q&A (misc)\n- one\n", "Q&A (misc)", "- two")).toBe("## Q&A (misc)\n- one\n- two\n");
		expect(appendToSection("## QxA\n- one\n", "Q.A", "- two")).toBe("## QxA\n- one\n\n## Q.A\n- two\n");
	});
});

describe("replaceInstruction", () => {
	const FRONTMATTER = '---\ncoworker: workflow\noutput: "Reports/{{workflow}} {{date}}.md"\nsources:\n  - "[[Project Alpha]]"\n---\n';
	const LESSONS = "## Lessons\n- Keep it short.\n- 2026-11-24: Lead with the decisions.\n";

	it("keeps the frontmatter and the ## Lessons section byte for byte and replaces only the instruction", () => {
		const text = `${FRONTMATTER}Write a short status update.\n\nMention the risks.\n\n${LESSONS}`;
		const after = replaceInstruction(text, "\n  Write a five-line status update, decisions first.\n\n");
		expect(after).toBe(`${FRONTMATTER}Write a five-line status update, decisions first.\n\n${LESSONS}`);
		expect(bodyParts(after)).toEqual({ instruction: "Write a five-line status update, decisions first.\n", lessons: bodyParts(text).lessons });
	});

	it("finds the Lessons heading case-insensitively", () => {
		expect(replaceInstruction("Old.\n\n## lessons\n- one\n", "New.")).toBe("New.\n\n## lessons\n- one\n");
	});

	it("works without a Lessons section", () => {
		expect(replaceInstruction(`${FRONTMATTER}Old instruction.\n\nMore of it.\n`, "New instruction.")).toBe(`${FRONTMATTER}New instruction.\n`);
	});

	it("works without a frontmatter", () => {
		expect(replaceInstruction(`Old instruction.\n\n${LESSONS}`, "New instruction.")).toBe(`New instruction.\n\n${LESSONS}`);
		expect(replaceInstruction("Old instruction.", "New instruction.")).toBe("New instruction.\n");
	});

	it("keeps CRLF line endings", () => {
		const crlf = "---\r\ncoworker: workflow\r\n---\r\nOld.\r\n\r\n## Lessons\r\n- one\r\n";
		expect(replaceInstruction(crlf, "New.")).toBe("---\r\ncoworker: workflow\r\n---\r\nNew.\r\n\r\n## Lessons\r\n- one\r\n");
	});

	it("gives a workflow that parses to the new instruction and the same lessons", () => {
		const text = `${FRONTMATTER}Write a short status update.\n\n${LESSONS}`;
		const vault = { resolve: (link: string) => (link === "Project Alpha" ? "Projects/Project Alpha.md" : null), folderExists: () => false };
		const defaults = { outputFolder: "Coworker/Deliverables", localZone: "UTC" };
		const before = parseWorkflow("Workflows/Weekly status.md", text, vault, defaults).workflow;
		const after = parseWorkflow("Workflows/Weekly status.md", replaceInstruction(text, "Write five lines."), vault, defaults).workflow;
		expect(after?.instruction).toBe("Write five lines.");
		expect(after?.lessons).toBe(before?.lessons);
		expect({ ...after, instruction: "" }).toEqual({ ...before, instruction: "" });
	});

	// Regression test (a bug found and fixed while issue 5 was built): parseWorkflow (bodyParts) counts the sections after `## Lessons` as part of the instruction, so the
	// refine proposal already holds them; replaceInstruction keeps everything from `## Lessons` on, so accepting
	// the proposal duplicates those sections (here `## Format`) in the workflow note.
	it("replacing the instruction with itself leaves the workflow's instruction as it was when a section follows Lessons", () => {
		const text = `${FRONTMATTER}Write a short status update.\n\n${LESSONS}\n## Format\nUse bullets.\n`;
		const { instruction } = bodyParts(text);
		expect(instruction).toContain("## Format");
		const after = replaceInstruction(text, instruction);
		expect(after.match(/## Format/g)).toHaveLength(1);
		expect(bodyParts(after).instruction.trim()).toBe(instruction.trim());
	});
});
