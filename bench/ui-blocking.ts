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
import type { VaultFileStat, VaultReader } from "../src/core/ports/vault-reader";
import { collectGarbage, median } from "./measure";
import { benchIndexWorkers } from "./index-workers";

/**
 * The plugin's clock (src/obsidian/adapters/ui-clock.ts), yielding through Node's timer where the app posts itself a
 * message. Either gives every other task its turn, so the stretches measured are the same; the timer only adds a
 * millisecond of idling to each yield, which no figure here counts.
 */
const timerClock: Clock = {
	now: () => performance.now(),
	yieldToHost: () => new Promise((resolve) => setTimeout(resolve, 0)),
};

/**
 * The vault as the plugin's reader gives it: the listing comes from memory. Obsidian keeps its file tree in
 * memory, and ObsidianVaultReader.listMarkdownFiles maps `getMarkdownFiles()` (about a millisecond on 10k notes);
 * the command line's reader walks and stats the disk in one synchronous call (about 80 ms on 10k notes), which
 * the app never does on its thread. Measured through it, that one call was the longest block of the warm start.
 * So the listing is taken once before the measured phases (nothing changes on disk between them), and notes are
 * still read from disk one at a time.
 */
class ListedInMemory implements VaultReader {
	private constructor(
		private readonly disk: NodeVaultReader,
		private readonly files: readonly VaultFileStat[],
	) {}

	static async of(dir: string): Promise<ListedInMemory> {
		const disk = new NodeVaultReader(dir);
		return new ListedInMemory(disk, await disk.listMarkdownFiles());
	}

	listMarkdownFiles(): Promise<VaultFileStat[]> {
		return Promise.resolve(this.files.map((file) => ({ ...file })));
	}

	read(path: string): Promise<string> {
		return this.disk.read(path);
	}

	readBinary(path: string): Promise<Uint8Array> {
		return this.disk.readBinary(path);
	}
}

/**
 * Longest stretch without a turn for other work, in ms, for each time-sliced phase: the median over
 * {@link UI_ROUNDS} rounds, with every round's reading. One reading on the shared bench machine now and then
 * catches a stall of the machine itself (a cold build read 90 ms in one run and 31 to 45 ms in the three rounds
 * run alone just after); the median says what the code does, the readings what one round can meet.
 */
export interface UiBlocking {
	coldMs: number;
	saveMs: number;
	warmMs: number;
	/** Every round's readings (absent from results written before 2026-12-07, which took one reading). */
	rounds?: { coldMs: number; saveMs: number; warmMs: number }[];
}

type Round = NonNullable<UiBlocking["rounds"]>[number];

/** The longest of the phases' medians. */
export function longestMedian(ui: UiBlocking): number {
	return Math.max(ui.coldMs, ui.saveMs, ui.warmMs);
}

/** The longest single reading of any phase in any round. */
export function longestOfRounds(ui: UiBlocking): number {
	return Math.max(longestMedian(ui), ...(ui.rounds ?? []).map((r) => Math.max(r.coldMs, r.saveMs, r.warmMs)));
}

export const UI_ROUNDS = 3;

/** The monitor samples every 10 ms, so a figure is the longest block give or take that resolution. */
async function longestBlock(work: () => Promise<unknown>): Promise<number> {
	const histogram = monitorEventLoopDelay({ resolution: 10 });
	histogram.enable();
	await work();
	// A block is recorded when the monitor's timer fires after it: give it that turn, or a last stretch from the
	// final yield to the end (the warm start's listing and comparison) is never counted.
	await new Promise((resolve) => setTimeout(resolve, 30));
	histogram.disable();
	return histogram.max / 1e6;
}

/** Kept apart so the index is unreachable once it returns. */
async function coldThenSave(index: VaultIndex): Promise<{ coldMs: number; saveMs: number }> {
	const coldMs = await longestBlock(() => index.refresh());
	const saveMs = await longestBlock(() => index.save());
	return { coldMs, saveMs };
}

export async function measureUiBlocking(dir: string, cacheDir: string): Promise<UiBlocking> {
	const rounds: Round[] = [];
	for (let round = 0; round < UI_ROUNDS; round++) {
		collectGarbage();
		rounds.push(await oneRound(dir, cacheDir));
	}
	const middle = (phase: "coldMs" | "saveMs" | "warmMs"): number => median(rounds.map((r) => r[phase]));
	return { coldMs: middle("coldMs"), saveMs: middle("saveMs"), warmMs: middle("warmMs"), rounds };
}

/** `cacheDir` is emptied first: the cache is written and read from disk, as in the app. */
async function oneRound(dir: string, cacheDir: string): Promise<Round> {
	await rm(cacheDir, { recursive: true, force: true });
	const store = new NodeFileStore(cacheDir);
	const vault = await ListedInMemory.of(dir);
	const spawnWorker = await benchIndexWorkers();
	const open = (): VaultIndex => new VaultIndex({ vault, store, settings: DEFAULT_INDEX_SETTINGS, clock: timerClock, spawnWorker });
	const { coldMs, saveMs } = await coldThenSave(open());
	// In the app only one index lives at a time: the first is gone before the warm start, as after a restart.
	collectGarbage();
	const warm = open();
	const warmMs = await longestBlock(() => warm.refresh());
	return { coldMs, saveMs, warmMs };
}
