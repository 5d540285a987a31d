/**
 * How long the time-sliced paths the plugin uses (cold build, cache save, warm start) hold the thread at a
 * stretch: what decides whether Obsidian's window stays responsive. Measured as the longest event-loop delay
 * Node sees while each runs, with a clock that yields through a timer as the plugin's does.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { NodeVaultReader } from "../src/cli/node-vault-reader";
import { VaultIndex } from "../src/core/index/vault-index";
import { DEFAULT_INDEX_SETTINGS } from "../src/core/index/index-settings";
import { rm } from "node:fs/promises";
import { NodeFileStore } from "../src/cli/node-file-store";
import type { Clock } from "../src/core/ports/clock";
import { collectGarbage } from "./measure";

/** The plugin's clock (src/obsidian/adapters/ui-clock.ts), with Node's timer instead of the window's. */
const timerClock: Clock = {
	now: () => performance.now(),
	yieldToHost: () => new Promise((resolve) => setTimeout(resolve, 0)),
};

/** Longest stretch without a turn for other work, in ms, for each time-sliced phase. */
export interface UiBlocking {
	coldMs: number;
	saveMs: number;
	warmMs: number;
}

/** The monitor samples every 10 ms, so a figure is the longest block give or take that resolution. */
async function longestBlock(work: () => Promise<unknown>): Promise<number> {
	const histogram = monitorEventLoopDelay({ resolution: 10 });
	histogram.enable();
	await work();
	histogram.disable();
	return histogram.max / 1e6;
}

/** Kept apart so the index is unreachable once it returns. */
async function coldThenSave(index: VaultIndex): Promise<{ coldMs: number; saveMs: number }> {
	const coldMs = await longestBlock(() => index.refresh());
	const saveMs = await longestBlock(() => index.save());
	return { coldMs, saveMs };
}

/** `cacheDir` is emptied first: the cache is written and read from disk, as in the app. */
export async function measureUiBlocking(dir: string, cacheDir: string): Promise<UiBlocking> {
	await rm(cacheDir, { recursive: true, force: true });
	const store = new NodeFileStore(cacheDir);
	const open = (): VaultIndex => new VaultIndex({ vault: new NodeVaultReader(dir), store, settings: DEFAULT_INDEX_SETTINGS, clock: timerClock });
	const { coldMs, saveMs } = await coldThenSave(open());
	// In the app only one index lives at a time: the first is gone before the warm start, as after a restart.
	collectGarbage();
	const warm = open();
	const warmMs = await longestBlock(() => warm.refresh());
	return { coldMs, saveMs, warmMs };
}
