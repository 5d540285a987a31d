/** Runs one phase in a fresh child process, so its peak memory is its own and not the other phases' leftovers. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { BENCH_DIR, REPO_ROOT } from "./paths";

/** `baseline` loads the same modules and builds nothing: Node + tsx + code, to subtract by eye. */
export const FRESH_PHASES = ["baseline", "floor", "naive", "cold", "warm"] as const;
export type FreshPhase = (typeof FRESH_PHASES)[number];

export interface FreshProcessReport {
	phase: FreshPhase;
	/** Wall time of the phase in the fresh process (no JIT warm-up, empty stemming memo); for reference only. */
	ms: number;
	/** Peak resident set size of the whole process (peak-rss.ts). */
	maxRssBytes: number;
	/** Peak RSS up to the end of the build, before the cache is written (differs from the above only for `cold`). */
	buildMaxRssBytes: number;
	/** V8 heap in use after a full collection, with the phase's result (index or parse counts) still referenced. */
	heapUsedBytes: number;
	/** Whether the phase's result was still referenced when the heap was measured (all but `baseline`). */
	retained: boolean;
}

/** Spawns `node --expose-gc --import tsx bench/memory-child.ts <phase> <dir> <cacheDir>` and reads its report. */
export function runInFreshProcess(phase: FreshPhase, dir: string, cacheDir: string): Promise<FreshProcessReport> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", join(BENCH_DIR, "memory-child.ts"), phase, dir, cacheDir], {
			cwd: REPO_ROOT,
			stdio: ["ignore", "pipe", "pipe"],
		});
		let stdout = "";
		let stderr = "";
		child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
		child.on("error", reject);
		child.on("close", (code) => {
			const line = stdout.trim().split("\n").pop() ?? "";
			if (code !== 0 || line === "") {
				reject(new Error(`the ${phase} child process failed (exit ${String(code)}): ${stderr.trim() || stdout.trim()}`));
				return;
			}
			resolve(JSON.parse(line) as FreshProcessReport);
		});
	});
}
