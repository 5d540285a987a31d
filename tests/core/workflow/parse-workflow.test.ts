/** parseWorkflow: a workflow note read field by field; every problem is data naming the note and the field. */
import { describe, expect, it } from "vitest";
import { bodyParts, changedFilterOf, isWorkflowNote, parseWorkflow, type WorkflowDefaults, type WorkflowVault } from "../../../src/core/workflow/parse-workflow";
import { WORKFLOW_TEMPLATE } from "../../../src/core/workflow/workflow-template";
import { LinkResolver } from "../../../src/core/notes/link-resolver";
import type { Workflow, WorkflowRead } from "../../../src/core/workflow/workflow";

const PATH = "Workflows/Weekly status.md";
const FILES = ["Projects/Project Alpha.md", "Data/Q3 figures.csv", "Attachments/diagram.png", "Meetings/Sync.md", "Clients/Acme/Notes.md", PATH];
const FOLDERS = new Set(["Meetings", "Clients", "Clients/Acme", "Projects", "Data"]);
const links = new LinkResolver(FILES);
const VAULT: WorkflowVault = { resolve: (link, source) => links.resolve(link, source), folderExists: (path) => FOLDERS.has(path) };
const DEFAULTS: WorkflowDefaults = { outputFolder: "Coworker", localZone: "Europe/Berlin" };

/** A workflow note: `coworker: workflow`, the given property lines, and a body. */
function note(properties: string, body = "Write a one-page status update."): string {
	return `---\ncoworker: workflow\n${properties}${properties === "" || properties.endsWith("\n") ? "" : "\n"}---\n${body}\n`;
}

function read(properties: string, body?: string, path = PATH): WorkflowRead {
	return parseWorkflow(path, note(properties, body), VAULT, DEFAULTS);
}

function valid(properties: string, body?: string): Workflow {
	const result = read(properties, body);
	if (!result.workflow) throw new Error(`expected a valid workflow: ${result.problems.map((p) => p.message).join(" | ")}`);
	return result.workflow;
}

/** The problems' messages. */
function problemsOf(properties: string, body?: string): string[] {
	return read(properties, body).problems.map((p) => p.message);
}

describe("parseWorkflow: a valid note", () => {
	it("reads every field of the note in DESIGN.md", () => {
		const text = [
			"---",
			"coworker: workflow",
			'schedule: "DTSTART;TZID=Europe/Berlin:20261102T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO"',
			"format: report",
			'output: "Reports/Weekly status {{date}}.md"',
			"sources:",
			'  - "[[Project Alpha]]"',
			"  - folder: Meetings",
			"    changed: since-last-run",
			'  - tag: "#client/acme"',
			'  - search: "renewal risk"',
			"catch_up: latest",
			"---",
			"Write a one-page status update for the leadership team. Audience: non-technical.",
			"",
			"## Lessons",
			"- Put decisions before open questions.",
			"",
		].join("\n");
		const result = parseWorkflow(PATH, text, VAULT, DEFAULTS);
		expect(result.problems).toEqual([]);
		expect(result.path).toBe(PATH);
		const workflow = result.workflow;
		expect(workflow).toMatchObject({
			path: PATH,
			name: "Weekly status",
			format: "report",
			output: "Reports/Weekly status {{date}}",
			catchUp: "latest",
			instruction: "Write a one-page status update for the leadership team. Audience: non-technical.",
			lessons: "- Put decisions before open questions.",
			agentMode: false,
		});
		// YAML's double quotes turn \n into a line break; the text is kept as the note says it.
		expect(workflow?.scheduleText).toBe("DTSTART;TZID=Europe/Berlin:20261102T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO");
		expect(workflow?.schedule?.zone).toBe("Europe/Berlin");
		expect(workflow?.sources).toEqual([
			{ spec: { kind: "note", path: "Projects/Project Alpha.md" }, changed: null },
			{ spec: { kind: "folder", path: "Meetings" }, changed: { kind: "since-last-run" } },
			{ spec: { kind: "tag", tag: "client/acme" }, changed: null },
			{ spec: { kind: "search", query: "renewal risk" }, changed: null },
		]);
	});

	it("reads a schedule written with the two characters \\n, as single quotes keep them", () => {
		const workflow = valid("schedule: 'DTSTART;TZID=America/New_York:20261102T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO'");
		expect(workflow.scheduleText).toBe("DTSTART;TZID=America/New_York:20261102T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO");
		expect(workflow.schedule?.zone).toBe("America/New_York");
		expect(workflow.schedule?.next(Date.parse("2026-11-01T00:00:00Z"), 1)[0]?.iso).toBe("2026-11-02T09:00:00-05:00");
	});

	it("reads a schedule without TZID in the user's zone", () => {
		expect(valid("schedule: FREQ=DAILY;BYHOUR=9").schedule?.zone).toBe("Europe/Berlin");
	});

	it("fills in defaults: no schedule (run by hand), report, the settings' folder, latest, no sources, no agent", () => {
		const workflow = valid("");
		expect(workflow).toMatchObject({ scheduleText: null, schedule: null, format: "report", output: "Coworker/{{workflow}} {{date}}", sources: [], catchUp: "latest", lessons: "", agentMode: false });
		expect(valid('schedule: ""').schedule).toBeNull();
		expect(valid("schedule:\nformat:\noutput:\ncatch_up:\nsources:").output).toBe("Coworker/{{workflow}} {{date}}");
	});

	it("accepts each format and catch-up policy, the format in any case; agent: true turns on agent mode", () => {
		for (const format of ["report", "memo", "summary", "table", "slides"]) expect(valid(`format: ${format}`).format).toBe(format);
		expect(valid("format: ' Memo '").format).toBe("memo");
		for (const policy of ["latest", "none", "all"]) expect(valid(`catch_up: ${policy}`).catchUp).toBe(policy);
		expect(valid("agent: true").agentMode).toBe(true);
		expect(valid("agent: yes please").agentMode).toBe(false);
	});

	it("keeps the output template without .md", () => {
		expect(valid('output: "Reports/{{workflow}} {{date}}.md"').output).toBe("Reports/{{workflow}} {{date}}");
		expect(valid('output: "Reports/{{title}}.MD"').output).toBe("Reports/{{title}}");
		expect(valid('output: " Out/{{date}} "').output).toBe("Out/{{date}}");
	});

	it("takes a single source that is not in a list", () => {
		expect(valid('sources: "[[Project Alpha]]"').sources).toEqual([{ spec: { kind: "note", path: "Projects/Project Alpha.md" }, changed: null }]);
	});

	it("reads each kind of source", () => {
		const workflow = valid(
			[
				"sources:",
				'  - "![[Project Alpha#Risks|the risks]]"',
				"  - Projects/Project Alpha.md",
				'  - "[[Q3 figures.csv]]"',
				'  - note: "[[Sync]]"',
				'  - table: "Data/Q3 figures.csv"',
				'  - linked: "[[Project Alpha]]"',
				"  - folder: /Clients/Acme/",
				"    changed: 7d",
				"  - tag: client/acme",
				"    changed: 12h",
				"  - search: renewal risk",
				"    limit: 5",
				"    changed: 2W",
			].join("\n"),
		);
		expect(workflow.sources).toEqual([
			{ spec: { kind: "note", path: "Projects/Project Alpha.md" }, changed: null },
			{ spec: { kind: "note", path: "Projects/Project Alpha.md" }, changed: null },
			{ spec: { kind: "table", path: "Data/Q3 figures.csv" }, changed: null },
			{ spec: { kind: "note", path: "Meetings/Sync.md" }, changed: null },
			{ spec: { kind: "table", path: "Data/Q3 figures.csv" }, changed: null },
			{ spec: { kind: "linked", path: "Projects/Project Alpha.md" }, changed: null },
			{ spec: { kind: "folder", path: "Clients/Acme" }, changed: { kind: "within", ms: 7 * 86_400_000, text: "7d" } },
			{ spec: { kind: "tag", tag: "client/acme" }, changed: { kind: "within", ms: 12 * 3_600_000, text: "12h" } },
			{ spec: { kind: "search", query: "renewal risk", limit: 5 }, changed: { kind: "within", ms: 14 * 86_400_000, text: "2w" } },
		]);
	});

	it("reads an mcp: source as the server before the first slash and the URI after it, with no file to check", () => {
		const workflow = valid('sources:\n  - mcp: "calendar/events://today"\n  - mcp: " files/file:///srv/notes/today.txt "');
		expect(workflow.sources).toEqual([
			{ spec: { kind: "mcp", server: "calendar", uri: "events://today" }, changed: null },
			{ spec: { kind: "mcp", server: "files", uri: "file:///srv/notes/today.txt" }, changed: null },
		]);
	});

	it("the template that New workflow note creates is itself a valid workflow", () => {
		const result = parseWorkflow("Workflows/New workflow.md", WORKFLOW_TEMPLATE, VAULT, DEFAULTS);
		expect(result.problems).toEqual([]);
		expect(result.workflow).toMatchObject({ format: "report", output: "Reports/{{workflow}} {{date}}", catchUp: "latest", lessons: "" });
		expect(result.workflow?.sources).toEqual([{ spec: { kind: "folder", path: "Meetings" }, changed: { kind: "since-last-run" } }]);
		expect(result.workflow?.schedule?.describe()).toMatch(/^every week on Monday at 9 \(Europe\/Berlin\)$/);
	});
});

describe("parseWorkflow: problems name the note and the field", () => {
	it("a format that is not one", () => {
		expect(problemsOf("format: poem")).toEqual([`${PATH}: format is "poem"; use one of report, memo, summary, table, slides.`]);
		expect(problemsOf("format: 3")).toEqual([`${PATH}: format is 3; use one of report, memo, summary, table, slides.`]);
	});

	it("a catch_up that is not a policy", () => {
		expect(problemsOf("catch_up: sometimes")).toEqual([`${PATH}: catch_up is "sometimes"; use latest, none or all.`]);
		expect(problemsOf("catch_up: true")).toEqual([`${PATH}: catch_up is true; use latest, none or all.`]);
	});

	it("a schedule that is not an RRULE, names an unknown zone, never occurs, or is not text", () => {
		expect(problemsOf("schedule: FREQ=SOMETIMES")[0]).toMatch(/^Workflows\/Weekly status\.md: schedule is not a valid RRULE \(.*\)\.$/);
		expect(problemsOf('schedule: "DTSTART;TZID=Mars/Olympus:20261102T090000\\nRRULE:FREQ=DAILY"')).toEqual([
			`${PATH}: schedule names the time zone "Mars/Olympus", which is not a known IANA time zone (such as Europe/Berlin).`,
		]);
		expect(problemsOf("schedule: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")).toEqual([`${PATH}: schedule never occurs.`]);
		expect(problemsOf("schedule: 9")).toEqual([`${PATH}: schedule must be text: words such as every weekday at 9am, or an RRULE such as FREQ=WEEKLY;BYDAY=MO;BYHOUR=9.`]);
		expect(problemsOf("schedule: [FREQ=DAILY]")).toHaveLength(1);
	});

	it("an output that is empty, not text, or not a usable template", () => {
		expect(problemsOf('output: ""')).toEqual([`${PATH}: output must be a path template such as Reports/Weekly status {{date}}.md.`]);
		expect(problemsOf("output: 5")).toEqual([`${PATH}: output must be a path template such as Reports/Weekly status {{date}}.md.`]);
		expect(problemsOf('output: "Reports/{{whatever}}.md"')[0]).toMatch(/^Workflows\/Weekly status\.md: output \{\{whatever\}\} is not a placeholder; use \{\{date\}\}, \{\{title\}\} or \{\{workflow\}\}/);
		expect(problemsOf('output: "Reports/{{date}.md"')[0]).toMatch(/output "Reports\/\{\{date\}" has an unclosed \{\{ \}\} placeholder/);
		expect(problemsOf('output: "../Elsewhere/{{date}}"')[0]).toMatch(/output "\.\.\/Elsewhere\/\{\{date\}\}" would leave the vault/);
	});

	// Regression test (a bug found and fixed while issue 4 was built): checkOutputTemplate's messages end with a full stop and parseWorkflow's problem() adds another, so
	// every output problem ends in "..".
	it("an output problem ends with a single full stop", () => {
		expect(problemsOf('output: "Reports/{{whatever}}.md"')).toEqual([`${PATH}: output {{whatever}} is not a placeholder; use {{date}}, {{title}} or {{workflow}}.`]);
	});

	it("a source naming a note that does not exist, or a file that is neither note nor CSV", () => {
		expect(problemsOf('sources:\n  - "[[Project Alpha]]"\n  - "[[Nowhere]]"')).toEqual([`${PATH}: sources[2] names "[[Nowhere]]", which is no note or file in the vault.`]);
		expect(problemsOf('sources:\n  - note: "[[Nowhere]]"')).toEqual([`${PATH}: sources[1] names "[[Nowhere]]", which is no note or file in the vault.`]);
		expect(problemsOf('sources:\n  - "[[diagram.png]]"')).toEqual([`${PATH}: sources[1] names Attachments/diagram.png, which is neither a note nor a CSV file.`]);
		expect(problemsOf('sources:\n  - ""')).toEqual([`${PATH}: sources[1] is empty.`]);
		expect(problemsOf('sources:\n  - "[[]]"')).toEqual([`${PATH}: sources[1] is empty.`]);
	});

	it("a folder that does not exist or is outside the vault", () => {
		expect(problemsOf("sources:\n  - folder: Nope")).toEqual([`${PATH}: sources[1] the folder "Nope" does not exist.`]);
		expect(problemsOf("sources:\n  - folder: ../Secrets")).toEqual([`${PATH}: sources[1] the folder "../Secrets" is outside the vault.`]);
		expect(problemsOf("sources:\n  - folder: 5")).toEqual([`${PATH}: sources[1] folder must be text.`]);
		expect(problemsOf('sources:\n  - folder: "  "')).toEqual([`${PATH}: sources[1] folder must be text.`]);
	});

	it("an entry of an unknown kind, with two kinds, with none, or of the wrong shape", () => {
		expect(problemsOf("sources:\n  - path: Meetings")).toEqual([`${PATH}: sources[1] "path" is not a kind of source; use folder, tag, search, note, table, linked or mcp.`]);
		expect(problemsOf("sources:\n  - folder: Meetings\n    tag: acme")).toEqual([`${PATH}: sources[1] must name exactly one of folder, tag, search, note, table, linked, mcp (found folder, tag).`]);
		expect(problemsOf("sources:\n  - changed: 7d")).toEqual([`${PATH}: sources[1] must name exactly one of folder, tag, search, note, table, linked, mcp (found none).`]);
		expect(problemsOf("sources:\n  - 42")).toEqual([`${PATH}: sources[1] must be a link, a path, or one of folder:, tag:, search:.`]);
		expect(problemsOf("sources:\n  - [a, b]")).toEqual([`${PATH}: sources[1] must be a link, a path, or one of folder:, tag:, search:.`]);
	});

	it("an mcp: source that is not SERVER/URI", () => {
		const example = "write SERVER/URI, such as calendar/events://today";
		expect(problemsOf('sources:\n  - "[[Project Alpha]]"\n  - mcp: "calendar"')).toEqual([
			`${PATH}: sources[2] names the MCP resource "calendar", which has no "/" between the server and the URI; ${example}.`,
		]);
		expect(problemsOf('sources:\n  - mcp: "/events://today"')).toEqual([`${PATH}: sources[1] names the MCP resource "/events://today", which has no server name before the "/"; ${example}.`]);
		expect(problemsOf('sources:\n  - mcp: "calendar/"')).toEqual([`${PATH}: sources[1] names the MCP resource "calendar/", which has no resource URI after the "/"; ${example}.`]);
		expect(problemsOf('sources:\n  - mcp: "my calendar/events://today"')).toEqual([
			`${PATH}: sources[1] names the MCP resource "my calendar/events://today", which has the server name "my calendar", but a server name holds only letters, digits, - and _ (at most 32); ${example}.`,
		]);
		expect(problemsOf("sources:\n  - mcp: 3")).toEqual([`${PATH}: sources[1] mcp must be text.`]);
	});

	it("a changed that is neither since-last-run nor a duration", () => {
		for (const changed of ["weekly", "0d", "7 days", "-1d", "true"]) {
			expect(problemsOf(`sources:\n  - folder: Meetings\n    changed: ${changed}`), changed).toEqual([
				`${PATH}: sources[1] changed is ${JSON.stringify(changed === "true" ? true : changed)}; use since-last-run or a duration such as 7d, 12h or 2w.`,
			]);
		}
	});

	it("a limit that is not a whole number from 1 to 50", () => {
		for (const limit of ["0", "51", "2.5", "ten", "null"]) {
			expect(problemsOf(`sources:\n  - search: risk\n    limit: ${limit}`), limit).toEqual([`${PATH}: sources[1] limit must be a whole number from 1 to 50.`]);
		}
		expect(valid("sources:\n  - search: risk\n    limit: 50").sources[0]?.spec).toEqual({ kind: "search", query: "risk", limit: 50 });
	});

	// Regression test (a bug found and fixed while issue 4 was built): `linked:` naming a CSV file (or anything not a note) drops the source without a problem, so the
	// workflow is valid and silently reads nothing from it.
	it("a linked: source that names a CSV file is a problem, not silently dropped", () => {
		const result = read('sources:\n  - linked: "[[Q3 figures.csv]]"');
		expect(result.problems.map((p) => p.field)).toEqual(["sources[1]"]);
	});

	it("an empty body is a problem, also when only a Lessons section is there", () => {
		expect(problemsOf("", "")).toEqual([`${PATH}: body is empty; write the instruction (what to produce, for whom) below the properties.`]);
		expect(problemsOf("", "   \n\n")).toHaveLength(1);
		expect(problemsOf("", "## Lessons\n- Be brief.")).toEqual([`${PATH}: body is empty; write the instruction (what to produce, for whom) below the properties.`]);
	});

	it("bad YAML frontmatter is a problem, not a crash", () => {
		const result = parseWorkflow(PATH, "---\ncoworker: workflow\nsources: [\n---\nDo it.\n", VAULT, DEFAULTS);
		expect(result.workflow).toBeNull();
		expect(result.problems).toHaveLength(1);
		expect(result.problems[0]).toMatchObject({ path: PATH, field: "frontmatter" });
		expect(result.problems[0]?.message).toMatch(/^Workflows\/Weekly status\.md: the frontmatter is not valid YAML/);
	});

	it("gives each problem its path and field, collects them all, and then has no workflow", () => {
		const result = read('format: poem\ncatch_up: never\nschedule: nonsense\noutput: ""\nsources:\n  - "[[Nowhere]]"\n  - folder: Nope', "");
		expect(result.workflow).toBeNull();
		expect(result.problems.map((p) => p.field)).toEqual(["schedule", "format", "output", "catch_up", "sources[1]", "sources[2]", "body"]);
		for (const problem of result.problems) {
			expect(problem.path).toBe(PATH);
			expect(problem.message.startsWith(`${PATH}: ${problem.field} `)).toBe(true);
		}
	});
});

describe("the ## Lessons section", () => {
	it("is split from the instruction when it is the last section", () => {
		const workflow = valid("", "Write the update.\n\n## Lessons\n- Decisions first.\n- Name owners.");
		expect(workflow.instruction).toBe("Write the update.");
		expect(workflow.lessons).toBe("- Decisions first.\n- Name owners.");
	});

	it("ends at the next heading of level 1 or 2; what follows stays in the instruction", () => {
		const workflow = valid("", "Intro.\n\n## Lessons\n- Decisions first.\n### Detail\n- kept in lessons\n\n## Format\nUse tables.\n# Appendix\nMore.");
		expect(workflow.lessons).toBe("- Decisions first.\n### Detail\n- kept in lessons");
		expect(workflow.instruction).toBe("Intro.\n\n## Format\nUse tables.\n# Appendix\nMore.");
	});

	it("is found in any case, and its absence leaves lessons empty", () => {
		expect(valid("", "Do it.\n##   lessons  \n- x").lessons).toBe("- x");
		expect(valid("", "Do it.\n### Lessons\n- x")).toMatchObject({ lessons: "", instruction: "Do it.\n### Lessons\n- x" });
	});

	it("bodyParts strips the frontmatter and copes with CRLF line ends", () => {
		expect(bodyParts("---\na: 1\n---\r\nDo it.\r\n## Lessons\r\n- x\r\n")).toEqual({ instruction: "Do it.", lessons: "- x\n" });
		expect(bodyParts("No frontmatter.")).toEqual({ instruction: "No frontmatter.", lessons: "" });
	});
});

describe("changedFilterOf", () => {
	it("reads since-last-run and durations in minutes, hours, days and weeks", () => {
		expect(changedFilterOf("since-last-run")).toEqual({ kind: "since-last-run" });
		expect(changedFilterOf(" Since Last Run ")).toEqual({ kind: "since-last-run" });
		expect(changedFilterOf("30m")).toEqual({ kind: "within", ms: 30 * 60_000, text: "30m" });
		expect(changedFilterOf("12h")).toEqual({ kind: "within", ms: 12 * 3_600_000, text: "12h" });
		expect(changedFilterOf("7d")).toEqual({ kind: "within", ms: 7 * 86_400_000, text: "7d" });
		expect(changedFilterOf("2 W")).toEqual({ kind: "within", ms: 2 * 604_800_000, text: "2 w" });
	});

	it("refuses anything else", () => {
		for (const value of ["0d", "7", "d", "7y", "1.5d", "", "last run"]) expect(changedFilterOf(value), value).toBeNull();
		expect(changedFilterOf(7)).toBeNull();
		expect(changedFilterOf(null)).toBeNull();
		expect(changedFilterOf(["7d"])).toBeNull();
	});
});

describe("isWorkflowNote", () => {
	it("is true for coworker: workflow in any case or spacing, and false otherwise", () => {
		expect(isWorkflowNote({ coworker: "workflow" })).toBe(true);
		expect(isWorkflowNote({ coworker: " Workflow " })).toBe(true);
		expect(isWorkflowNote({ coworker: "deliverable" })).toBe(false);
		expect(isWorkflowNote({ coworker: "private" })).toBe(false);
		expect(isWorkflowNote({ coworker: ["workflow"] })).toBe(false);
		expect(isWorkflowNote({ coworker: null })).toBe(false);
		expect(isWorkflowNote({ type: "workflow" })).toBe(false);
		expect(isWorkflowNote({})).toBe(false);
	});
});
