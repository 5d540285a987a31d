/** Child process entry: runs one phase alone in a fresh Node and prints its peak RSS and retained heap as JSON. */
import { VaultIndex } from "../src/core/index/vault-index";
import { collectGarbage, timed } from "./measure";
import { clearCache, coldBuild, floorPass, naivePass, warmStart } from "./phases";
import { FRESH_PHASES, type FreshPhase, type FreshProcessReport } from "./fresh-process";
import { peakRssKiB } from "./peak-rss";

// Usage: node --expose-gc --import tsx bench/memory-child.ts <phase> <vault dir> <cache dir>
async function main(): Promise<void> {
	const [phase, dir, cacheDir] = process.argv.slice(2);
	if (!isPhase(phase) || dir === undefined || cacheDir === undefined) {
		throw new Error(`usage: memory-child.ts <${FRESH_PHASES.join("|")}> <vault dir> <cache dir>`);
	}
	collectGarbage();
	const { ms, value: kept } = await timed(() => build(phase, dir, cacheDir));
	const buildMaxRssBytes = peakRssKiB() * 1024;
	// Saving is part of a cold start in the app (the cache is written right after the build), and often its peak.
	if (kept instanceof VaultIndex) await kept.save();
	collectGarbage();
	const report: FreshProcessReport = {
		phase,
		ms,
		maxRssBytes: peakRssKiB() * 1024,
		buildMaxRssBytes,
		heapUsedBytes: process.memoryUsage().heapUsed,
		// Referenced after the measurement, so what the phase built is still alive when the heap is measured.
		retained: kept !== null,
	};
	process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function build(phase: FreshPhase, dir: string, cacheDir: string): Promise<object | null> {
	switch (phase) {
		case "baseline":
			return null;
		case "floor":
			return floorPass(dir);
		case "naive":
			return naivePass(dir);
		case "cold":
			await clearCache(cacheDir);
			return (await coldBuild(dir, cacheDir)).index;
		case "warm":
			return (await warmStart(dir, cacheDir)).index;
	}
}

function isPhase(value: string | undefined): value is FreshPhase {
	return FRESH_PHASES.includes(value as FreshPhase);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
