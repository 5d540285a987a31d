/** The bench's peak RSS of a spawned process is that process's own, not its parent's size at the fork. */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";

describe("peakRssKiB", () => {
	it.runIf(process.platform === "linux")("reads a child's own peak, which getrusage would floor at the parent's size", () => {
		// The parent (this test) made large and resident: 300 MB of filled pages.
		const ballast = Buffer.alloc(300 * 1024 * 1024, 1);
		const script = 'import("./bench/peak-rss.ts").then((m) => process.stdout.write(JSON.stringify({ own: (m.peakRssKiB ?? m.default.peakRssKiB)(), getrusage: process.resourceUsage().maxRSS })))';
		const report = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "--eval", script], { encoding: "utf8" })) as { own: number; getrusage: number };
		expect(ballast.length).toBeGreaterThan(0);
		expect(report.getrusage).toBeGreaterThan(300 * 1024);
		expect(report.own).toBeLessThan(200 * 1024);
		expect(report.own).toBeGreaterThan(10 * 1024);
	});
});
