/** A workflow whose schedule would expand without end is refused in a sentence; the other workflows are listed and run as usual. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { runCli } from "../helpers/run-cli";

let vault: TempVault;
const workflow = (schedule: string): string => `---\ncoworker: workflow\nschedule: "${schedule}"\n---\nWrite a note.\n`;

beforeEach(async () => {
	vault = await createTempVault({
		"Workflows/Every second.md": workflow("FREQ=SECONDLY"),
		"Workflows/Hour 25.md": workflow("FREQ=HOURLY;BYHOUR=25"),
		"Workflows/Minutely for ever.md": workflow("FREQ=MINUTELY;UNTIL=80000101T000000Z"),
		"Workflows/Weekly.md": workflow("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9"),
	});
});

afterEach(async () => {
	await vault.cleanup();
});

describe("runaway schedules on the command line", () => {
	it("workflows and run --due answer within a second each, refusing the runaway rules and keeping the others", async () => {
		let started = performance.now();
		const listed = await runCli("workflows", "--vault", vault.root, "--now", "2026-11-02T08:00:00Z");
		expect(performance.now() - started).toBeLessThan(3000);
		expect(listed.stdout).toMatch(/Every second\.md: schedule runs every second \(FREQ=SECONDLY\)/);
		expect(listed.stdout).toMatch(/Hour 25\.md: schedule has BYHOUR=25, outside 0…23/);
		expect(listed.stdout).toMatch(/Workflows\/Weekly\.md\n {2}schedule: every week on Monday at 9/);
		expect(listed.stdout).toMatch(/Workflows\/Minutely for ever\.md\n {2}schedule: every minute/);
		started = performance.now();
		const due = await runCli("run", "--vault", vault.root, "--due", "--json", "--now", "2026-11-02T08:00:00Z");
		expect(performance.now() - started).toBeLessThan(3000);
		expect(due.code, due.stderr).toBe(0);
	});
});
