/** deliverableFromText and readDeliverable: a deliverable's provenance read back from its properties. */
import { describe, expect, it } from "vitest";
import { deliverableFromText, readDeliverable } from "../../../src/core/review/deliverable-info";
import { LinkResolver } from "../../../src/core/notes/link-resolver";
import type { VaultReader } from "../../../src/core/ports/vault-reader";
import { DELIVERABLE_FORMATS } from "../../../src/core/deliverable/deliverable-format";

const links = new LinkResolver([
	"Workflows/Weekly status.md",
	"Projects/Project Alpha.md",
	"Projects/Acme renewal.md",
	"Data/Q3 figures.csv",
	"Coworker/Memory.md",
	"Reports/Weekly status 2026-11-02.md",
]);

const PATH = "Reports/Weekly status 2026-11-02.md";

describe("deliverableFromText", () => {
	it("refuses a note that is not a deliverable, in one sentence naming its path", () => {
		const error = "Projects/Project Alpha.md is not a deliverable (its properties do not say coworker: deliverable).";
		expect(deliverableFromText("Projects/Project Alpha.md", "# Project Alpha\n\nNo properties.", links)).toEqual({ ok: false, error });
		expect(deliverableFromText("Projects/Project Alpha.md", "---\ncoworker: workflow\nstatus: draft\n---\nText", links)).toEqual({ ok: false, error });
		expect(deliverableFromText("Projects/Project Alpha.md", "---\ncoworker: [deliverable]\n---\n", links)).toEqual({ ok: false, error });
		// An unclosed frontmatter is body text, as in Obsidian.
		expect(deliverableFromText("Projects/Project Alpha.md", "---\ncoworker: deliverable\n", links)).toEqual({ ok: false, error });
	});

	it("reads a workflow deliverable: status, format, workflow link resolved, occurrence, sources, created", () => {
		const text = [
			"---",
			"coworker: deliverable",
			"status: changes-requested",
			"format: memo",
			'workflow: "[[Weekly status]]"',
			'occurrence: "2026-11-02T09:00:00+00:00"',
			'created: "2026-11-02T09:01:07+00:00"',
			"sources:",
			'  - "[[Project Alpha]]"',
			'  - "[[Acme renewal#Risks|the risks]]"',
			'  - "[[Q3 figures.csv]]"',
			'  - "[[Deleted note]]"',
			'  - "[[Memory]]"',
			"  - calendar/events://today",
			"  - not a resource",
			"---",
			"# Weekly status",
		].join("\n");
		expect(deliverableFromText(PATH, text, links)).toEqual({
			ok: true,
			info: {
				path: PATH,
				status: "changes-requested",
				format: "memo",
				goal: null,
				workflowPath: "Workflows/Weekly status.md",
				occurrence: "2026-11-02T09:00:00+00:00",
				sources: ["Projects/Project Alpha.md", "Projects/Acme renewal.md", "Data/Q3 figures.csv", "Coworker/Memory.md"],
				// An MCP resource is written as plain server/uri, never as a link; a revision reads it again.
				resources: [{ kind: "mcp", server: "calendar", uri: "events://today" }],
				created: "2026-11-02T09:01:07+00:00",
			},
		});
	});

	it("reads a delegated deliverable's goal, and defaults: status draft, format report, no workflow, no sources, no created", () => {
		expect(deliverableFromText("D.md", '---\ncoworker: deliverable\ngoal: "Status: Project Alpha"\n---\nBody', links)).toEqual({
			ok: true,
			info: { path: "D.md", status: "draft", format: "report", goal: "Status: Project Alpha", workflowPath: null, occurrence: null, sources: [], resources: [], created: "" },
		});
	});

	it("falls back to report for an unknown format and to draft for a status that is not text", () => {
		const read = deliverableFromText("D.md", "---\ncoworker: deliverable\nstatus: 3\nformat: poem\ngoal: 42\n---\n", links);
		expect(read).toMatchObject({ ok: true, info: { status: "draft", format: "report", goal: null } });
	});

	it("reads every format the pipeline writes", () => {
		for (const format of DELIVERABLE_FORMATS) {
			expect(deliverableFromText("D.md", `---\ncoworker: deliverable\nformat: ${format}\n---\n`, links)).toMatchObject({ ok: true, info: { format } });
		}
	});

	it("resolves links through the resolver: a bare link text, an alias, a heading, a path; null for a missing workflow", () => {
		const workflowOf = (value: string): string | null => {
			const read = deliverableFromText(PATH, `---\ncoworker: deliverable\nworkflow: ${value}\n---\n`, links);
			return read.ok ? read.info.workflowPath : "not read";
		};
		expect(workflowOf('"[[Weekly status|the weekly]]"')).toBe("Workflows/Weekly status.md");
		expect(workflowOf('"[[Weekly status#Lessons]]"')).toBe("Workflows/Weekly status.md");
		expect(workflowOf("Workflows/Weekly status")).toBe("Workflows/Weekly status.md");
		expect(workflowOf('"[[Gone workflow]]"')).toBeNull();
		expect(workflowOf('"[[]]"')).toBeNull();
		expect(workflowOf("3")).toBeNull();
	});

	it("reads a single source written as text rather than a list", () => {
		const read = deliverableFromText(PATH, '---\ncoworker: deliverable\nsources: "[[Project Alpha]]"\n---\n', links);
		expect(read).toMatchObject({ ok: true, info: { sources: ["Projects/Project Alpha.md"] } });
	});

	it("reads created written bare, as the pipeline writes it, as the same instant", () => {
		const read = deliverableFromText(PATH, "---\ncoworker: deliverable\ncreated: 2026-11-24T21:30:05+01:00\n---\n", links);
		expect(read.ok).toBe(true);
		expect(read.ok && Date.parse(read.info.created)).toBe(Date.parse("2026-11-24T21:30:05+01:00"));
	});

	// Regression test (a bug found and fixed while issue 5 was built): DeliverableInfo.created is documented as "ISO text as written", but parseNote's YAML reader turns a bare
	// timestamp (the pipeline writes `created: 2026-11-24T21:30:05+01:00` unquoted) into a Date and back into UTC
	// text ("2026-11-24T20:30:05Z"); the review queue shows `created.slice(0, 16)`, so it shows UTC, not the local
	// time written (the same happens to `occurrence`).
	it("keeps created as the text written, with its local offset", () => {
		const read = deliverableFromText(PATH, "---\ncoworker: deliverable\ncreated: 2026-11-24T21:30:05+01:00\n---\n", links);
		expect(read).toMatchObject({ ok: true, info: { created: "2026-11-24T21:30:05+01:00" } });
	});
});

describe("readDeliverable", () => {
	const reader = (files: Record<string, string>): VaultReader =>
		({
			read: (path: string) => (path in files ? Promise.resolve(files[path] ?? "") : Promise.reject(new Error("ENOENT"))),
		}) as unknown as VaultReader;

	it("reads through the vault reader, and says in one sentence when the note cannot be read", async () => {
		const files = { [PATH]: '---\ncoworker: deliverable\nworkflow: "[[Weekly status]]"\n---\n' };
		expect(await readDeliverable(PATH, reader(files), links)).toMatchObject({ ok: true, info: { path: PATH, workflowPath: "Workflows/Weekly status.md" } });
		expect(await readDeliverable("Reports/Nope.md", reader(files), links)).toEqual({ ok: false, error: "Reports/Nope.md does not exist or cannot be read." });
	});
});
