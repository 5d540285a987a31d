/** What the panel shows from the run log and the ledger: recent runs with cost, denied tools, coming up and failing workflows. */
import { describe, expect, it } from "vitest";
import type { RunRecord } from "../../../src/core/ledger/run-record";
import { recentRunRows } from "../../../src/core/panel/recent-runs";
import { deniedTools } from "../../../src/core/panel/denied-tools";
import { comingUp } from "../../../src/core/panel/coming-up";
import { TaskActivity } from "../../../src/core/panel/task-activity";
import { Schedule } from "../../../src/core/workflow/schedule";
import type { WorkflowRead } from "../../../src/core/workflow/workflow";

function record(overrides: Partial<RunRecord>): RunRecord {
	return {
		id: "20261130T090000000Z-abcd",
		trigger: "command",
		startedAt: "2026-11-30T09:00:00.000Z",
		finishedAt: "2026-11-30T09:03:05.000Z",
		status: "ok",
		goal: "Status of Acme",
		format: "report",
		workflow: null,
		deliverable: "Coworker/Deliverables/Acme.md",
		files: [],
		sources: [],
		unresolvedLinks: [],
		model: "gpt-4.1-mini-2025-04-14",
		usage: { promptTokens: 10_000, completionTokens: 2_000, totalTokens: 12_000 },
		requests: 1,
		toolCalls: [],
		externalToolCalls: [],
		warnings: [],
		error: null,
		...overrides,
	};
}

describe("recent runs", () => {
	it("shows duration, tokens and the cost from the price table; none for a model without a price", () => {
		const prices = { "gpt-4.1-mini": { input: 0.4, output: 1.6 } };
		const [priced, local] = recentRunRows([record({}), record({ model: "llama3.2", status: "failed", error: "The endpoint refused.", deliverable: null })], prices);
		expect(priced).toMatchObject({ title: "Status of Acme", statusText: "Done", duration: "3 min 5 s", tokens: "12,000 tokens", cost: "≈ $0.0072", error: null });
		expect(local).toMatchObject({ statusText: "Failed", cost: "", error: "The endpoint refused.", deliverable: null });
	});
});

describe("denied tools", () => {
	it("names the workflow and tool and how to grant it, from each workflow's latest run only", () => {
		const denied = { server: "calendar", tool: "create_event", arguments: "{}", status: "denied" as const, resultBytes: 0, milliseconds: 0 };
		const workflow = { path: "Workflows/Weekly status.md", occurrence: "2026-11-30T09:00:00+01:00" };
		const found = deniedTools([
			record({ workflow, externalToolCalls: [denied, denied] }),
			record({ workflow, externalToolCalls: [{ ...denied, tool: "older" }] }),
			record({ workflow: { path: "Workflows/Fixed.md", occurrence: "x" }, externalToolCalls: [] }),
			record({ workflow: { path: "Workflows/Fixed.md", occurrence: "y" }, externalToolCalls: [denied] }),
		]);
		expect(found).toHaveLength(1);
		expect(found[0]?.sentence).toBe(
			'Weekly status was refused the tool calendar/create_event: add "calendar/create_event" to the tools property of Workflows/Weekly status.md to grant it (or set it to allow in Show tools).',
		);
	});
});

describe("coming up", () => {
	const schedule = Schedule.parse("FREQ=DAILY;BYHOUR=9;BYMINUTE=0", "UTC");
	if (!schedule.ok) throw new Error(schedule.error);
	const read = (path: string): WorkflowRead => ({ path, workflow: { schedule: schedule.schedule } as never, problems: [] });
	const now = Date.parse("2026-11-30T10:00:00Z");

	it("lists the next runs soonest first, and a failing workflow with its error and next try", () => {
		const result = comingUp({
			reads: [read("Workflows/Daily.md"), { path: "Workflows/Broken.md", workflow: null, problems: [{ path: "Workflows/Broken.md", field: "schedule", message: "Workflows/Broken.md: the schedule is not an RRULE." }] }],
			history: { "Workflows/Daily.md": { since: 0, checkedUntil: 0, lastSuccess: null, occurrences: { "2026-11-30T09:00:00+00:00": { status: "failed", attempts: 1, deliverable: null, error: "The model endpoint could not be reached.", at: now - 1000, nextTryAt: now + 600_000 } } } },
			schedulesPaused: false,
			runsOnThisDevice: true,
			now,
			when: (ms) => new Date(ms).toISOString(),
		});
		expect(result.halted).toBeNull();
		expect(result.next).toEqual([{ path: "Workflows/Daily.md", name: "Daily", at: Date.parse("2026-12-01T09:00:00Z") }]);
		expect(result.failing).toEqual([
			{ path: "Workflows/Daily.md", name: "Daily", reasons: ["Last run failed: The model endpoint could not be reached. Next try: 2026-11-30T10:10:00.000Z."] },
			{ path: "Workflows/Broken.md", name: "Broken", reasons: ["Workflows/Broken.md: the schedule is not an RRULE."] },
		]);
	});

	it("says why nothing starts when schedules are paused", () => {
		const result = comingUp({ reads: [read("Workflows/Daily.md")], history: {}, schedulesPaused: true, runsOnThisDevice: true, now, when: String });
		expect(result.halted).toContain("paused");
	});
});

describe("task activity", () => {
	it("keeps the running task's stage and tokens, and the queue behind it, telling listeners of each change", () => {
		const activity = new TaskActivity();
		let changes = 0;
		activity.onChange(() => changes++);
		activity.start("Weekly status: report", 1000);
		const id = activity.enqueue("Daily: digest");
		activity.stage({ kind: "tool-call", n: 1, name: "cal_list", usage: { promptTokens: 5, completionTokens: 1, totalTokens: 6 } });
		activity.stage({ kind: "gathering" });
		expect(activity.running).toMatchObject({ label: "Weekly status: report", stage: { kind: "gathering" }, usage: { totalTokens: 6 } });
		expect(activity.queue.map((task) => task.label)).toEqual(["Daily: digest"]);
		activity.dequeue(id);
		activity.finish();
		expect(activity.running).toBeNull();
		expect(changes).toBe(6);
	});
});
