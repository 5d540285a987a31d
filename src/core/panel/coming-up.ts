/** The panel's "Coming up": the next scheduled runs, and the workflows that need attention and why. */
import type { WorkflowRead } from "../workflow/workflow";
import type { LedgerEntry } from "../workflow/workflow-ledger";
import { latestGivenUp } from "../workflow/given-up";
import { workflowName } from "./recent-runs";

export interface NextRun {
	path: string;
	name: string;
	at: number;
}

export interface WorkflowAttention {
	path: string;
	name: string;
	/** One sentence per reason: the last run's error and its next try, a given-up occurrence, a problem in the note. */
	reasons: string[];
}

export interface ComingUp {
	/** Why no scheduled run will start here, or null when they will. */
	halted: string | null;
	/** Soonest first, at most `limit`. */
	next: NextRun[];
	failing: WorkflowAttention[];
}

export interface ComingUpInput {
	reads: readonly WorkflowRead[];
	history: Readonly<Record<string, LedgerEntry>>;
	schedulesPaused: boolean;
	runsOnThisDevice: boolean;
	now: number;
	/** Formats an instant in the user's zone (kept out so the core does not pick the zone). */
	when: (ms: number) => string;
	limit?: number;
}

export function comingUp(input: ComingUpInput): ComingUp {
	const halted = input.schedulesPaused
		? "All schedules are paused (command: Pause all schedules), so nothing below starts until they resume."
		: input.runsOnThisDevice
			? null
			: "Scheduled workflows do not run on this device (see the settings); another device runs them.";
	const next: NextRun[] = [];
	const failing: WorkflowAttention[] = [];
	for (const read of input.reads) {
		const name = workflowName(read.path);
		const schedule = read.workflow?.schedule;
		for (const occurrence of schedule ? schedule.next(input.now, 1) : []) next.push({ path: read.path, name, at: occurrence.at });
		const reasons = attentionReasons(read, input.history[read.path] ?? null, input.when);
		if (reasons.length > 0) failing.push({ path: read.path, name, reasons });
	}
	next.sort((a, b) => a.at - b.at || a.name.localeCompare(b.name));
	return { halted, next: next.slice(0, input.limit ?? 5), failing };
}

function attentionReasons(read: WorkflowRead, entry: LedgerEntry | null, when: (ms: number) => string): string[] {
	const reasons: string[] = [];
	if (read.workflow === null || read.problems.length > 0) {
		const [first, ...rest] = read.problems;
		if (first) reasons.push(rest.length === 0 ? first.message : `${first.message} (and ${rest.length} more problem${rest.length === 1 ? "" : "s"} in the note)`);
	}
	const last = entry ? Object.entries(entry.occurrences).sort(([, a], [, b]) => b.at - a.at)[0] : undefined;
	if (last && last[1].status === "failed") {
		const [, record] = last;
		const error = (record.error ?? "No reason was recorded.").trim();
		const retry = typeof record.nextTryAt === "number" && record.givenUp !== true ? ` Next try: ${when(record.nextTryAt)}.` : "";
		reasons.push(record.givenUp === true ? error : `Last run failed: ${error}${retry}`);
	}
	const givenUp = latestGivenUp(entry);
	if (givenUp && givenUp.occurrence !== last?.[0]) reasons.push(givenUp.sentence);
	return reasons;
}
