/** Runs the rest of a test as on a host in a given time zone, whatever COWORKER_TEST_TZ the suite runs under. */
import { onTestFinished } from "vitest";

/**
 * Node re-reads TZ when it is assigned (the suite's pool is forks: one process per file), and child processes
 * (the built CLI) inherit it. The test's end puts the suite's zone back.
 */
export function hostInZone(zone: string): void {
	const before = process.env.TZ;
	process.env.TZ = zone;
	onTestFinished(() => {
		if (before === undefined) delete process.env.TZ;
		else process.env.TZ = before;
	});
}
