/** setFrontmatterProperties: named top-level properties rewritten line by line, every other byte kept. */
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { setFrontmatterProperties } from "../../../src/core/review/frontmatter-edit";
import { parseNote } from "../../../src/core/notes/parse-note";

/** The YAML between the fences, parsed by an independent reader (YAML 1.2 core schema). */
function yamlOf(text: string): Record<string, unknown> {
	const match = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/.exec(text);
	return YAML.parse(match?.[1] ?? "") as Record<string, unknown>;
}

const DELIVERABLE = `---
coworker: deliverable
status: draft
format: report
# written by the coworker
goal: "Status: Project Alpha"
---
# Status

status: this body line looks like a property and must stay.
`;

describe("setFrontmatterProperties", () => {
	it("replaces an existing scalar line in place", () => {
		const after = setFrontmatterProperties(DELIVERABLE, { status: "approved" });
		expect(after).toBe(DELIVERABLE.replace("status: draft\n", "status: approved\n"));
	});

	it("adds a missing key just before the closing ---", () => {
		const after = setFrontmatterProperties(DELIVERABLE, { reviewed: "2026-11-24T09:30:00+00:00" });
		expect(after).toBe(DELIVERABLE.replace('goal: "Status: Project Alpha"\n---\n', 'goal: "Status: Project Alpha"\nreviewed: 2026-11-24T09:30:00+00:00\n---\n'));
	});

	it("replaces and adds in one call, in the order given", () => {
		const after = setFrontmatterProperties(DELIVERABLE, { status: "approved", reviewed: "2026-11-24T09:30:00+00:00" });
		const [before, changed] = [DELIVERABLE.split("\n"), after.split("\n")];
		expect(changed.filter((line) => !before.includes(line))).toEqual(["status: approved", "reviewed: 2026-11-24T09:30:00+00:00"]);
		expect(before.filter((line) => !changed.includes(line))).toEqual(["status: draft"]);
		expect(after.slice(after.indexOf("\n---\n"))).toBe(DELIVERABLE.slice(DELIVERABLE.indexOf("\n---\n")));
		expect(parseNote("D.md", after).properties).toMatchObject({ coworker: "deliverable", status: "approved", format: "report", goal: "Status: Project Alpha" });
	});

	it("replaces a key whose value spans several lines (a list) whole, continuation lines included", () => {
		const text = '---\ncoworker: deliverable\nsources:\n  - "[[Project Alpha]]"\n  - "[[Memory]]"\nstatus: draft\n---\nBody\n';
		expect(setFrontmatterProperties(text, { sources: "none" })).toBe("---\ncoworker: deliverable\nsources: none\nstatus: draft\n---\nBody\n");
		// A list written without indentation, a block scalar and a nested map are continuation lines too.
		const flat = "---\ntags:\n- one\n- two\nnotes: |\n  line one\n  line two\nusage:\n  total_tokens: 3\nend: 1\n---\n";
		expect(setFrontmatterProperties(flat, { tags: "x", notes: "z", usage: 0 })).toBe("---\ntags: x\nnotes: z\nusage: 0\nend: 1\n---\n");
	});

	it("still finds the closing --- after a multi-line value shrank, when adding keys later in the same call", () => {
		const text = "---\nsources:\n  - a\n  - b\n  - c\nkeep: 1\n---\nBody\n";
		expect(setFrontmatterProperties(text, { sources: "gone", reviewed: "today", status: "approved" })).toBe("---\nsources: gone\nkeep: 1\nreviewed: today\nstatus: approved\n---\nBody\n");
	});

	it("leaves every other byte unchanged: comments, other keys, the body and CRLF line endings", () => {
		const text = [
			"---",
			"# top comment",
			"coworker: deliverable   ",
			"status: draft",
			"sources:",
			'  - "[[A]]" # first',
			"",
			"# trailing comment",
			"---",
			"Body with  two spaces\tand a tab",
			"",
			"---",
			"",
			"status: not a property",
			"",
		].join("\r\n");
		const after = setFrontmatterProperties(text, { status: "approved", reviewed: "2026-11-24" });
		expect(after).toBe(text.replace("status: draft\r\n", "status: approved\r\n").replace("# trailing comment\r\n---", "# trailing comment\r\nreviewed: 2026-11-24\r\n---"));
		expect(after).not.toMatch(/[^\r]\n/);
	});

	it("returns the text unchanged when there is nothing to set", () => {
		expect(setFrontmatterProperties(DELIVERABLE, {})).toBe(DELIVERABLE);
	});

	it("adds a frontmatter block when the note has none, with the note's own line endings", () => {
		expect(setFrontmatterProperties("# Title\n\nBody\n", { status: "approved", count: 2 })).toBe("---\nstatus: approved\ncount: 2\n---\n# Title\n\nBody\n");
		expect(setFrontmatterProperties("# Title\r\nBody\r\n", { status: "approved" })).toBe("---\r\nstatus: approved\r\n---\r\n# Title\r\nBody\r\n");
		expect(setFrontmatterProperties("", { status: "approved" })).toBe("---\nstatus: approved\n---\n");
	});

	it("throws on a frontmatter without a closing ---", () => {
		expect(() => setFrontmatterProperties("---\nstatus: draft\nBody\n", { status: "approved" })).toThrow("the frontmatter has no closing ---");
	});

	it("quotes values that need it (links, numbers as text, `: `, reserved words) and writes words and ISO dates bare", () => {
		const values = {
			link: "[[Project Alpha]]",
			digits: "42",
			decimal: "3.5",
			colon: "Status: late",
			hash: "one #two",
			reserved: "yes",
			empty: "",
			padded: " padded",
			word: "approved",
			words: "changes-requested",
			date: "2026-11-24",
			stamp: "2026-11-24T09:30:00+01:00",
			number: 3,
			flag: true,
		};
		const after = setFrontmatterProperties("---\ncoworker: deliverable\n---\n", values);
		const lines = after.split("\n").slice(2, -2);
		expect(lines).toEqual([
			'link: "[[Project Alpha]]"',
			'digits: "42"',
			'decimal: "3.5"',
			'colon: "Status: late"',
			'hash: "one #two"',
			'reserved: "yes"',
			'empty: ""',
			'padded: " padded"',
			"word: approved",
			"words: changes-requested",
			"date: 2026-11-24",
			"stamp: 2026-11-24T09:30:00+01:00",
			"number: 3",
			"flag: true",
		]);
		// Read back by a YAML reader, every value is what was set, with its type.
		expect(yamlOf(after)).toEqual({ coworker: "deliverable", ...values });
	});

	it("does not match a key that is a prefix of another, nor a nested key", () => {
		const text = "---\nstatus_note: keep me\nstatusx: 1\nmeta:\n  status: nested\n---\nBody\n";
		expect(setFrontmatterProperties(text, { status: "approved" })).toBe("---\nstatus_note: keep me\nstatusx: 1\nmeta:\n  status: nested\nstatus: approved\n---\nBody\n");
		const both = "---\nstatus_note: keep me\nstatus: draft\n---\n";
		expect(setFrontmatterProperties(both, { status: "approved" })).toBe("---\nstatus_note: keep me\nstatus: approved\n---\n");
	});

	it("matches `key :` with spaces before the colon, and keys with regular-expression characters literally", () => {
		expect(setFrontmatterProperties("---\nstatus : draft\n---\n", { status: "approved" })).toBe("---\nstatus: approved\n---\n");
		expect(setFrontmatterProperties("---\naxb: 1\n---\n", { "a.b": 2 })).toBe("---\naxb: 1\na.b: 2\n---\n");
	});

	// Regression test (a bug found and fixed while issue 5 was built): the function splits on /\r?\n/ and joins with the first line ending it finds, so in a note whose lines end
	// differently (a CRLF frontmatter, an LF body) every body line is rewritten, although it promises "other properties,
	// comments and the body keep their bytes".
	it("keeps the body's own line endings in a note with mixed line endings", () => {
		const text = "---\r\nstatus: draft\r\n---\r\nBody line one\nBody line two\n";
		expect(setFrontmatterProperties(text, { status: "approved" })).toBe("---\r\nstatus: approved\r\n---\r\nBody line one\nBody line two\n");
	});

	// Regression test (a bug found and fixed while issue 5 was built): parseNote (notes/frontmatter.ts) accepts fences with trailing whitespace (`--- `), so such a note is a
	// deliverable that can be approved, but setFrontmatterProperties only accepts an exact `---`: it takes the body's
	// next horizontal rule as the closing fence and writes the property into the body (or throws when there is none).
	it("ends the frontmatter at a closing `--- ` with trailing spaces, as parseNote does", () => {
		const text = "---\ncoworker: deliverable\nstatus: draft\n--- \nBody\n\n---\n\nMore\n";
		expect(parseNote("D.md", text).properties).toMatchObject({ coworker: "deliverable", status: "draft" });
		expect(setFrontmatterProperties(text, { reviewed: "today" })).toBe("---\ncoworker: deliverable\nstatus: draft\nreviewed: today\n--- \nBody\n\n---\n\nMore\n");
	});
});
