/** Which occurrences of a schedule are due now, given what the ledger says and the workflow's catch-up policy. */
import type { Occurrence, Schedule } from "./schedule";
import type { CatchUpPolicy } from "./workflow";
import type { LedgerEntry } from "./workflow-ledger";

export interface DueOptions {
	/** An occurrence older than this when first seen was missed (the app was closed); newer ones are simply due. */
	graceMs: number;
	/** `catch_up: all` runs at most this many missed occurrences (the most recent). */
	maxCatchUp: number;
	/** A failed occurrence is tried this many times in all. */
	maxAttempts: number;
}

export const DEFAULT_DUE_OPTIONS: DueOptions = { graceMs: 10 * 60_000, maxCatchUp: 10, maxAttempts: 2 };

export interface DuePlan {
	/** To run now, oldest first: new occurrences, then failed ones due a retry. */
	run: Occurrence[];
	/** Missed occurrences the policy leaves out. */
	skipped: Occurrence[];
	/** The ledger's new `checkedUntil`. */
	checkedUntil: number;
}

/**
 * Occurrences after the ledger's `checkedUntil` up to `now` are new. `none` runs only those within the grace
 * period; `latest` runs the most recent one; `all` runs each, up to `maxCatchUp`. A failed occurrence with
 * attempts left is run again. A workflow never seen before starts now: nothing of its past is run.
 */
export function dueOccurrences(schedule: Schedule, entry: LedgerEntry | null, now: number, policy: CatchUpPolicy, options: DueOptions = DEFAULT_DUE_OPTIONS): DuePlan {
	const from = entry ? Math.max(entry.checkedUntil, entry.since) : now;
	const fresh = schedule.between(from, now);
	let run: Occurrence[];
	let skipped: Occurrence[];
	if (policy === "none") {
		run = fresh.filter((occurrence) => now - occurrence.at <= options.graceMs);
		skipped = fresh.filter((occurrence) => now - occurrence.at > options.graceMs);
	} else if (policy === "latest") {
		run = fresh.slice(-1);
		skipped = fresh.slice(0, -1);
	} else {
		run = fresh.slice(-options.maxCatchUp);
		skipped = fresh.slice(0, Math.max(0, fresh.length - options.maxCatchUp));
	}
	const retries: Occurrence[] = [];
	for (const [iso, record] of Object.entries(entry?.occurrences ?? {})) {
		if (record.status !== "failed" || record.attempts >= options.maxAttempts || iso.startsWith("manual")) continue;
		const at = Date.parse(iso);
		if (Number.isFinite(at) && !run.some((o) => o.iso === iso)) retries.push({ at, iso });
	}
	return { run: [...run, ...retries.sort((a, b) => a.at - b.at)], skipped, checkedUntil: Math.max(now, from) };
}
