/** WorkflowScheduler over fake ports: each due occurrence runs once, whatever else is running. */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { WorkflowScheduler, type SchedulerPorts } from "../../../src/core/workflow/workflow-scheduler";
import { WorkflowLedger } from "../../../src/core/workflow/workflow-ledger";
import { OccurrenceClaims, claimKey } from "../../../src/core/workflow/occurrence-claims";
import { Schedule } from "../../../src/core/workflow/schedule";
import { latestGivenUp } from "../../../src/core/workflow/given-up";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";
import { NO_USAGE } from "../../../src/core/model/chat-model";
import type { RunResult, TaskRequest } from "../../../src/core/run/run-task";
import type { CatchUpPolicy, Workflow, WorkflowRead } from "../../../src/core/workflow/workflow";

const t = (iso: string): number => Date.parse(iso);
const MINUTE = 60_000;
const PATH = "Workflows/Weekly status.md";
const FIRST = "2026-11-02T09:00:00+01:00";
const SECOND = "2026-11-09T09:00:00+01:00";

function workflow(path = PATH, schedule: string | null = "DTSTART;TZID=Europe/Berlin:20261102T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO", catchUp: CatchUpPolicy = "latest"): Workflow {
	const read = schedule === null ? null : Schedule.parse(schedule, "UTC");
	if (read && !read.ok) throw new Error(read.error);
	return {
		path,
		name: path.replace(/^.*\/|\.md$/g, ""),
		scheduleText: schedule,
		schedule: read?.ok ? read.schedule : null,
		format: "report",
		output: "Reports/{{workflow}} {{date}}",
		sources: [{ spec: { kind: "folder", path: "Meetings" }, changed: { kind: "since-last-run" } }],
		catchUp,
		instruction: "Write the status.",
		lessons: "",
		agentMode: false,
		tools: [],
	};
}

/** A RunResult as the pipeline returns it. */
function result(request: TaskRequest, status: RunResult["status"], deliverable: string | null, error: string | null = null): RunResult {
	return {
		status,
		deliverable,
		files: deliverable ? [deliverable] : [],
		sources: ["Meetings/Sync.md"],
		unresolvedLinks: ["Nowhere"],
		usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
		model: "test-model",
		error,
		warnings: ["Meetings/Draft.md was left out: it is private."],
		toolCalls: [],
		truncated: false,
		record: {
			id: "run",
			trigger: "workflow",
			startedAt: "",
			finishedAt: "",
			status,
			goal: request.goal,
			format: request.format,
			workflow: request.workflow ? { path: request.workflow.path, occurrence: request.workflow.occurrence } : null,
			deliverable,
			files: deliverable ? [deliverable] : [],
			sources: [],
			unresolvedLinks: [],
			model: "test-model",
			usage: NO_USAGE,
			requests: 1,
			toolCalls: [],
			externalToolCalls: [],
			warnings: [],
			error,
		},
	};
}

interface Harness {
	scheduler: WorkflowScheduler;
	ports: SchedulerPorts;
	ledger: WorkflowLedger;
	claimStore: InMemoryKeyValueStore;
	requests: TaskRequest[];
	/** What the next runs return: "ok" writes a deliverable named after the occurrence. */
	outcomes: ("ok" | "failed" | "cancelled")[];
	reads: WorkflowRead[];
	deliverables: Map<string, string>;
	files: Set<string>;
	setNow(iso: string): void;
	claimsFor(runner: string): OccurrenceClaims;
}

let clock: number;

function harness(reads: WorkflowRead[]): Harness {
	const ledger = new WorkflowLedger(new InMemoryKeyValueStore());
	const claimStore = new InMemoryKeyValueStore();
	// Renewal is stepped by the injected clock's tests, never by a real interval.
	const claimsFor = (runner: string): OccurrenceClaims =>
		new OccurrenceClaims(claimStore, { runner, now: () => clock, sleep: () => Promise.resolve(), settleMs: 0, every: () => () => undefined });
	const requests: TaskRequest[] = [];
	const outcomes: ("ok" | "failed" | "cancelled")[] = [];
	const deliverables = new Map<string, string>();
	const files = new Set<string>();
	const ports: SchedulerPorts = {
		listWorkflows: () => Promise.resolve(reads),
		ledger,
		claims: claimsFor("plugin"),
		findDeliverable: (w, occurrence) => Promise.resolve(deliverables.get(`${w.path} ${occurrence}`) ?? null),
		exists: (path) => Promise.resolve(files.has(path)),
		run: async (request) => {
			requests.push(request);
			await Promise.resolve();
			const outcome = outcomes.shift() ?? "ok";
			if (outcome === "failed") return result(request, "failed", null, "The model server said 500.");
			if (outcome === "cancelled") return result(request, "cancelled", null, "The task was cancelled.");
			const path = `Reports/${request.title ?? ""} ${request.workflow?.occurrence.slice(0, 10) ?? ""}.md`;
			files.add(path);
			return result(request, "ok", path);
		},
		now: () => clock,
		localZone: "America/New_York",
	};
	return {
		scheduler: new WorkflowScheduler(ports),
		ports,
		ledger,
		claimStore,
		requests,
		outcomes,
		reads,
		deliverables,
		files,
		setNow: (iso) => {
			clock = t(iso);
		},
		claimsFor,
	};
}

const valid = (w: Workflow): WorkflowRead => ({ path: w.path, workflow: w, problems: [] });

beforeEach(() => {
	clock = t("2026-11-01T12:00:00Z");
});

describe("WorkflowScheduler.runDue", () => {
	it("runs nothing at first sight, then each occurrence once as it comes due", async () => {
		const h = harness([valid(workflow())]);
		expect(await h.scheduler.runDue()).toEqual([]);
		h.setNow("2026-11-02T07:59:00Z");
		expect(await h.scheduler.runDue()).toEqual([]);
		h.setNow("2026-11-02T08:01:00Z");
		const reports = await h.scheduler.runDue();
		expect(reports).toEqual([
			{
				workflow: PATH,
				occurrence: FIRST,
				status: "ok",
				deliverable: "Reports/Weekly status 2026-11-02.md",
				sources: ["Meetings/Sync.md"],
				unresolvedLinks: 1,
				usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
				error: null,
				toolCalls: [],
				warnings: ["Meetings/Draft.md was left out: it is private."],
			},
		]);
		expect(h.requests).toHaveLength(1);
		expect(h.requests[0]).toMatchObject({ trigger: "workflow", title: "Weekly status", workflow: { path: PATH, name: "Weekly status", occurrence: FIRST } });
		// The same tick again, and a later one in the same week: nothing more.
		expect(await h.scheduler.runDue()).toEqual([]);
		h.setNow("2026-11-05T00:00:00Z");
		expect(await h.scheduler.runDue()).toEqual([]);
		expect(h.requests).toHaveLength(1);

		const entry = await h.ledger.entry(PATH);
		expect(entry?.occurrences[FIRST]).toMatchObject({ status: "ok", attempts: 1, deliverable: "Reports/Weekly status 2026-11-02.md", error: null });
		expect(entry?.lastSuccess).toEqual({ occurrence: FIRST, at: t("2026-11-02T08:01:00Z"), deliverable: "Reports/Weekly status 2026-11-02.md" });
		expect(entry?.checkedUntil).toBe(t("2026-11-05T00:00:00Z"));
	});

	it("ticking every hour for a month runs each Monday once", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		const occurrences: string[] = [];
		for (let at = t("2026-11-01T12:00:00Z"); at <= t("2026-11-30T12:00:00Z"); at += 60 * MINUTE) {
			clock = at;
			occurrences.push(...(await h.scheduler.runDue()).map((report) => report.occurrence));
		}
		expect(occurrences).toEqual([FIRST, SECOND, "2026-11-16T09:00:00+01:00", "2026-11-23T09:00:00+01:00", "2026-11-30T09:00:00+01:00"]);
	});

	it("offers the previous deliverable while it exists, and filters from the previous occurrence (older than the last success)", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		h.setNow("2026-11-02T08:01:00Z");
		await h.scheduler.runDue();
		expect(h.requests[0]?.sources).toEqual([{ kind: "folder", path: "Meetings" }]);
		h.setNow("2026-11-09T08:01:00Z");
		await h.scheduler.runDue();
		expect(h.requests[1]?.sources).toEqual([
			{ kind: "folder", path: "Meetings", changedSince: t("2026-11-02T08:00:00Z") },
			{ kind: "note", path: "Reports/Weekly status 2026-11-02.md", role: "previous" },
		]);
		h.files.clear();
		h.setNow("2026-11-16T08:01:00Z");
		await h.scheduler.runDue();
		expect(h.requests[2]?.sources).toEqual([{ kind: "folder", path: "Meetings", changedSince: t("2026-11-09T08:00:00Z") }]);
	});

	it("skips an occurrence whose deliverable is already in the vault, records it as done, and claims nothing", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		h.deliverables.set(`${PATH} ${FIRST}`, "Reports/Written elsewhere.md");
		h.setNow("2026-11-02T08:01:00Z");
		const reports = await h.scheduler.runDue();
		expect(reports).toEqual([
			{ workflow: PATH, occurrence: FIRST, status: "skipped", deliverable: "Reports/Written elsewhere.md", sources: [], unresolvedLinks: 0, usage: NO_USAGE, error: null, reason: "already done: Reports/Written elsewhere.md" },
		]);
		expect(h.requests).toEqual([]);
		expect(await h.claimStore.list()).toEqual([]);
		const entry = await h.ledger.entry(PATH);
		expect(entry?.occurrences[FIRST]).toMatchObject({ status: "ok", attempts: 0, deliverable: "Reports/Written elsewhere.md" });
		expect(entry?.lastSuccess?.deliverable).toBe("Reports/Written elsewhere.md");
	});

	it("skips an occurrence another runner has claimed", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		h.setNow("2026-11-02T08:00:30Z");
		expect(await h.claimsFor("cli 99").claim(PATH, FIRST)).toBe(true);
		h.setNow("2026-11-02T08:01:00Z");
		expect(await h.scheduler.runDue()).toMatchObject([{ occurrence: FIRST, status: "skipped", deliverable: null, reason: "another runner has claimed this occurrence" }]);
		expect(h.requests).toEqual([]);
		// While the other runner holds it, later ticks never run it here either.
		h.setNow("2026-11-02T08:02:00Z");
		expect((await h.scheduler.runDue()).filter((report) => report.status !== "skipped")).toEqual([]);
		// The other runner finishes: its deliverable is in the vault, and this runner never ran the occurrence.
		h.deliverables.set(`${PATH} ${FIRST}`, "Reports/From the CLI.md");
		h.setNow("2026-11-02T08:03:00Z");
		expect((await h.scheduler.runDue()).filter((report) => report.status !== "skipped")).toEqual([]);
		h.setNow("2026-11-02T08:04:00Z");
		expect(await h.scheduler.runDue()).toEqual([]);
		expect(h.requests).toEqual([]);
	});

	it("skips when the deliverable appears between its vault check and its claim", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		const claim = h.ports.claims.claim.bind(h.ports.claims);
		vi.spyOn(h.ports.claims, "claim").mockImplementation(async (path, occurrence) => {
			const won = await claim(path, occurrence);
			h.deliverables.set(`${path} ${occurrence}`, "Reports/Just finished.md");
			return won;
		});
		h.setNow("2026-11-02T08:01:00Z");
		expect(await h.scheduler.runDue()).toMatchObject([{ status: "skipped", deliverable: "Reports/Just finished.md", reason: "already done: Reports/Just finished.md" }]);
		expect(h.requests).toEqual([]);
	});

	it("releases the claim of a failed run, so another runner can retry it once the backoff is over", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		h.outcomes.push("failed", "failed");
		h.setNow("2026-11-02T08:01:00Z");
		expect(await h.scheduler.runDue()).toMatchObject([{ occurrence: FIRST, status: "failed", deliverable: null, error: "The model server said 500." }]);
		expect(await h.claimStore.list()).toEqual([]);
		expect((await h.ledger.entry(PATH))?.occurrences[FIRST]).toMatchObject({ status: "failed", attempts: 1, error: "The model server said 500.", nextTryAt: t("2026-11-02T08:02:00Z") });

		h.setNow("2026-11-02T08:01:30Z");
		expect(await h.scheduler.runDue()).toEqual([]);
		h.setNow("2026-11-02T08:02:00Z");
		expect(await h.scheduler.runDue()).toMatchObject([{ occurrence: FIRST, status: "failed" }]);
		expect((await h.ledger.entry(PATH))?.occurrences[FIRST]).toMatchObject({ status: "failed", attempts: 2, nextTryAt: t("2026-11-02T08:07:00Z") });
		h.setNow("2026-11-02T08:06:00Z");
		expect(await h.scheduler.runDue()).toEqual([]);

		// Another runner (the command line) on the same vault takes the retry.
		const other = new WorkflowScheduler({ ...h.ports, claims: h.claimsFor("cli 42") });
		h.setNow("2026-11-02T08:07:00Z");
		expect(await other.runDue()).toMatchObject([{ occurrence: FIRST, status: "ok" }]);
		expect((await h.ledger.entry(PATH))?.occurrences[FIRST]).toMatchObject({ status: "ok", attempts: 3, nextTryAt: null });
		expect(h.requests).toHaveLength(3);
	});

	it("a ten-minute outage under a runner every five minutes still produces the week's report", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		h.outcomes.push("failed", "failed", "failed");
		const ticks: string[] = [];
		for (let at = t("2026-11-02T08:00:00Z"); at <= t("2026-11-02T09:00:00Z"); at += 5 * MINUTE) {
			clock = at;
			for (const report of await h.scheduler.runDue()) ticks.push(`${new Date(at).toISOString().slice(11, 16)} ${report.status}`);
		}
		// Down at 08:00, 08:05 and 08:10; the next try after the third failure is 15 minutes later.
		expect(ticks).toEqual(["08:00 failed", "08:05 failed", "08:10 failed", "08:25 ok"]);
		expect(h.files).toEqual(new Set(["Reports/Weekly status 2026-11-02.md"]));
		expect((await h.ledger.entry(PATH))?.occurrences[FIRST]).toMatchObject({ status: "ok", attempts: 4 });
	});

	it("gives a failed occurrence up when the next one comes, says so in one sentence, and runs the next one", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		h.setNow("2026-11-02T08:01:00Z");
		let attempts = 0;
		for (let at = t("2026-11-02T08:01:00Z"); at < t("2026-11-09T08:00:00Z"); at += 60 * MINUTE) {
			clock = at;
			h.outcomes.push("failed");
			attempts += (await h.scheduler.runDue()).length;
			h.outcomes.length = 0;
		}
		expect(attempts).toBeGreaterThan(100);
		h.setNow("2026-11-09T08:01:00Z");
		const reports = await h.scheduler.runDue();
		const sentence = `The run for Mon 2026-11-02 09:00 was given up after ${attempts} attempts, as the next occurrence came: The model server said 500.`;
		expect(reports).toMatchObject([
			{ occurrence: FIRST, status: "failed", givenUp: true, error: sentence },
			{ occurrence: SECOND, status: "ok" },
		]);
		const entry = await h.ledger.entry(PATH);
		expect(entry?.occurrences[FIRST]).toMatchObject({ status: "failed", givenUp: true, nextTryAt: null, attempts, error: sentence });
		expect(latestGivenUp(entry ?? null)).toEqual({ occurrence: FIRST, sentence });
		h.setNow("2026-11-09T10:00:00Z");
		expect(await h.scheduler.runDue()).toEqual([]);
	});

	it("a five-minute schedule: each failed occurrence is given up when the next comes, and the first one after the outage is written", async () => {
		const h = harness([valid(workflow(PATH, "DTSTART;TZID=UTC:20261102T080000\nRRULE:FREQ=MINUTELY;INTERVAL=5"))]);
		clock = t("2026-11-02T07:59:00Z");
		await h.scheduler.runDue();
		h.outcomes.push("failed", "failed", "failed");
		const lines: string[] = [];
		for (let at = t("2026-11-02T08:00:00Z"); at <= t("2026-11-02T08:15:00Z"); at += 5 * MINUTE) {
			clock = at;
			for (const report of await h.scheduler.runDue()) lines.push(`${report.occurrence.slice(11, 16)} ${report.status}${report.givenUp ? " given up" : ""}`);
		}
		expect(lines).toEqual(["08:00 failed", "08:00 failed given up", "08:05 failed", "08:05 failed given up", "08:10 failed", "08:10 failed given up", "08:15 ok"]);
		expect(h.files).toEqual(new Set(["Reports/Weekly status 2026-11-02.md"]));
		expect(h.requests.at(-1)?.workflow?.occurrence).toBe("2026-11-02T08:15:00+00:00");
	});

	it("does not retry an occurrence the user cancelled, and keeps it claimed", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		h.outcomes.push("cancelled");
		h.setNow("2026-11-02T08:01:00Z");
		expect(await h.scheduler.runDue()).toMatchObject([{ occurrence: FIRST, status: "skipped", reason: "cancelled" }]);
		expect((await h.ledger.entry(PATH))?.occurrences[FIRST]).toMatchObject({ status: "skipped", attempts: 1 });
		h.setNow("2026-11-02T08:02:00Z");
		expect(await h.scheduler.runDue()).toEqual([]);
		expect(h.requests).toHaveLength(1);
		expect(await h.claimStore.list()).toEqual([claimKey(PATH, FIRST)]);
	});

	it("a retry that succeeds keeps its claim and records the success", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		h.outcomes.push("failed");
		h.setNow("2026-11-02T08:01:00Z");
		await h.scheduler.runDue();
		h.setNow("2026-11-02T08:02:00Z");
		expect(await h.scheduler.runDue()).toMatchObject([{ occurrence: FIRST, status: "ok" }]);
		expect(await h.claimStore.list()).toEqual([claimKey(PATH, FIRST)]);
		expect((await h.ledger.entry(PATH))?.occurrences[FIRST]).toMatchObject({ status: "ok", attempts: 2 });
		h.setNow("2026-11-02T08:03:00Z");
		expect(await h.scheduler.runDue()).toEqual([]);
	});

	it("a runner that died mid-run: the occurrence is run again by the next runner within minutes, once the dead one's claim is stale", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		h.setNow("2026-11-02T08:01:00Z");
		// The first runner starts the run and never comes back (the app was killed); a run starts only under its claim.
		let started: () => void = () => undefined;
		const runStarted = new Promise<void>((resolve) => (started = resolve));
		h.ports.run = () => {
			started();
			return new Promise<RunResult>(() => undefined);
		};
		void h.scheduler.runDue();
		await runStarted;
		expect(await h.claimStore.list()).toEqual([claimKey(PATH, FIRST)]);

		// A new runner on the same ledger and claims: the occurrence is not forgotten.
		const requests: TaskRequest[] = [];
		const next = new WorkflowScheduler({
			...h.ports,
			claims: h.claimsFor("restarted"),
			run: (request) => {
				requests.push(request);
				return Promise.resolve(result(request, "ok", "Reports/Recovered.md"));
			},
		});
		h.setNow("2026-11-02T08:09:00Z");
		expect((await next.runDue()).filter((report) => report.status !== "skipped")).toEqual([]);
		h.setNow("2026-11-02T08:12:00Z");
		expect(await next.runDue()).toMatchObject([{ occurrence: FIRST, status: "ok", deliverable: "Reports/Recovered.md" }]);
		expect(requests).toHaveLength(1);
		expect((await h.ledger.entry(PATH))?.occurrences[FIRST]).toMatchObject({ status: "ok" });
	});

	it("skips invalid workflows and workflows without a schedule, and still runs the valid ones", async () => {
		const good = workflow("Workflows/Good.md");
		const h = harness([
			{ path: "Workflows/Broken.md", workflow: null, problems: [{ path: "Workflows/Broken.md", field: "format", message: "Workflows/Broken.md: format is \"poem\"." }] },
			valid(workflow("Workflows/By hand.md", null)),
			valid(good),
		]);
		await h.scheduler.runDue();
		h.setNow("2026-11-02T08:01:00Z");
		expect((await h.scheduler.runDue()).map((report) => report.workflow)).toEqual(["Workflows/Good.md"]);
		expect(Object.keys(await h.ledger.all())).toEqual(["Workflows/Good.md"]);
	});

	it("records occurrences left out by the catch-up policy as skipped", async () => {
		const h = harness([valid(workflow(PATH, "DTSTART;TZID=Europe/Berlin:20261102T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO", "latest"))]);
		await h.scheduler.runDue();
		h.setNow("2026-11-18T10:00:00Z");
		expect((await h.scheduler.runDue()).map((report) => report.occurrence)).toEqual(["2026-11-16T09:00:00+01:00"]);
		const occurrences = (await h.ledger.entry(PATH))?.occurrences ?? {};
		expect(occurrences[FIRST]).toMatchObject({ status: "skipped", attempts: 0, error: "missed while no runner was on (catch-up policy)" });
		expect(occurrences[SECOND]).toMatchObject({ status: "skipped" });
	});

	it("runs catch_up: all oldest first, one after the other", async () => {
		const h = harness([valid(workflow(PATH, "DTSTART;TZID=Europe/Berlin:20261102T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO", "all"))]);
		await h.scheduler.runDue();
		h.setNow("2026-11-18T10:00:00Z");
		expect((await h.scheduler.runDue()).map((report) => `${report.occurrence} ${report.status}`)).toEqual([`${FIRST} ok`, `${SECOND} ok`, "2026-11-16T09:00:00+01:00 ok"]);
	});

	it("honours the due options it is given", async () => {
		const h = harness([valid(workflow())]);
		h.ports.dueOptions = { graceMs: 0, maxCatchUp: 1, retryDelaysMs: [30 * MINUTE] };
		await h.scheduler.runDue();
		h.outcomes.push("failed");
		h.setNow("2026-11-02T08:01:00Z");
		expect(await h.scheduler.runDue()).toMatchObject([{ status: "failed" }]);
		h.setNow("2026-11-02T08:02:00Z");
		expect(await h.scheduler.runDue()).toEqual([]);
		h.setNow("2026-11-02T08:31:00Z");
		expect(await h.scheduler.runDue()).toMatchObject([{ status: "ok" }]);
	});

	it("serialises calls: two runDue at once run the occurrence once, and never two runs together", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		h.setNow("2026-11-02T08:01:00Z");
		let running = 0;
		let most = 0;
		const run = h.ports.run.bind(h.ports);
		h.ports.run = async (request) => {
			running++;
			most = Math.max(most, running);
			await new Promise((resolve) => setTimeout(resolve, 5));
			const done = await run(request);
			running--;
			return done;
		};
		const [a, b] = await Promise.all([h.scheduler.runDue(), h.scheduler.runDue()]);
		expect([...a, ...b].map((report) => report.status)).toEqual(["ok"]);
		expect(h.requests).toHaveLength(1);
		expect(most).toBe(1);
	});

	it("a run by hand waits for a tick in progress", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		h.setNow("2026-11-02T08:01:00Z");
		const order: string[] = [];
		const run = h.ports.run.bind(h.ports);
		h.ports.run = async (request) => {
			order.push(`start ${request.workflow?.occurrence ?? ""}`);
			await new Promise((resolve) => setTimeout(resolve, 5));
			order.push(`end ${request.workflow?.occurrence ?? ""}`);
			return run(request);
		};
		await Promise.all([h.scheduler.runDue(), h.scheduler.runNow(workflow())]);
		expect(order).toEqual([`start ${FIRST}`, `end ${FIRST}`, "start 2026-11-02T09:01:00+01:00", "end 2026-11-02T09:01:00+01:00"]);
	});

	it("keeps working after a call that threw", async () => {
		const h = harness([valid(workflow())]);
		const list = h.ports.listWorkflows.bind(h.ports);
		h.ports.listWorkflows = () => Promise.reject(new Error("index not ready"));
		await expect(h.scheduler.runDue()).rejects.toThrow("index not ready");
		h.ports.listWorkflows = list;
		expect(await h.scheduler.runDue()).toEqual([]);
	});
});

describe("WorkflowScheduler.runNow", () => {
	it("runs by hand under a `manual …` key in the schedule's zone, without checking the vault or claiming", async () => {
		const h = harness([valid(workflow())]);
		const claim = vi.spyOn(h.ports.claims, "claim");
		const find = vi.spyOn(h.ports, "findDeliverable");
		h.setNow("2026-11-20T13:02:11Z");
		const report = await h.scheduler.runNow(workflow());
		expect(report).toMatchObject({ workflow: PATH, occurrence: "2026-11-20T14:02:11+01:00", status: "ok", deliverable: "Reports/Weekly status 2026-11-20.md" });
		expect(claim).not.toHaveBeenCalled();
		expect(find).not.toHaveBeenCalled();
		expect(await h.claimStore.list()).toEqual([]);
		const entry = await h.ledger.entry(PATH);
		expect(Object.keys(entry?.occurrences ?? {})).toEqual(["manual 2026-11-20T14:02:11+01:00"]);
		expect(entry?.occurrences["manual 2026-11-20T14:02:11+01:00"]).toMatchObject({ status: "ok", attempts: 1 });
		expect(entry?.lastSuccess).toEqual({ occurrence: "manual 2026-11-20T14:02:11+01:00", at: t("2026-11-20T13:02:11Z"), deliverable: "Reports/Weekly status 2026-11-20.md" });
		expect(h.requests[0]?.workflow?.occurrence).toBe("2026-11-20T14:02:11+01:00");
	});

	it("uses the user's zone for a workflow without a schedule, and runs again each time it is asked", async () => {
		const h = harness([]);
		h.setNow("2026-11-20T13:02:11Z");
		expect((await h.scheduler.runNow(workflow(PATH, null))).occurrence).toBe("2026-11-20T08:02:11-05:00");
		h.setNow("2026-11-20T13:05:00Z");
		expect((await h.scheduler.runNow(workflow(PATH, null))).status).toBe("ok");
		expect(h.requests).toHaveLength(2);
	});

	it("a failed run by hand is recorded but never retried by the schedule", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		h.outcomes.push("failed");
		h.setNow("2026-11-01T13:00:00Z");
		expect(await h.scheduler.runNow(workflow())).toMatchObject({ status: "failed", occurrence: "2026-11-01T14:00:00+01:00" });
		expect((await h.ledger.entry(PATH))?.occurrences["manual 2026-11-01T14:00:00+01:00"]).toMatchObject({ status: "failed", attempts: 1 });
		h.setNow("2026-11-01T13:05:00Z");
		expect(await h.scheduler.runDue()).toEqual([]);
		expect(h.requests).toHaveLength(1);
	});

	it("does not stop the scheduled occurrence of the same time from running", async () => {
		const h = harness([valid(workflow())]);
		await h.scheduler.runDue();
		h.setNow("2026-11-02T08:00:00Z");
		await h.scheduler.runNow(workflow());
		h.setNow("2026-11-02T08:01:00Z");
		expect(await h.scheduler.runDue()).toMatchObject([{ occurrence: FIRST, status: "ok" }]);
		expect(h.requests.map((request) => request.workflow?.occurrence)).toEqual([FIRST, FIRST]);
	});
});
