/** Runs workflows: the due occurrences at each tick, or one by hand; each scheduled occurrence once, however many runners. */
import type { RunResult } from "../run/run-task";
import type { TokenUsage } from "../model/chat-model";
import { NO_USAGE } from "../model/chat-model";
import { isoWithOffset } from "./time-zones";
import { dueOccurrences, nextTryAfter, DEFAULT_DUE_OPTIONS, type DueOptions } from "./due-occurrences";
import { givenUpSentence } from "./given-up";
import type { Occurrence } from "./schedule";
import type { Workflow, WorkflowRead } from "./workflow";
import type { LedgerEntry, WorkflowLedger } from "./workflow-ledger";
import type { OccurrenceClaims } from "./occurrence-claims";
import { workflowRequest } from "./workflow-request";
import type { TaskRequest } from "../run/task-request";

/** One workflow run as the CLI's `--json` and the workflows view report it. */
export interface WorkflowRunReport {
	workflow: string;
	occurrence: string;
	status: "ok" | "skipped" | "failed";
	deliverable: string | null;
	sources: string[];
	unresolvedLinks: number;
	usage: TokenUsage;
	error: string | null;
	/** The deliverable was written cut off at the model's output limit (marked so in the note). */
	truncated?: boolean;
	/** External tool calls of the run. */
	toolCalls?: { server: string; tool: string; status: string; milliseconds: number }[];
	/** Why a run was skipped (already run here or elsewhere, claimed by another runner, left out by catch-up). */
	reason?: string;
	/** The run's warnings (sources left out, servers that did not start…), for the command line to print. */
	warnings?: string[];
	/** A failed occurrence given up because the next one came; `error` says so in one sentence. */
	givenUp?: boolean;
}

export interface SchedulerPorts {
	/** Every workflow note, valid or not. */
	listWorkflows(): Promise<WorkflowRead[]>;
	ledger: WorkflowLedger;
	claims: OccurrenceClaims;
	/** A deliverable already in the vault for this occurrence, or null. */
	findDeliverable(workflow: Workflow, occurrence: string): Promise<string | null>;
	/** Whether a file exists (the previous deliverable may have been deleted). */
	exists(path: string): Promise<boolean>;
	/** The workflow's newest approved deliverable, preferred over the last draft as the next run's reference. */
	approvedDeliverable?(workflow: Workflow): Promise<string | null>;
	/** Runs the request through the pipeline (`runTask`, or `previewTask` for a dry run). */
	run(request: TaskRequest): Promise<RunResult>;
	now(): number;
	/** The user's zone, for the identity of runs made by hand. */
	localZone: string;
	dueOptions?: DueOptions;
}

export class WorkflowScheduler {
	private queue: Promise<unknown> = Promise.resolve();

	constructor(private readonly ports: SchedulerPorts) {}

	/**
	 * Runs every due occurrence, one at a time; calls wait for the one before, so a slow model never starts a
	 * second run of the same workflow. Invalid workflows are skipped (their problems are shown elsewhere).
	 */
	runDue(): Promise<WorkflowRunReport[]> {
		return this.exclusive(async () => {
			const reports: WorkflowRunReport[] = [];
			for (const read of await this.ports.listWorkflows()) {
				const workflow = read.workflow;
				if (!workflow?.schedule) continue;
				const now = this.ports.now();
				const entry = await this.ports.ledger.entry(workflow.path);
				const plan = dueOccurrences(workflow.schedule, entry, now, workflow.catchUp, this.dueOptions);
				const givenUp: WorkflowRunReport[] = [];
				await this.ports.ledger.update(workflow.path, now, (e) => {
					e.checkedUntil = Math.max(e.checkedUntil, plan.checkedUntil);
					for (const occurrence of plan.givenUp) {
						const before = e.occurrences[occurrence.iso];
						if (!before || before.status !== "failed" || before.givenUp === true) continue;
						const sentence = givenUpSentence(occurrence.iso, before.attempts, before.error);
						e.occurrences[occurrence.iso] = { ...before, givenUp: true, nextTryAt: null, error: sentence, at: now };
						givenUp.push({ ...skipped(workflow, occurrence.iso, "given up", null), status: "failed", error: sentence, givenUp: true });
					}
					for (const occurrence of plan.skipped) {
						e.occurrences[occurrence.iso] ??= { status: "skipped", attempts: 0, deliverable: null, error: "missed while no runner was on (catch-up policy)", at: now };
					}
					// Marked before it runs: if this runner dies mid-run, the next check sees an unfinished occurrence and retries it.
					for (const occurrence of plan.run) {
						e.occurrences[occurrence.iso] ??= { status: "failed", attempts: 0, deliverable: null, error: "started but did not finish", at: now };
					}
				});
				reports.push(...givenUp);
				for (const occurrence of plan.run) reports.push(await this.runOccurrence(workflow, occurrence, entry));
			}
			return reports;
		});
	}

	/** Runs a workflow now, by hand: not an occurrence of its schedule, so nothing is checked or claimed. */
	runNow(workflow: Workflow): Promise<WorkflowRunReport> {
		return this.exclusive(async () => {
			const now = this.ports.now();
			const occurrence = isoWithOffset(now, workflow.schedule?.zone ?? this.ports.localZone);
			const entry = await this.ports.ledger.entry(workflow.path);
			return this.execute(workflow, occurrence, entry, `manual ${occurrence}`);
		});
	}

	private async runOccurrence(workflow: Workflow, occurrence: Occurrence, entry: LedgerEntry | null): Promise<WorkflowRunReport> {
		const existing = await this.ports.findDeliverable(workflow, occurrence.iso);
		if (existing !== null) {
			await this.record(workflow, occurrence.iso, { status: "ok", deliverable: existing, error: null }, false);
			return skipped(workflow, occurrence.iso, `already done: ${existing}`, existing);
		}
		if (!(await this.ports.claims.claim(workflow.path, occurrence.iso))) {
			return skipped(workflow, occurrence.iso, "another runner has claimed this occurrence", null);
		}
		// The claim is ours; a runner that finished between our vault check and our claim left its deliverable behind.
		const late = await this.ports.findDeliverable(workflow, occurrence.iso);
		if (late !== null) return skipped(workflow, occurrence.iso, `already done: ${late}`, late);
		const report = await this.ports.claims.holdWhile(workflow.path, occurrence.iso, () => this.execute(workflow, occurrence.iso, entry, occurrence.iso));
		if (report.status === "failed") await this.ports.claims.release(workflow.path, occurrence.iso);
		return report;
	}

	private async execute(workflow: Workflow, occurrence: string, entry: LedgerEntry | null, ledgerKey: string): Promise<WorkflowRunReport> {
		const approved = (await this.ports.approvedDeliverable?.(workflow)) ?? null;
		const previous = approved ?? entry?.lastSuccess?.deliverable ?? null;
		const previousExists = previous !== null && (await this.ports.exists(previous));
		const request = workflowRequest(workflow, occurrence, entry, this.ports.now(), previousExists ? previous : null);
		const result = await this.ports.run(request);
		// A run the user cancelled is not retried: they stopped this occurrence on purpose.
		const status = result.status === "ok" ? "ok" : result.status === "cancelled" ? "skipped" : "failed";
		await this.record(workflow, ledgerKey, { status, deliverable: result.deliverable, error: result.error }, true);
		return {
			workflow: workflow.path,
			occurrence,
			status,
			...(status === "skipped" ? { reason: "cancelled" } : {}),
			deliverable: result.deliverable,
			sources: result.sources,
			unresolvedLinks: result.unresolvedLinks.length,
			usage: result.usage,
			error: result.error,
			toolCalls: result.toolCalls,
			warnings: result.warnings,
			...(result.truncated ? { truncated: true } : {}),
		};
	}

	private async record(workflow: Workflow, key: string, outcome: { status: "ok" | "failed" | "skipped"; deliverable: string | null; error: string | null }, attempted: boolean): Promise<void> {
		const now = this.ports.now();
		await this.ports.ledger.update(workflow.path, now, (entry) => {
			const attempts = (entry.occurrences[key]?.attempts ?? 0) + (attempted ? 1 : 0);
			// A failed scheduled occurrence is tried again after a pause that grows with its attempts (a run by hand is not).
			const nextTryAt = outcome.status === "failed" && !key.startsWith("manual") ? nextTryAfter(now, attempts, this.dueOptions.retryDelaysMs) : null;
			entry.occurrences[key] = { ...outcome, attempts, at: now, nextTryAt };
			if (outcome.status === "ok" && outcome.deliverable !== null && (!entry.lastSuccess || entry.lastSuccess.at <= now)) {
				entry.lastSuccess = { occurrence: key, at: now, deliverable: outcome.deliverable };
			}
		});
	}

	private get dueOptions(): DueOptions {
		return this.ports.dueOptions ?? DEFAULT_DUE_OPTIONS;
	}

	private exclusive<T>(work: () => Promise<T>): Promise<T> {
		const next = this.queue.then(work, work);
		this.queue = next.catch(() => undefined);
		return next;
	}
}

function skipped(workflow: Workflow, occurrence: string, reason: string, deliverable: string | null): WorkflowRunReport {
	return { workflow: workflow.path, occurrence, status: "skipped", deliverable, sources: [], unresolvedLinks: 0, usage: NO_USAGE, error: null, reason };
}
