/**
 * This process's peak resident set size, in KiB. On Linux `process.resourceUsage().maxRSS` (getrusage) starts
 * a spawned child at its parent's peak at the fork: every process the bench spawned read at least the bench's
 * own size (123 MB for a warm `coworker index` that peaks near 100 MB). `VmHWM` in /proc/self/status is the
 * peak of this process's own memory since it started its program. Elsewhere, getrusage is all there is.
 */
import { readFileSync } from "node:fs";

export function peakRssKiB(): number {
	try {
		const found = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
		if (found?.[1]) return Number(found[1]);
	} catch {
		// Not Linux: no /proc.
	}
	return process.resourceUsage().maxRSS;
}
