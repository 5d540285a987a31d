/**
 * Preloaded (`node --require`) into every process the whole-process bench times, ours and the baselines: at
 * exit it writes the process's own CPU time and peak resident memory to the file named by BENCH_USAGE_FILE.
 */
import { writeFileSync } from "node:fs";
import { peakRssKiB } from "../peak-rss";

/** What the preload writes; read back by cli-bench.ts. */
export interface ProcessUsage {
	userMicros: number;
	systemMicros: number;
	maxRssKiB: number;
}

const target = process.env.BENCH_USAGE_FILE;
if (target) {
	process.on("exit", () => {
		const usage = process.resourceUsage();
		const report: ProcessUsage = { userMicros: usage.userCPUTime, systemMicros: usage.systemCPUTime, maxRssKiB: peakRssKiB() };
		writeFileSync(target, JSON.stringify(report));
	});
}
