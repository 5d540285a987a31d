/** Schedule: RFC 5545 rules read from a workflow note, their occurrences as instants in the rule's zone, and their words. */
import { describe, expect, it } from "vitest";
import { hostInZone } from "../../helpers/host-zone";
import { Schedule, type Occurrence } from "../../../src/core/workflow/schedule";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The schedule, or the test fails with the parser's message. */
function must(text: string, localZone = "UTC"): Schedule {
	const read = Schedule.parse(text, localZone);
	if (!read.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${read.error}`);
	return read.schedule;
}

function errorOf(text: string, localZone = "UTC"): string {
	const read = Schedule.parse(text, localZone);
	if (read.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`);
	return read.error;
}

const isos = (occurrences: Occurrence[]): string[] => occurrences.map((o) => o.iso);
const t = (iso: string): number => Date.parse(iso);

const BERLIN_WEEKLY = "DTSTART;TZID=Europe/Berlin:20261102T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO";

describe("Schedule.parse", () => {
	it("reads DTSTART with a TZID and an RRULE: the zone comes from the rule", () => {
		const schedule = must(BERLIN_WEEKLY, "America/New_York");
		expect(schedule.zone).toBe("Europe/Berlin");
		expect(schedule.zoneFromRule).toBe(true);
		expect(isos(schedule.next(t("2026-10-01T00:00:00Z"), 3))).toEqual(["2026-11-02T09:00:00+01:00", "2026-11-09T09:00:00+01:00", "2026-11-16T09:00:00+01:00"]);
	});

	it("reads the two characters \\n, as YAML keeps them in a single-quoted or plain string, as a line break", () => {
		const escaped = must("DTSTART;TZID=Europe/Berlin:20261102T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO");
		expect(escaped.zone).toBe("Europe/Berlin");
		expect(isos(escaped.next(t("2026-10-01T00:00:00Z"), 2))).toEqual(isos(must(BERLIN_WEEKLY).next(t("2026-10-01T00:00:00Z"), 2)));
	});

	it("reads a bare FREQ=… and an RRULE:… alike, in the user's zone", () => {
		const bare = must("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", "Europe/Berlin");
		const prefixed = must("RRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", "Europe/Berlin");
		expect(bare.zone).toBe("Europe/Berlin");
		expect(bare.zoneFromRule).toBe(false);
		expect(isos(bare.next(t("2026-11-01T00:00:00Z"), 2))).toEqual(["2026-11-02T09:00:00+01:00", "2026-11-09T09:00:00+01:00"]);
		expect(isos(prefixed.next(t("2026-11-01T00:00:00Z"), 2))).toEqual(isos(bare.next(t("2026-11-01T00:00:00Z"), 2)));
	});

	it("ignores spaces and line breaks around the rule", () => {
		expect(isos(must("  \n FREQ=DAILY;BYHOUR=9 \n").next(t("2026-11-01T00:00:00Z"), 1))).toEqual(["2026-11-01T09:00:00+00:00"]);
	});

	it("reads a DTSTART ending in Z as UTC, whatever the user's zone", () => {
		const schedule = must("DTSTART:20261102T090000Z\nRRULE:FREQ=DAILY", "Europe/Berlin");
		expect(schedule.zone).toBe("UTC");
		expect(schedule.zoneFromRule).toBe(true);
		expect(isos(schedule.next(t("2026-11-01T00:00:00Z"), 2))).toEqual(["2026-11-02T09:00:00+00:00", "2026-11-03T09:00:00+00:00"]);
	});

	it("reads a DTSTART without TZID or Z in the user's zone", () => {
		const schedule = must("DTSTART:20261102T090000\nRRULE:FREQ=DAILY", "Asia/Kolkata");
		expect(schedule.zone).toBe("Asia/Kolkata");
		expect(schedule.zoneFromRule).toBe(false);
		expect(isos(schedule.next(t("2026-11-01T00:00:00Z"), 1))).toEqual(["2026-11-02T09:00:00+05:30"]);
	});

	it("counts from Monday 2024-01-01 00:00 local when there is no DTSTART: weekly without BYDAY means Mondays at midnight", () => {
		const weekly = must("FREQ=WEEKLY", "Europe/Berlin");
		const mondays = weekly.next(t("2026-11-04T00:00:00Z"), 3);
		expect(isos(mondays)).toEqual(["2026-11-09T00:00:00+01:00", "2026-11-16T00:00:00+01:00", "2026-11-23T00:00:00+01:00"]);
		for (const monday of mondays) expect(new Date(monday.at + HOUR).getUTCDay()).toBe(1);
		expect(isos(must("FREQ=DAILY").next(t("2026-11-04T12:00:00Z"), 1))).toEqual(["2026-11-05T00:00:00+00:00"]);
		// The first occurrence is the default start itself, the same on every machine.
		expect(isos(must("FREQ=WEEKLY;COUNT=2").next(t("2023-12-31T00:00:00Z"), 5))).toEqual(["2024-01-01T00:00:00+00:00", "2024-01-08T00:00:00+00:00"]);
	});

	it("refuses a TZID that is no IANA zone, naming it", () => {
		expect(errorOf("DTSTART;TZID=Mars/Olympus:20261102T090000\nRRULE:FREQ=DAILY")).toBe('names the time zone "Mars/Olympus", which is not a known IANA time zone (such as Europe/Berlin)');
	});

	it("refuses a rule without a TZID when the user's zone is unknown", () => {
		expect(errorOf("FREQ=WEEKLY", "Nowhere/Special")).toBe('is in the time zone "Nowhere/Special", which is not known on this machine');
		// A rule with its own zone does not need the user's.
		expect(must(BERLIN_WEEKLY, "Nowhere/Special").zone).toBe("Europe/Berlin");
	});

	it("refuses empty text and garbage as values, never by throwing", () => {
		expect(errorOf("")).toBe("is empty; write an RRULE such as FREQ=WEEKLY;BYDAY=MO;BYHOUR=9");
		expect(errorOf("  \\n  ")).toMatch(/^is empty/);
		// Text without NAME=value is read as words (schedule-words.test.ts), and refused as words.
		expect(errorOf("garbage")).toMatch(/^"garbage" cannot be read \(/);
		expect(errorOf("every monday at nine")).toMatch(/^"every monday at nine" cannot be read \("nine" is not a time/);
		expect(errorOf("FREQ=SOMETIMES")).toMatch(/^is not a valid RRULE/);
		expect(errorOf("FREQ=WEEKLY;BYDAY=XX")).toMatch(/^is not a valid RRULE/);
		expect(errorOf("DTSTART:yesterday\nRRULE:FREQ=DAILY")).toMatch(/^is not a valid RRULE/);
	});

	it("refuses a rule that never occurs, such as the 30th of February", () => {
		expect(errorOf("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")).toBe("never occurs");
		expect(errorOf("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30")).toBe("never occurs");
	});

	// Regression test (a bug found and fixed while issue 4 was built): proving a DAILY (or HOURLY, MINUTELY) rule never occurs makes rrule step through its whole range:
	// about 4.5 s of synchronous work on each parse of the note, which freezes Obsidian at every scheduler tick.
	// The search is now bounded by the rule's frequency, so this is fast and always runs.
	it("refuses a daily rule that never occurs without seconds of work", () => {
		const started = performance.now();
		expect(errorOf("FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31")).toBe("never occurs");
		expect(performance.now() - started).toBeLessThan(1000);
	});

	// Regression test (a bug found and fixed while issue 4 was built): rrule's RRuleSet extends RRule, so the `instanceof RRule` check lets RDATE, EXDATE and a second RRULE
	// through; the set's own origOptions are empty and the schedule silently becomes "every year on 1 January".
	it("refuses RDATE, EXDATE and several RRULEs rather than reading them as a different rule", () => {
		for (const text of [
			"DTSTART:20261102T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO\nRDATE:20261105T090000",
			"DTSTART:20261102T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO\nEXDATE:20261109T090000",
			"RRULE:FREQ=WEEKLY;BYDAY=MO\nRRULE:FREQ=DAILY",
		]) {
			expect(Schedule.parse(text, "UTC"), text).toEqual({ ok: false, error: "must hold one RRULE (RDATE, EXDATE and several rules are not supported)" });
		}
	});
});

describe("UNTIL and COUNT", () => {
	it("stops after COUNT occurrences", () => {
		const schedule = must("DTSTART:20261101T090000\nRRULE:FREQ=DAILY;COUNT=3");
		expect(isos(schedule.next(t("2026-10-01T00:00:00Z"), 10))).toEqual(["2026-11-01T09:00:00+00:00", "2026-11-02T09:00:00+00:00", "2026-11-03T09:00:00+00:00"]);
		expect(schedule.next(t("2026-11-03T09:00:00Z"), 1)).toEqual([]);
	});

	it("stops at UNTIL, which is included when an occurrence falls on it", () => {
		const schedule = must("DTSTART:20261101T090000\nRRULE:FREQ=DAILY;UNTIL=20261103T090000");
		expect(isos(schedule.between(t("2026-10-01T00:00:00Z"), t("2026-12-01T00:00:00Z")))).toEqual([
			"2026-11-01T09:00:00+00:00",
			"2026-11-02T09:00:00+00:00",
			"2026-11-03T09:00:00+00:00",
		]);
	});

	it("accepts a rule that has ended: it simply has no more occurrences", () => {
		const schedule = must("DTSTART:20200101T090000\nRRULE:FREQ=DAILY;UNTIL=20200105T090000");
		expect(schedule.next(t("2026-01-01T00:00:00Z"), 1)).toEqual([]);
		expect(schedule.previous(t("2026-01-01T00:00:00Z"))).toBeNull();
	});

	// Regression test (a bug found and fixed while issue 4 was built): RFC 5545 says UNTIL is UTC when DTSTART has a TZID; the rule is iterated in floating wall time and
	// UNTIL is compared as a wall time, so 09:00 Berlin (= 08:00Z) on the last day is dropped.
	it("reads UNTIL in UTC (…Z) as an instant for a rule with a TZID", () => {
		const schedule = must("DTSTART;TZID=Europe/Berlin:20261101T090000\nRRULE:FREQ=DAILY;UNTIL=20261103T080000Z");
		expect(isos(schedule.next(t("2026-10-01T00:00:00Z"), 5))).toEqual(["2026-11-01T09:00:00+01:00", "2026-11-02T09:00:00+01:00", "2026-11-03T09:00:00+01:00"]);
	});
});

describe("Schedule.between", () => {
	const schedule = must(BERLIN_WEEKLY);
	const monday = t("2026-11-09T08:00:00Z");

	it("leaves out an occurrence exactly at `after` and includes one exactly at `until`", () => {
		expect(isos(schedule.between(monday - 1, monday))).toEqual(["2026-11-09T09:00:00+01:00"]);
		expect(schedule.between(monday, monday + 1)).toEqual([]);
		expect(schedule.between(monday, monday + 7 * DAY)).toEqual([{ at: monday + 7 * DAY, iso: "2026-11-16T09:00:00+01:00" }]);
	});

	it("is empty for an empty or backwards range", () => {
		expect(schedule.between(monday, monday)).toEqual([]);
		expect(schedule.between(monday + DAY, monday - DAY)).toEqual([]);
	});

	it("returns occurrences oldest first, each with its instant and its ISO text", () => {
		const found = schedule.between(t("2026-11-01T00:00:00Z"), t("2026-11-30T23:00:00Z"));
		expect(found.map((o) => o.at)).toEqual([0, 1, 2, 3, 4].map((i) => t("2026-11-02T08:00:00Z") + i * 7 * DAY));
		for (const o of found) expect(Date.parse(o.iso)).toBe(o.at);
	});
});

describe("Schedule.next and Schedule.previous", () => {
	it("next gives the first `count` occurrences after the instant, not the instant itself", () => {
		const schedule = must(BERLIN_WEEKLY);
		expect(isos(schedule.next(t("2026-11-09T08:00:00Z"), 2))).toEqual(["2026-11-16T09:00:00+01:00", "2026-11-23T09:00:00+01:00"]);
		expect(schedule.next(t("2026-11-09T08:00:00Z"), 0)).toEqual([]);
	});

	it("next copes with a dense rule and a sparse one", () => {
		expect(isos(must("FREQ=MINUTELY;INTERVAL=15").next(t("2026-11-01T00:00:00Z"), 3))).toEqual([
			"2026-11-01T00:15:00+00:00",
			"2026-11-01T00:30:00+00:00",
			"2026-11-01T00:45:00+00:00",
		]);
		expect(isos(must("FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9").next(t("2026-11-02T00:00:00Z"), 3))).toEqual([
			"2026-12-01T09:00:00+00:00",
			"2027-01-01T09:00:00+00:00",
			"2027-02-01T09:00:00+00:00",
		]);
	});

	// Regression test (a bug found and fixed while issue 4 was built): next() widens its window 1, 4, 16, 64, 256 days and stops before 1024; 341 days of search never reach
	// a yearly occurrence more than 341 days ahead, so "next run" of a yearly workflow is often empty.
	it("next finds the following occurrences of a yearly rule", () => {
		const yearly = must("DTSTART:20260101T090000\nRRULE:FREQ=YEARLY");
		expect(isos(yearly.next(t("2026-01-02T00:00:00Z"), 1))).toEqual(["2027-01-01T09:00:00+00:00"]);
		expect(isos(yearly.next(t("2025-12-01T00:00:00Z"), 3))).toEqual(["2026-01-01T09:00:00+00:00", "2027-01-01T09:00:00+00:00", "2028-01-01T09:00:00+00:00"]);
	});

	it("previous gives the latest occurrence at or before the instant, or null", () => {
		const schedule = must(BERLIN_WEEKLY);
		const monday = t("2026-11-09T08:00:00Z");
		expect(schedule.previous(monday)?.iso).toBe("2026-11-09T09:00:00+01:00");
		expect(schedule.previous(monday - 1)?.iso).toBe("2026-11-02T09:00:00+01:00");
		expect(schedule.previous(t("2026-11-02T07:59:59Z"))).toBeNull();
		expect(must("DTSTART:20250301T090000\nRRULE:FREQ=YEARLY").previous(t("2026-02-28T00:00:00Z"))?.iso).toBe("2025-03-01T09:00:00+00:00");
	});
});

describe("month-end rules", () => {
	it("BYMONTHDAY=-1 is the last day of every month, leap years included", () => {
		const schedule = must("DTSTART:20271201T170000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1");
		expect(isos(schedule.next(t("2027-12-01T00:00:00Z"), 4))).toEqual([
			"2027-12-31T17:00:00+00:00",
			"2028-01-31T17:00:00+00:00",
			"2028-02-29T17:00:00+00:00",
			"2028-03-31T17:00:00+00:00",
		]);
		expect(isos(must("FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=17").next(t("2026-02-01T00:00:00Z"), 3))).toEqual([
			"2026-02-28T17:00:00+00:00",
			"2026-03-31T17:00:00+00:00",
			"2026-04-30T17:00:00+00:00",
		]);
	});

	it("BYMONTHDAY=31 runs only in months that have a 31st", () => {
		const schedule = must("FREQ=MONTHLY;BYMONTHDAY=31;BYHOUR=17");
		expect(isos(schedule.between(t("2026-01-01T00:00:00Z"), t("2026-12-31T23:59:59Z")))).toEqual(
			["01", "03", "05", "07", "08", "10", "12"].map((month) => `2026-${month}-31T17:00:00+00:00`),
		);
	});

	it("the last Friday of the month, in New York across its fall-back change", () => {
		const schedule = must("DTSTART;TZID=America/New_York:20261001T160000\nRRULE:FREQ=MONTHLY;BYDAY=-1FR");
		expect(isos(schedule.next(t("2026-10-01T00:00:00Z"), 3))).toEqual(["2026-10-30T16:00:00-04:00", "2026-11-27T16:00:00-05:00", "2026-12-25T16:00:00-05:00"]);
	});
});

describe("daylight saving time", () => {
	const nightly = must("DTSTART;TZID=Europe/Berlin:20260301T023000\nRRULE:FREQ=DAILY");

	it("a daily 02:30 in Berlin runs at 03:30 on the day 02:30 is skipped, and once, at the first 02:30, on the day it repeats", () => {
		expect(isos(nightly.between(t("2026-03-27T00:00:00Z"), t("2026-03-31T00:00:00Z")))).toEqual([
			"2026-03-27T02:30:00+01:00",
			"2026-03-28T02:30:00+01:00",
			"2026-03-29T03:30:00+02:00",
			"2026-03-30T02:30:00+02:00",
		]);
		expect(isos(nightly.between(t("2026-10-23T12:00:00Z"), t("2026-10-27T12:00:00Z")))).toEqual([
			"2026-10-24T02:30:00+02:00",
			"2026-10-25T02:30:00+02:00",
			"2026-10-26T02:30:00+01:00",
			"2026-10-27T02:30:00+01:00",
		]);
	});

	it("a daily 09:00 in Berlin keeps its wall time: the instants are 23 and 25 hours apart across the changes", () => {
		const daily = must("DTSTART;TZID=Europe/Berlin:20260101T090000\nRRULE:FREQ=DAILY");
		const spring = daily.between(t("2026-03-28T00:00:00Z"), t("2026-03-30T00:00:00Z"));
		expect(isos(spring)).toEqual(["2026-03-28T09:00:00+01:00", "2026-03-29T09:00:00+02:00"]);
		expect((spring[1]?.at ?? 0) - (spring[0]?.at ?? 0)).toBe(23 * HOUR);
		const autumn = daily.between(t("2026-10-24T00:00:00Z"), t("2026-10-26T00:00:00Z"));
		expect(isos(autumn)).toEqual(["2026-10-24T09:00:00+02:00", "2026-10-25T09:00:00+01:00"]);
		expect((autumn[1]?.at ?? 0) - (autumn[0]?.at ?? 0)).toBe(25 * HOUR);
	});

	it("an hourly rule in Berlin gives each instant once: the skipped hour merges with the next, the repeated hour runs at its first", () => {
		const hourly = must("DTSTART;TZID=Europe/Berlin:20260101T000000\nRRULE:FREQ=HOURLY");
		expect(isos(hourly.between(t("2027-03-27T23:30:00Z"), t("2027-03-28T02:30:00Z")))).toEqual([
			"2027-03-28T01:00:00+01:00",
			"2027-03-28T03:00:00+02:00",
			"2027-03-28T04:00:00+02:00",
		]);
		expect(isos(hourly.between(t("2026-10-24T22:30:00Z"), t("2026-10-25T02:30:00Z")))).toEqual([
			"2026-10-25T01:00:00+02:00",
			"2026-10-25T02:00:00+02:00",
			"2026-10-25T03:00:00+01:00",
		]);
	});

	it("a weekly rule without TZID is in the user's zone, not the process's (TZ=UTC here), and follows that zone's changes", () => {
		hostInZone("UTC");
		const schedule = must("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", "America/New_York");
		expect(schedule.zone).toBe("America/New_York");
		const found = schedule.between(t("2026-10-20T00:00:00Z"), t("2026-11-10T00:00:00Z"));
		expect(isos(found)).toEqual(["2026-10-26T09:00:00-04:00", "2026-11-02T09:00:00-05:00", "2026-11-09T09:00:00-05:00"]);
		expect(found.map((o) => new Date(o.at).toISOString())).toEqual(["2026-10-26T13:00:00.000Z", "2026-11-02T14:00:00.000Z", "2026-11-09T14:00:00.000Z"]);
		expect(isos(must("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", "Asia/Kolkata").next(t("2026-11-01T00:00:00Z"), 1))).toEqual(["2026-11-02T09:00:00+05:30"]);
	});
});

describe("Schedule.describe", () => {
	it("says the rule in words, with the time of day and the zone", () => {
		expect(must(BERLIN_WEEKLY).describe()).toBe("every week on Monday at 09:00 (Europe/Berlin)");
		expect(must("FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=16;BYMINUTE=0").describe()).toBe("every month on the last Friday at 16:00 (UTC)");
		expect(must("FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9").describe()).toBe("every month on the 1st at 09:00 (UTC)");
		expect(must("DTSTART:20261102T083000\nRRULE:FREQ=DAILY", "Asia/Kolkata").describe()).toBe("every day at 08:30 (Asia/Kolkata)");
		expect(must("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=30").describe()).toBe("every weekday at 08:30 (UTC)");
		expect(must("FREQ=WEEKLY", "Europe/Berlin").describe()).toBe("every week at 00:00 (Europe/Berlin)");
	});

	it("keeps rrule's own time where it gives one, and adds none to an hourly or more frequent rule", () => {
		expect(must("FREQ=DAILY;BYHOUR=9;BYMINUTE=0").describe()).toMatch(/^every day at 9 \(UTC\)$/);
		expect(must("FREQ=HOURLY;BYMINUTE=0").describe()).toBe("every hour (UTC)");
		expect(must("FREQ=MINUTELY;INTERVAL=15").describe()).toBe("every 15 minutes (UTC)");
	});
});
