/** Which occurrences of a schedule are due now, given what the ledger says and the workflow's catch-up policy. */
import type { Occurrence, Schedule } from "./schedule";
import type { CatchUpPolicy } from "./workflow";
import type { LedgerEntry } from "./workflow-ledger";

export interface DueOptions {
	/** An occurrence older than this when first seen was missed (the app was closed); newer ones are simply due. */
	graceMs: number;
	/** `catch_up: all` runs at most this many missed occurrences (the most recent). */
	maxCatchUp: number;
	/**
	 * How long after its n-th failed attempt an occurrence is tried again; the last delay repeats. Retries go on
	 * until it succeeds or the schedule's next occurrence is due.
	 */
	retryDelaysMs: readonly number[];
}

/** After 1, 5, 15 and 60 minutes, then every hour: a short outage costs minutes, a long one is not hammered. */
export const RETRY_DELAYS_MS: readonly number[] = [1, 5, 15, 60].map((minutes) => minutes * 60_000);

export const DEFAULT_DUE_OPTIONS: DueOptions = { graceMs: 10 * 60_000, maxCatchUp: 10, retryDelaysMs: RETRY_DELAYS_MS };

/** When an occurrence that failed its `attempts`-th attempt at `at` is tried again (at once when it never ran to the end). */
export function nextTryAfter(at: number, attempts: number, delays: readonly number[] = RETRY_DELAYS_MS): number {
	if (attempts <= 0) return at;
	return at + (delays[Math.min(attempts, delays.length) - 1] ?? 60 * 60_000);
}

export interface DuePlan {
	/** To run now, oldest first: new occurrences, then failed ones due a retry. */
	run: Occurrence[];
	/** Missed occurrences the policy leaves out. */
	skipped: Occurrence[];
	/** Failed occurrences whose next occurrence has come: they are given up, never tried again. */
	givenUp: Occurrence[];
	/** The ledger's new `checkedUntil`. */
	checkedUntil: number;
}

/**
 * Occurrences after the ledger's `checkedUntil` up to `now` are new. `none` runs only those within the grace
 * period; `latest` runs the most recent one; `all` runs each, up to `maxCatchUp`. A failed occurrence is run
 * again once its next try is due, until the schedule's next occurrence comes: then it is given up, since the
 * next run covers its period. A workflow never seen before starts now: nothing of its past is run.
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
	const givenUp: Occurrence[] = [];
	for (const [iso, record] of Object.entries(entry?.occurrences ?? {})) {
		if (record.status !== "failed" || record.givenUp === true || iso.startsWith("manual")) continue;
		const at = Date.parse(iso);
		if (!Number.isFinite(at) || run.some((o) => o.iso === iso)) continue;
		if (schedule.between(at, now).length > 0) givenUp.push({ at, iso });
		else if (now >= (record.nextTryAt ?? nextTryAfter(record.at, record.attempts, options.retryDelaysMs))) retries.push({ at, iso });
	}
	const byTime = (a: Occurrence, b: Occurrence): number => a.at - b.at;
	return { run: [...run, ...retries.sort(byTime)], skipped, givenUp: givenUp.sort(byTime), checkedUntil: Math.max(now, from) };
}
