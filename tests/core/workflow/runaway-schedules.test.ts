/** Schedules that would expand without end are refused with a sentence, or answered within a second. */
import { describe, expect, it } from "vitest";
import { Schedule } from "../../../src/core/workflow/schedule";
import { dueOccurrences } from "../../../src/core/workflow/due-occurrences";

const NOW = Date.UTC(2026, 10, 2, 9, 0, 30);

/**
 * The processor time this process spent since `started`: the work a schedule costs, which a loaded machine (other
 * processes on the same cores) does not inflate as it does the wall time.
 */
function cpuMsSince(started: ReturnType<typeof process.cpuUsage>): number {
	const { user, system } = process.cpuUsage(started);
	return (user + system) / 1000;
}

/** Every question a command asks of a schedule: next ones, the previous one, and what is due. */
function exercise(schedule: Schedule): void {
	schedule.next(NOW, 3);
	schedule.previous(NOW);
	dueOccurrences(schedule, { since: NOW - 86_400_000, checkedUntil: NOW - 3_600_000, lastSuccess: null, occurrences: {} }, NOW, "all");
	schedule.describe();
}

describe("runaway schedules", () => {
	const refused: [string, RegExp][] = [
		["FREQ=SECONDLY", /every second.*FREQ=MINUTELY/],
		["FREQ=SECONDLY;UNTIL=99991231T000000Z", /every second/],
		["FREQ=HOURLY;BYHOUR=25", /BYHOUR=25, outside 0…23/],
		["FREQ=MINUTELY;BYMINUTE=60", /BYMINUTE=60/],
		["FREQ=DAILY;BYMONTH=13", /BYMONTH=13/],
		["FREQ=MINUTELY;COUNT=5;BYMONTH=2;BYMONTHDAY=30", /never occurs/],
	];
	for (const [rule, reason] of refused) {
		it(`refuses ${rule} within a second, saying why`, () => {
			const started = process.cpuUsage();
			const read = Schedule.parse(rule, "UTC");
			expect(cpuMsSince(started)).toBeLessThan(1000);
			expect(read.ok).toBe(false);
			if (!read.ok) expect(read.error).toMatch(reason);
		});
	}

	for (const rule of ["FREQ=MINUTELY;UNTIL=80000101T000000Z", "FREQ=MINUTELY", "DTSTART:20000101T000000Z\nRRULE:FREQ=MINUTELY;INTERVAL=7", "FREQ=HOURLY;UNTIL=99991231T000000Z"]) {
		it(`answers every question about ${rule.replace("\n", " ")} within a second, the same as from its start`, () => {
			const started = process.cpuUsage();
			const read = Schedule.parse(rule, "Europe/Berlin");
			if (!read.ok) throw new Error(read.error);
			exercise(read.schedule);
			expect(cpuMsSince(started)).toBeLessThan(1000);
			const next = read.schedule.next(NOW, 3);
			expect(next).toHaveLength(3);
			expect(next[0]?.at).toBeGreaterThan(NOW);
			// Restarting the rule near the window must keep its phase: INTERVAL=7 from 2000-01-01 00:00 UTC.
			if (rule.includes("INTERVAL=7")) for (const o of next) expect(((o.at - Date.UTC(2000, 0, 1)) / 60_000) % 7).toBe(0);
			else if (rule.includes("MINUTELY")) expect(next.map((o) => o.at)).toEqual([NOW + 30_000, NOW + 90_000, NOW + 150_000]);
		});
	}
});
