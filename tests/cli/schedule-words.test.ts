/** `coworker workflows` with schedules written in words: shown back as their RRULE and next runs, or as a problem. */
import { afterEach, describe, expect, it } from "vitest";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { runCli } from "../helpers/run-cli";

let vault: TempVault | undefined;
afterEach(async () => {
	await vault?.cleanup();
	vault = undefined;
});

const note = (schedule: string): string => `---\ncoworker: workflow\nschedule: ${schedule}\n---\nWrite a status update.\n`;

interface Row {
	path: string;
	valid: boolean;
	problems: string[];
	schedule: string | null;
	rrule: string | null;
	next: string[];
}

describe("schedules in words", () => {
	it("lists each phrase with the RRULE it means and its next runs", async () => {
		vault = await createTempVault({
			"Workflows/Weekdays.md": note("every weekday at 9am in UTC"),
			"Workflows/Fortnightly.md": note("every 2 weeks on friday at 4pm in Europe/Berlin"),
			"Workflows/Monthly.md": note("every month on the 1st at 8am in UTC"),
			"Workflows/Rule.md": note('"FREQ=DAILY;BYHOUR=18"'),
		});
		const result = await runCli("workflows", "--vault", vault.root, "--json", "--now", "2026-11-04T12:00:00Z");
		expect(result.code, result.stderr).toBe(0);
		const rows = (JSON.parse(result.stdout) as { workflows: Row[] }).workflows;
		const byPath = Object.fromEntries(rows.map((row) => [row.path, row]));
		expect(byPath["Workflows/Weekdays.md"]).toMatchObject({
			valid: true,
			rrule: "DTSTART;TZID=UTC:20240101T000000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0",
			next: ["2026-11-05T09:00:00+00:00", "2026-11-06T09:00:00+00:00", "2026-11-09T09:00:00+00:00"],
		});
		expect(byPath["Workflows/Fortnightly.md"]).toMatchObject({
			rrule: "DTSTART;TZID=Europe/Berlin:20240101T000000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;BYHOUR=16;BYMINUTE=0",
			next: ["2026-11-06T16:00:00+01:00", "2026-11-20T16:00:00+01:00", "2026-12-04T16:00:00+01:00"],
		});
		expect(byPath["Workflows/Monthly.md"]?.next).toEqual(["2026-12-01T08:00:00+00:00", "2027-01-01T08:00:00+00:00", "2027-02-01T08:00:00+00:00"]);
		expect(byPath["Workflows/Rule.md"]?.rrule).toBe("FREQ=DAILY;BYHOUR=18");

		const text = await runCli("workflows", "--vault", vault.root, "--now", "2026-11-04T12:00:00Z");
		expect(text.stdout).toContain("Workflows/Weekdays.md\n  schedule: every weekday at 09:00 (UTC)\n  rrule: DTSTART;TZID=UTC:20240101T000000\\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0\n  next: 2026-11-05T09:00:00+00:00, 2026-11-06T09:00:00+00:00, 2026-11-09T09:00:00+00:00\n");
	});

	it("shows a phrase it cannot read as a problem naming the field and the phrase, with what works", async () => {
		vault = await createTempVault({ "Workflows/Typo.md": note("every weekdy at 9am") });
		const result = await runCli("workflows", "--vault", vault.root, "--json");
		const [row] = (JSON.parse(result.stdout) as { workflows: Row[] }).workflows;
		expect(row?.valid).toBe(false);
		expect(row?.problems).toEqual([
			'Workflows/Typo.md: schedule "every weekdy at 9am" cannot be read ("weekdy" is not a week day, weekday, weekend, or a count of hours, days, weeks or months); write for example "every weekday at 9am", "every monday at 09:30", "every 2 weeks on friday at 4pm", "every month on the 1st at 8am", "every hour", or an RRULE such as FREQ=WEEKLY;BYDAY=MO;BYHOUR=9.',
		]);
	});

});
