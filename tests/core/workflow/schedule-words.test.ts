/** Schedules in words: each phrase's RRULE and next runs, and phrases that are refused with what works. */
import { describe, expect, it } from "vitest";
import { looksLikeWords, parseScheduleWords } from "../../../src/core/workflow/schedule-words";
import { Schedule } from "../../../src/core/workflow/schedule";
import { parseWorkflow } from "../../../src/core/workflow/parse-workflow";

/** Wednesday 2026-11-04 12:00 UTC. */
const NOW = Date.UTC(2026, 10, 4, 12, 0, 0);

function schedule(text: string, zone = "UTC"): Schedule {
	const read = Schedule.parse(text, zone);
	if (!read.ok) throw new Error(read.error);
	return read.schedule;
}

describe("parseScheduleWords", () => {
	it.each([
		["every weekday at 9am", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0", ["2026-11-05T09:00:00+00:00", "2026-11-06T09:00:00+00:00", "2026-11-09T09:00:00+00:00"]],
		["every monday at 09:30", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=30", ["2026-11-09T09:30:00+00:00", "2026-11-16T09:30:00+00:00", "2026-11-23T09:30:00+00:00"]],
		["daily at 18:00", "FREQ=DAILY;BYHOUR=18;BYMINUTE=0", ["2026-11-04T18:00:00+00:00", "2026-11-05T18:00:00+00:00", "2026-11-06T18:00:00+00:00"]],
		["Every Day at 12pm", "FREQ=DAILY;BYHOUR=12;BYMINUTE=0", ["2026-11-05T12:00:00+00:00", "2026-11-06T12:00:00+00:00", "2026-11-07T12:00:00+00:00"]],
		// Counted from Monday 2024-01-01, so the weeks are the same on every machine.
		["every 2 weeks on friday at 4pm", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;BYHOUR=16;BYMINUTE=0", ["2026-11-06T16:00:00+00:00", "2026-11-20T16:00:00+00:00", "2026-12-04T16:00:00+00:00"]],
		["every month on the 1st at 8am", "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=8;BYMINUTE=0", ["2026-12-01T08:00:00+00:00", "2027-01-01T08:00:00+00:00", "2027-02-01T08:00:00+00:00"]],
		["monthly on the last day at 5:30 pm", "FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=17;BYMINUTE=30", ["2026-11-30T17:30:00+00:00", "2026-12-31T17:30:00+00:00", "2027-01-31T17:30:00+00:00"]],
		["every hour", "FREQ=HOURLY;BYMINUTE=0", ["2026-11-04T13:00:00+00:00", "2026-11-04T14:00:00+00:00", "2026-11-04T15:00:00+00:00"]],
		["every 6 hours", "FREQ=HOURLY;INTERVAL=6;BYMINUTE=0", ["2026-11-04T18:00:00+00:00", "2026-11-05T00:00:00+00:00", "2026-11-05T06:00:00+00:00"]],
		["every mon, wed and fri at noon", "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=12;BYMINUTE=0", ["2026-11-06T12:00:00+00:00", "2026-11-09T12:00:00+00:00", "2026-11-11T12:00:00+00:00"]],
		["every weekend at 10am", "FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=10;BYMINUTE=0", ["2026-11-07T10:00:00+00:00", "2026-11-08T10:00:00+00:00", "2026-11-14T10:00:00+00:00"]],
		["weekly on tuesday at midnight", "FREQ=WEEKLY;BYDAY=TU;BYHOUR=0;BYMINUTE=0", ["2026-11-10T00:00:00+00:00", "2026-11-17T00:00:00+00:00", "2026-11-24T00:00:00+00:00"]],
	])("reads %j as %s", (phrase, rrule, next) => {
		expect(parseScheduleWords(phrase)).toEqual({ ok: true, rrule });
		const read = schedule(phrase);
		expect(read.rrule).toBe(rrule);
		expect(read.words).toBe(phrase);
		expect(read.next(NOW, 3).map((o) => o.iso)).toEqual(next);
	});

	it("keeps a zone named at the end, in its own case", () => {
		const read = schedule("every monday at 9am in Europe/Berlin", "America/New_York");
		expect(read.rrule).toBe("DTSTART;TZID=Europe/Berlin:20240101T000000\nRRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0");
		expect(read.zone).toBe("Europe/Berlin");
		expect(read.next(NOW, 1).map((o) => o.iso)).toEqual(["2026-11-09T09:00:00+01:00"]);
	});

	it("uses the user's zone when the words name none", () => {
		expect(schedule("daily at 9am", "Europe/Berlin").next(NOW, 1).map((o) => o.iso)).toEqual(["2026-11-05T09:00:00+01:00"]);
	});

	it.each([
		["every mondy at 9am", /^"every mondy at 9am" cannot be read \("mondy" is not a week day/],
		["every monday at 9", /\("9" is not a time; write 9am, 4:30pm or 18:00\)/],
		["every day at 25:00", /\("25:00" is not a time/],
		["every day at 13pm", /\("13pm" is not a time/],
		["every day", /\(add the time, such as at 9am\)/],
		["every week at 9am", /\(say which days, such as "every week on monday"\)/],
		["every month on the 2st at 8am", /\("the 2st" is not a day of the month/],
		["every month on the 32nd at 8am", /\("the 32nd" is not a day of the month/],
		["every hour at 9am", /\(every hour takes no day or time\)/],
		["every fortnight", /^"every fortnight" cannot be read/],
		["tomorrow", /^"tomorrow" cannot be read/],
		["every 15 minutes", /\(the shortest is every hour\)/],
	])("refuses %j, naming the phrase and what works", (phrase, message) => {
		const read = parseScheduleWords(phrase);
		expect(read.ok).toBe(false);
		if (read.ok) return;
		expect(read.error).toMatch(message);
		expect(read.error).toContain('write for example "every weekday at 9am"');
		expect(read.error).toContain("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9");
	});

	it("tells words from RFC 5545 text", () => {
		expect(looksLikeWords("every monday at 09:30")).toBe(true);
		expect(looksLikeWords("every day at 9:30am in Europe/Berlin")).toBe(true);
		expect(looksLikeWords("FREQ=WEEKLY;BYDAY=MO")).toBe(false);
		expect(looksLikeWords("RRULE:FREQ=DAILY")).toBe(false);
		expect(looksLikeWords("DTSTART;TZID=Europe/Berlin:20261102T090000\\nRRULE:FREQ=WEEKLY")).toBe(false);
	});
});

describe("a workflow's schedule in words", () => {
	const vault = { resolve: () => null, folderExists: () => false };
	const defaults = { outputFolder: "Coworker", localZone: "UTC" };
	const note = (schedule: string): string => `---\ncoworker: workflow\nschedule: ${schedule}\n---\nWrite a status update.\n`;

	it("is read into the workflow's schedule", () => {
		const read = parseWorkflow("Workflows/Daily.md", note("every weekday at 9am"), vault, defaults);
		expect(read.problems).toEqual([]);
		expect(read.workflow?.scheduleText).toBe("every weekday at 9am");
		expect(read.workflow?.schedule?.rrule).toBe("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0");
	});

	it("is a problem naming the note, the field and the phrase when it cannot be read", () => {
		const read = parseWorkflow("Workflows/Daily.md", note("every weekdy at 9am"), vault, defaults);
		expect(read.workflow).toBeNull();
		expect(read.problems.map((p) => p.field)).toEqual(["schedule"]);
		expect(read.problems[0]?.message).toMatch(/^Workflows\/Daily\.md: schedule "every weekdy at 9am" cannot be read \(.*\); write for example "every weekday at 9am", .*\.$/);
		expect(read.problems[0]?.message.split(". ")).toHaveLength(1);
	});
});
