/** editFrontmatterProperties on every shape YAML allows: the result stays valid YAML with the new status, or the edit is refused and nothing changes. */
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { editFrontmatterProperties } from "../../../src/core/review/frontmatter-edit";

/** The YAML between the fences, read by an independent parser (the `yaml` package, YAML 1.2). */
function propertiesOf(text: string): Record<string, unknown> {
	const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/.exec(text);
	return YAML.parse(match?.[1] ?? "") as Record<string, unknown>;
}

function approved(text: string): string {
	const edit = editFrontmatterProperties(text, { status: "approved", reviewed: "2026-11-02T09:00:00+01:00" });
	if (!edit.ok) throw new Error(edit.error);
	return edit.text;
}

describe("editFrontmatterProperties keeps the frontmatter valid YAML", () => {
	it("edits a double- or single-quoted key in place, without adding a duplicate", () => {
		for (const key of [`"status"`, `'status'`]) {
			const after = approved(`---\ncoworker: deliverable\n${key}: draft\n---\nBody\n`);
			expect(after).toContain(`${key}: approved\n`);
			expect(after).not.toContain("draft");
			expect(propertiesOf(after)).toMatchObject({ coworker: "deliverable", status: "approved", reviewed: "2026-11-02T09:00:00+01:00" });
		}
	});

	it("keeps an inline comment on the edited line, and a # inside a quoted value is not taken for one", () => {
		const after = approved(`---\nstatus: draft # set by the coworker\ntitle: "a # b"\n---\n`);
		expect(after).toContain("status: approved # set by the coworker\n");
		expect(propertiesOf(after)).toMatchObject({ status: "approved", title: "a # b" });
		const quoted = approved(`---\nstatus: "draft # not a comment"\n---\n`);
		expect(propertiesOf(quoted).status).toBe("approved");
		expect(quoted).not.toContain("not a comment");
	});

	it("keeps an anchor on status when nothing refers to it", () => {
		const after = approved(`---\nstatus: &state draft\nformat: report\n---\n`);
		expect(after).toContain("status: &state approved\n");
		expect(propertiesOf(after)).toMatchObject({ status: "approved", format: "report" });
	});

	it("adds new properties before a `...` end marker, so the block stays one document", () => {
		const after = approved(`---\ncoworker: deliverable\nstatus: draft\n...\n---\nBody\n`);
		expect(after).toMatch(/reviewed: "?2026-11-02T09:00:00\+01:00"?\n\.\.\.\n---\n/);
		expect(propertiesOf(after)).toMatchObject({ coworker: "deliverable", status: "approved" });
	});

	it("edits a note that starts with a byte order mark, and keeps the mark", () => {
		const after = approved(`\uFEFF---\nstatus: draft\n---\nBody\n`);
		expect(after.startsWith("\uFEFF---\nstatus: approved\n")).toBe(true);
		expect(propertiesOf(after).status).toBe("approved");
	});

	it("replaces a block value of status whole", () => {
		const after = approved(`---\nstatus: |\n  draft\n  still\nformat: report\n---\n`);
		expect(propertiesOf(after)).toMatchObject({ status: "approved", format: "report" });
	});
});

describe("editFrontmatterProperties refuses what it cannot edit safely", () => {
	const refused: [string, string, RegExp][] = [
		["a flow mapping", `---\n{coworker: deliverable, status: draft}\n---\nBody\n`, /invalid YAML/],
		["an anchor on status that another property refers to", `---\nstatus: &state draft\nprevious: *state\n---\n`, /also change previous/],
		["frontmatter that is already invalid", `---\ntitle: Board: memo\nstatus: draft\n---\n`, /not valid YAML/],
		["a duplicate key", `---\nstatus: draft\nstatus: draft\n---\n`, /not valid YAML/],
		["no closing fence", `---\nstatus: draft\n`, /no closing/],
	];
	for (const [shape, text, reason] of refused) {
		it(`refuses ${shape}, naming why`, () => {
			const edit = editFrontmatterProperties(text, { status: "approved" });
			expect(edit.ok).toBe(false);
			if (!edit.ok) expect(edit.error).toMatch(reason);
		});
	}
});
