/** workflowRequest: a workflow occurrence as the run pipeline's request. */
import { describe, expect, it } from "vitest";
import { workflowRequest } from "../../../src/core/workflow/workflow-request";
import type { Workflow, WorkflowSource } from "../../../src/core/workflow/workflow";
import type { LedgerEntry } from "../../../src/core/workflow/workflow-ledger";
import { Schedule } from "../../../src/core/workflow/schedule";

const NOW = Date.parse("2026-11-23T08:00:00Z");
const LAST_SUCCESS = Date.parse("2026-11-16T08:03:00Z");
const OCCURRENCE = "2026-11-23T09:00:00+01:00";
const DAY = 86_400_000;

function workflow(overrides: Partial<Workflow> = {}): Workflow {
	return {
		path: "Workflows/Weekly status.md",
		name: "Weekly status",
		scheduleText: null,
		schedule: null,
		format: "report",
		output: "Reports/{{workflow}} {{date}}",
		sources: [],
		catchUp: "latest",
		instruction: "Write a one-page status update.",
		lessons: "",
		agentMode: false,
		tools: [],
		...overrides,
	};
}

const withSuccess: LedgerEntry = {
	since: Date.parse("2026-11-01T00:00:00Z"),
	checkedUntil: NOW,
	lastSuccess: { occurrence: "2026-11-16T09:00:00+01:00", at: LAST_SUCCESS, deliverable: "Reports/Weekly status 2026-11-16.md" },
	occurrences: {},
};
const withoutSuccess: LedgerEntry = { ...withSuccess, lastSuccess: null };

const sources = (list: WorkflowSource[]): Workflow => workflow({ sources: list });

describe("workflowRequest", () => {
	it("carries the workflow's fields into the request", () => {
		const request = workflowRequest(workflow({ format: "table", agentMode: true, output: "Tables/{{title}}" }), OCCURRENCE, null, NOW, null);
		expect(request).toEqual({
			goal: "Write a one-page status update.",
			format: "table",
			sources: [],
			useMemory: true,
			agentMode: true,
			trigger: "workflow",
			outputTemplate: "Tables/{{title}}",
			title: "Weekly status",
			workflow: { path: "Workflows/Weekly status.md", name: "Weekly status", occurrence: OCCURRENCE },
			toolGrants: [],
		});
	});

	it("since-last-run keeps notes changed after the last successful run", () => {
		const request = workflowRequest(sources([{ spec: { kind: "folder", path: "Meetings" }, changed: { kind: "since-last-run" } }]), OCCURRENCE, withSuccess, NOW, null);
		expect(request.sources).toEqual([{ kind: "folder", path: "Meetings", changedSince: LAST_SUCCESS }]);
	});

	it("since-last-run keeps every note before the first success, and without a ledger entry", () => {
		const list: WorkflowSource[] = [{ spec: { kind: "tag", tag: "client/acme" }, changed: { kind: "since-last-run" } }];
		expect(workflowRequest(sources(list), OCCURRENCE, withoutSuccess, NOW, null).sources).toEqual([{ kind: "tag", tag: "client/acme" }]);
		expect(workflowRequest(sources(list), OCCURRENCE, null, NOW, null).sources).toEqual([{ kind: "tag", tag: "client/acme" }]);
	});

	it("a duration keeps notes changed within it before now, with or without a past run", () => {
		const list: WorkflowSource[] = [
			{ spec: { kind: "search", query: "renewal risk", limit: 5 }, changed: { kind: "within", ms: 7 * DAY, text: "7d" } },
			{ spec: { kind: "folder", path: "Meetings" }, changed: { kind: "within", ms: 12 * 3_600_000, text: "12h" } },
		];
		const expected = [
			{ kind: "search", query: "renewal risk", limit: 5, changedSince: NOW - 7 * DAY },
			{ kind: "folder", path: "Meetings", changedSince: NOW - 12 * 3_600_000 },
		];
		expect(workflowRequest(sources(list), OCCURRENCE, null, NOW, null).sources).toEqual(expected);
		expect(workflowRequest(sources(list), OCCURRENCE, withSuccess, NOW, null).sources).toEqual(expected);
	});

	it("leaves sources without a filter, and single notes, tables and links, as they are", () => {
		const list: WorkflowSource[] = [
			{ spec: { kind: "folder", path: "Meetings" }, changed: null },
			{ spec: { kind: "note", path: "Projects/Alpha.md" }, changed: { kind: "since-last-run" } },
			{ spec: { kind: "table", path: "Data/Q3.csv" }, changed: { kind: "within", ms: DAY, text: "1d" } },
			{ spec: { kind: "linked", path: "Projects/Alpha.md" }, changed: { kind: "since-last-run" } },
		];
		expect(workflowRequest(sources(list), OCCURRENCE, withSuccess, NOW, null).sources).toEqual(list.map((source) => source.spec));
	});

	it("does not change the workflow's own source specs", () => {
		const spec = { kind: "folder" as const, path: "Meetings" };
		workflowRequest(sources([{ spec, changed: { kind: "since-last-run" } }]), OCCURRENCE, withSuccess, NOW, null);
		expect(spec).toEqual({ kind: "folder", path: "Meetings" });
	});

	it("adds the previous deliverable as a note source labelled previous, once", () => {
		const previous = "Reports/Weekly status 2026-11-16.md";
		const list: WorkflowSource[] = [{ spec: { kind: "note", path: "Projects/Alpha.md" }, changed: null }];
		expect(workflowRequest(sources(list), OCCURRENCE, withSuccess, NOW, previous).sources).toEqual([
			{ kind: "note", path: "Projects/Alpha.md" },
			{ kind: "note", path: previous, role: "previous" },
		]);
		const already: WorkflowSource[] = [{ spec: { kind: "note", path: previous }, changed: null }];
		expect(workflowRequest(sources(already), OCCURRENCE, withSuccess, NOW, previous).sources).toEqual([{ kind: "note", path: previous, role: "previous" }]);
		expect(workflowRequest(sources(list), OCCURRENCE, withSuccess, NOW, null).sources).toEqual([{ kind: "note", path: "Projects/Alpha.md" }]);
	});

	it("appends the lessons to the goal, and leaves the goal alone when there are none", () => {
		const taught = workflowRequest(workflow({ lessons: "\n- Put decisions before open questions.\n- Name an owner.\n\n" }), OCCURRENCE, null, NOW, null);
		expect(taught.goal).toBe(
			"Write a one-page status update.\n\nLessons from earlier reviews of this workflow's deliverables:\n- Put decisions before open questions.\n- Name an owner.",
		);
		expect(workflowRequest(workflow({ lessons: "  \n " }), OCCURRENCE, null, NOW, null).goal).toBe("Write a one-page status update.");
	});

	it("names the occurrence as given, also a run by hand", () => {
		expect(workflowRequest(workflow(), "2026-11-20T14:02:11+01:00", null, NOW, null).workflow).toEqual({
			path: "Workflows/Weekly status.md",
			name: "Weekly status",
			occurrence: "2026-11-20T14:02:11+01:00",
		});
	});

	describe("with a schedule: the period from the previous occurrence to this one", () => {
		const read = Schedule.parse("DTSTART;TZID=Europe/Berlin:20261102T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO", "UTC");
		const scheduled = (list: WorkflowSource[] = []): Workflow => workflow({ schedule: read.ok ? read.schedule : null, sources: list });
		const PREVIOUS = "2026-11-16T09:00:00+01:00";
		/** A tick two days late: the window still ends at the occurrence. */
		const LATE = Date.parse("2026-11-25T10:00:00Z");

		it("names the workflow's zone and the period it covers, for a late run too", () => {
			expect(workflowRequest(scheduled(), OCCURRENCE, null, LATE, null).workflow).toEqual({
				path: "Workflows/Weekly status.md",
				name: "Weekly status",
				occurrence: OCCURRENCE,
				zone: "Europe/Berlin",
				period: { from: PREVIOUS, to: OCCURRENCE },
			});
		});

		it("a run by hand covers from the last occurrence before it", () => {
			expect(workflowRequest(scheduled(), "2026-11-25T14:00:00+01:00", null, LATE, null).workflow?.period).toEqual({ from: OCCURRENCE, to: "2026-11-25T14:00:00+01:00" });
		});

		it("the first occurrence of a schedule has no period", () => {
			expect(workflowRequest(scheduled(), "2026-11-02T09:00:00+01:00", null, LATE, null).workflow?.period).toBeUndefined();
		});

		it("changed: 7d counts back from the occurrence, not from when the run happens", () => {
			const list: WorkflowSource[] = [{ spec: { kind: "folder", path: "Meetings" }, changed: { kind: "within", ms: 7 * DAY, text: "7d" } }];
			expect(workflowRequest(scheduled(list), OCCURRENCE, withSuccess, LATE, null).sources).toEqual([{ kind: "folder", path: "Meetings", changedSince: Date.parse(OCCURRENCE) - 7 * DAY }]);
		});

		it("since-last-run keeps notes changed after the previous occurrence, even when a run by hand succeeded since", () => {
			const list: WorkflowSource[] = [{ spec: { kind: "folder", path: "Meetings" }, changed: { kind: "since-last-run" } }];
			const byHandOnWednesday: LedgerEntry = { ...withSuccess, lastSuccess: { occurrence: "manual 2026-11-18T12:00:00+01:00", at: Date.parse("2026-11-18T11:00:00Z"), deliverable: "Reports/x.md" } };
			expect(workflowRequest(scheduled(list), OCCURRENCE, byHandOnWednesday, LATE, null).sources).toEqual([{ kind: "folder", path: "Meetings", changedSince: Date.parse(PREVIOUS) }]);
		});

		it("since-last-run reaches back to the last success when runs failed since, so nothing falls between two reports", () => {
			const list: WorkflowSource[] = [{ spec: { kind: "folder", path: "Meetings" }, changed: { kind: "since-last-run" } }];
			const threeWeeksAgo: LedgerEntry = { ...withSuccess, lastSuccess: { occurrence: "2026-11-02T09:00:00+01:00", at: Date.parse("2026-11-02T08:04:00Z"), deliverable: "Reports/x.md" } };
			expect(workflowRequest(scheduled(list), OCCURRENCE, threeWeeksAgo, LATE, null).sources).toEqual([{ kind: "folder", path: "Meetings", changedSince: Date.parse("2026-11-02T08:04:00Z") }]);
		});
	});
});
