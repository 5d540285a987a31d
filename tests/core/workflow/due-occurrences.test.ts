/** dueOccurrences: what runs at a tick, from the ledger and the catch-up policy. */
import { describe, expect, it } from "vitest";
import { DEFAULT_DUE_OPTIONS, dueOccurrences, nextTryAfter, type DueOptions } from "../../../src/core/workflow/due-occurrences";
import { Schedule, type Occurrence } from "../../../src/core/workflow/schedule";
import type { LedgerEntry, OccurrenceRecord } from "../../../src/core/workflow/workflow-ledger";

const t = (iso: string): number => Date.parse(iso);
const isos = (occurrences: Occurrence[]): string[] => occurrences.map((o) => o.iso);
const MINUTE = 60_000;

function must(text: string): Schedule {
	const read = Schedule.parse(text, "UTC");
	if (!read.ok) throw new Error(read.error);
	return read.schedule;
}

/** Mondays at 09:00 UTC from 2026-11-02. */
const WEEKLY = must("DTSTART;TZID=UTC:20261102T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO");
const MONDAYS = ["2026-11-02T09:00:00+00:00", "2026-11-09T09:00:00+00:00", "2026-11-16T09:00:00+00:00"];

function entry(checkedUntil: string, occurrences: Record<string, Partial<OccurrenceRecord>> = {}, since = checkedUntil): LedgerEntry {
	const records: Record<string, OccurrenceRecord> = {};
	for (const [key, record] of Object.entries(occurrences)) records[key] = { status: "failed", attempts: 1, deliverable: null, error: "boom", at: t(checkedUntil), ...record };
	return { since: t(since), checkedUntil: t(checkedUntil), lastSuccess: null, occurrences: records };
}

const OPTIONS: DueOptions = { graceMs: 10 * MINUTE, maxCatchUp: 10, retryDelaysMs: [1, 5, 15, 60].map((minutes) => minutes * MINUTE) };

describe("dueOccurrences", () => {
	it("runs nothing for a workflow seen for the first time, and starts watching now", () => {
		const now = t("2026-11-18T10:00:00Z");
		for (const policy of ["latest", "none", "all"] as const) {
			expect(dueOccurrences(WEEKLY, null, now, policy, OPTIONS)).toEqual({ run: [], skipped: [], givenUp: [], checkedUntil: now });
		}
	});

	it("runs an occurrence that came since the last check, and moves checkedUntil to now", () => {
		const now = t("2026-11-02T09:05:00Z");
		const plan = dueOccurrences(WEEKLY, entry("2026-11-02T08:00:00Z"), now, "latest", OPTIONS);
		expect(plan).toEqual({ run: [{ at: t("2026-11-02T09:00:00Z"), iso: MONDAYS[0] }], skipped: [], givenUp: [], checkedUntil: now });
	});

	it("runs an occurrence exactly at now, but not one exactly at checkedUntil (already dealt with)", () => {
		const monday = t("2026-11-09T09:00:00Z");
		expect(isos(dueOccurrences(WEEKLY, entry("2026-11-08T00:00:00Z"), monday, "latest", OPTIONS).run)).toEqual([MONDAYS[1]]);
		expect(dueOccurrences(WEEKLY, entry("2026-11-09T09:00:00Z"), monday + MINUTE, "latest", OPTIONS).run).toEqual([]);
	});

	it("counts from `since` when it is later than checkedUntil", () => {
		const plan = dueOccurrences(WEEKLY, entry("2026-11-01T00:00:00Z", {}, "2026-11-10T00:00:00Z"), t("2026-11-18T10:00:00Z"), "all", OPTIONS);
		expect(isos(plan.run)).toEqual([MONDAYS[2]]);
		expect(plan.skipped).toEqual([]);
	});

	it("after a gap, latest runs only the most recent missed occurrence and skips the others", () => {
		const plan = dueOccurrences(WEEKLY, entry("2026-11-01T00:00:00Z"), t("2026-11-18T10:00:00Z"), "latest", OPTIONS);
		expect(isos(plan.run)).toEqual([MONDAYS[2]]);
		expect(isos(plan.skipped)).toEqual([MONDAYS[0], MONDAYS[1]]);
		expect(plan.checkedUntil).toBe(t("2026-11-18T10:00:00Z"));
	});

	it("after a gap, none skips every occurrence older than the grace period", () => {
		const plan = dueOccurrences(WEEKLY, entry("2026-11-01T00:00:00Z"), t("2026-11-18T10:00:00Z"), "none", OPTIONS);
		expect(plan.run).toEqual([]);
		expect(isos(plan.skipped)).toEqual(MONDAYS);
	});

	it("none still runs an occurrence within the grace period, up to and including its edge", () => {
		const base = entry("2026-11-01T00:00:00Z");
		const monday = t("2026-11-16T09:00:00Z");
		const within = dueOccurrences(WEEKLY, base, monday + 10 * MINUTE, "none", OPTIONS);
		expect(isos(within.run)).toEqual([MONDAYS[2]]);
		expect(isos(within.skipped)).toEqual([MONDAYS[0], MONDAYS[1]]);
		const late = dueOccurrences(WEEKLY, base, monday + 10 * MINUTE + 1, "none", OPTIONS);
		expect(late.run).toEqual([]);
		expect(isos(late.skipped)).toEqual(MONDAYS);
		expect(dueOccurrences(WEEKLY, base, monday + 2 * MINUTE, "none", { ...OPTIONS, graceMs: MINUTE }).run).toEqual([]);
	});

	it("after a gap, all runs each missed occurrence, oldest first", () => {
		const plan = dueOccurrences(WEEKLY, entry("2026-11-01T00:00:00Z"), t("2026-11-18T10:00:00Z"), "all", OPTIONS);
		expect(isos(plan.run)).toEqual(MONDAYS);
		expect(plan.skipped).toEqual([]);
	});

	it("all runs at most maxCatchUp, the most recent ones, and skips the older", () => {
		const plan = dueOccurrences(WEEKLY, entry("2026-11-01T00:00:00Z"), t("2026-11-18T10:00:00Z"), "all", { ...OPTIONS, maxCatchUp: 2 });
		expect(isos(plan.run)).toEqual([MONDAYS[1], MONDAYS[2]]);
		expect(isos(plan.skipped)).toEqual([MONDAYS[0]]);
		const hourly = must("DTSTART:20261101T000000\nRRULE:FREQ=HOURLY");
		const manyHours = dueOccurrences(hourly, entry("2026-11-01T00:00:00Z"), t("2026-11-03T00:00:00Z"), "all", DEFAULT_DUE_OPTIONS);
		expect(manyHours.run).toHaveLength(DEFAULT_DUE_OPTIONS.maxCatchUp);
		expect(manyHours.run.at(-1)?.iso).toBe("2026-11-03T00:00:00+00:00");
		expect(manyHours.skipped).toHaveLength(48 - DEFAULT_DUE_OPTIONS.maxCatchUp);
	});

	it("retries failed occurrences once their next try is due, after the new ones, oldest first", () => {
		const daily = must("DTSTART;TZID=UTC:20261102T090000\nRRULE:FREQ=DAILY");
		const ledger = entry("2026-11-02T09:20:00Z", {
			"2026-11-02T09:00:00+00:00": { status: "failed", attempts: 2, at: t("2026-11-02T09:10:00Z") },
			"2026-11-01T09:00:00+00:00": { status: "failed", attempts: 1, at: t("2026-11-02T09:10:00Z") },
		});
		// The older one's next occurrence (the 2nd, 09:00) has come: it is given up, not retried.
		const plan = dueOccurrences(daily, ledger, t("2026-11-02T09:20:00Z"), "latest", OPTIONS);
		expect(isos(plan.run)).toEqual(["2026-11-02T09:00:00+00:00"]);
		expect(isos(plan.givenUp)).toEqual(["2026-11-01T09:00:00+00:00"]);

		const weekly = entry("2026-11-16T10:00:00Z", {
			[MONDAYS[2] ?? ""]: { status: "failed", attempts: 1, at: t("2026-11-16T09:00:00Z") },
		});
		expect(isos(dueOccurrences(WEEKLY, weekly, t("2026-11-16T10:00:00Z"), "latest", OPTIONS).run)).toEqual([MONDAYS[2]]);
	});

	it("waits 1, 5, 15, 60 minutes after each failed attempt, then every hour", () => {
		const lastTry = t("2026-11-02T09:30:00Z");
		const failed = (attempts: number, extra: Partial<OccurrenceRecord> = {}): LedgerEntry => entry("2026-11-02T09:30:00Z", { [MONDAYS[0] ?? ""]: { status: "failed", attempts, at: lastTry, ...extra } });
		const dueAt = (attempts: number): number[] =>
			[0, 1, 5, 15, 60, 61].filter((minutes) => dueOccurrences(WEEKLY, failed(attempts), lastTry + minutes * MINUTE, "latest", OPTIONS).run.length > 0);
		expect(dueAt(1)).toEqual([1, 5, 15, 60, 61]);
		expect(dueAt(2)).toEqual([5, 15, 60, 61]);
		expect(dueAt(3)).toEqual([15, 60, 61]);
		expect(dueAt(4)).toEqual([60, 61]);
		expect(dueAt(9)).toEqual([60, 61]);
		// A run that never finished (the runner died) is due at once; a stored next try is obeyed.
		expect(dueAt(0)).toEqual([0, 1, 5, 15, 60, 61]);
		expect(dueOccurrences(WEEKLY, failed(1, { nextTryAt: lastTry + 30 * MINUTE }), lastTry + 20 * MINUTE, "latest", OPTIONS).run).toEqual([]);
		expect(nextTryAfter(lastTry, 2)).toBe(lastTry + 5 * MINUTE);
	});

	it("never drops a failed occurrence before its next occurrence, however many attempts failed", () => {
		const failed = entry("2026-11-08T09:00:00Z", { [MONDAYS[0] ?? ""]: { status: "failed", attempts: 150, at: t("2026-11-08T09:00:00Z") } });
		const saturday = dueOccurrences(WEEKLY, failed, t("2026-11-09T08:59:00Z"), "latest", OPTIONS);
		expect(isos(saturday.run)).toEqual([MONDAYS[0]]);
		expect(saturday.givenUp).toEqual([]);
		const monday = dueOccurrences(WEEKLY, failed, t("2026-11-09T09:00:00Z"), "latest", OPTIONS);
		expect(isos(monday.run)).toEqual([MONDAYS[1]]);
		expect(isos(monday.givenUp)).toEqual([MONDAYS[0]]);
		const alreadyGivenUp = entry("2026-11-09T09:00:00Z", { [MONDAYS[0] ?? ""]: { status: "failed", attempts: 150, givenUp: true } });
		expect(dueOccurrences(WEEKLY, alreadyGivenUp, t("2026-11-09T10:00:00Z"), "latest", OPTIONS)).toMatchObject({ run: [], givenUp: [] });
	});

	it("never retries what succeeded or was skipped, nor a run made by hand, nor a key that is no date", () => {
		const ledger = entry("2026-11-16T10:00:00Z", {
			[MONDAYS[0] ?? ""]: { status: "ok", attempts: 1 },
			[MONDAYS[1] ?? ""]: { status: "skipped", attempts: 0 },
			"manual 2026-11-10T12:00:00+00:00": { status: "failed", attempts: 1 },
			"not a date": { status: "failed", attempts: 1 },
		});
		expect(dueOccurrences(WEEKLY, ledger, t("2026-11-16T11:00:00Z"), "all", OPTIONS).run).toEqual([]);
	});

	it("does not list a failed occurrence twice when it is also new", () => {
		const ledger = entry("2026-11-02T08:00:00Z", { [MONDAYS[0] ?? ""]: { status: "failed", attempts: 1 } });
		expect(isos(dueOccurrences(WEEKLY, ledger, t("2026-11-02T09:05:00Z"), "latest", OPTIONS).run)).toEqual([MONDAYS[0]]);
	});

	it("never moves checkedUntil backwards when the clock does", () => {
		const ledger = entry("2026-11-10T00:00:00Z");
		const plan = dueOccurrences(WEEKLY, ledger, t("2026-11-05T00:00:00Z"), "latest", OPTIONS);
		expect(plan).toEqual({ run: [], skipped: [], givenUp: [], checkedUntil: t("2026-11-10T00:00:00Z") });
	});

	it("has the documented defaults", () => {
		expect(DEFAULT_DUE_OPTIONS).toEqual(OPTIONS);
	});
});
