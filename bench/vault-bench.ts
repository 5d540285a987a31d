/** Measures one vault end to end: floor, naive and cold (alternated, repeated), warm, queries, updates, memory. */
import { NodeVaultReader } from "../src/cli/node-vault-reader";
import type { IndexSummary, VaultIndex } from "../src/core/index/vault-index";
import { FRESH_PHASES, runInFreshProcess, type FreshPhase, type FreshProcessReport } from "./fresh-process";
import { collectGarbage, median, now, percentile, timed } from "./measure";
import {
	cacheBytes,
	clearCache,
	coldBuild,
	floorPass,
	incrementalUpdates,
	naivePass,
	searchLatencies,
	snippetLatencies,
	warmStart,
} from "./phases";
import { benchDelegate } from "./delegate-bench";
import { cacheDirFor } from "./paths";
import { generateQueries, type SampledNote } from "./queries";
import type { Latency, Repeated, VaultResult } from "./results";
import { measureUiBlocking } from "./ui-blocking";

export interface VaultBenchOptions {
	repetitions: number;
	queries: number;
	incrementalUpdates: number;
	log: (line: string) => void;
}

type Timed = "floor" | "naive" | "cold";
const ORDER: Timed[] = ["floor", "naive", "cold"];
/** How many notes the queries' words are drawn from, spread over the whole vault. */
const QUERY_SAMPLE = 1500;

export async function benchVault(name: string, kind: VaultResult["kind"], dir: string, options: VaultBenchOptions): Promise<VaultResult> {
	const { log } = options;
	const cacheDir = cacheDirFor(name);
	const files = (await new NodeVaultReader(dir).listMarkdownFiles()).sort((a, b) => (a.path < b.path ? -1 : 1));
	if (files.length === 0) throw new Error(`${dir} holds no markdown notes`);
	const sizes = files.map((f) => f.size);
	log(`${name}: ${files.length} markdown files, ${(sizes.reduce((a, b) => a + b, 0) / 1e6).toFixed(1)} MB`);

	// One untimed round first: the page cache and the JIT are then as warm for the first timed run as for the last.
	log(`${name}: warm-up round`);
	for (const phase of ORDER) await runTimed(phase, dir, cacheDir);

	const runs: Record<Timed, number[]> = { floor: [], naive: [], cold: [] };
	const saves: number[] = [];
	let notes = 0;
	let sections = 0;
	let problems = 0;
	for (let r = 0; r < options.repetitions; r++) {
		// Rotate the order, so a phase is not always the one that runs right after another's garbage.
		for (const phase of [...ORDER.slice(r % 3), ...ORDER.slice(0, r % 3)]) {
			const result = await runTimed(phase, dir, cacheDir);
			runs[phase].push(result.ms);
			if (result.save !== undefined) saves.push(result.save);
			if (result.summary) {
				({ notes, sections } = result.summary);
				problems = result.summary.problems.length;
			}
			log(`${name}: run ${r + 1}/${options.repetitions} ${phase} ${result.ms.toFixed(0)} ms`);
		}
	}
	const cache = await cacheBytes(cacheDir);

	const warmRuns: number[] = [];
	// Held by this one variable only, which is emptied before the fresh-process and UI phases (see timedWarmStarts).
	let index: VaultIndex | null = await timedWarmStarts(name, dir, cacheDir, options, warmRuns);

	const sample = await sampleNotes(dir, files);
	const queries = generateQueries(sample, options.queries + 10, `queries:${name}`);
	// The first few searches pay for compiling the search path; they are run but not counted.
	searchLatencies(index, queries.slice(options.queries));
	collectGarbage();
	const search = searchLatencies(index, queries.slice(0, options.queries));
	const snippets = await snippetLatencies(index, queries.slice(0, options.queries));
	log(`${name}: ${options.queries} queries, p95 ${percentile(search.timings, 95).toFixed(2)} ms (snippets ${percentile(snippets, 95).toFixed(2)} ms)`);

	collectGarbage();
	const step = Math.max(1, Math.floor(files.length / options.incrementalUpdates));
	const updated = files.filter((_, i) => i % step === 0).slice(0, options.incrementalUpdates).map((f) => f.path);
	const incremental = await incrementalUpdates(index, dir, updated);
	log(`${name}: ${updated.length} incremental updates, median ${median(incremental).toFixed(2)} ms`);

	// The updates' files were put back with their old times: one refresh brings the warm index in line with the disk again.
	const resync = await index.refresh();
	log(`${name}: index back in line with the disk (${resync.reindexed} notes re-read)`);
	collectGarbage();
	const delegate = await benchDelegate(name, dir, index, sample, log);
	index = null;
	collectGarbage();

	const freshProcess = {} as Record<FreshPhase, FreshProcessReport>;
	const freshCache = `${cacheDir}-fresh`;
	for (const phase of FRESH_PHASES) {
		freshProcess[phase] = await runInFreshProcess(phase, dir, freshCache);
		log(`${name}: fresh process ${phase}: peak RSS ${(freshProcess[phase].maxRssBytes / 1048576).toFixed(0)} MB`);
	}
	await clearCache(freshCache);

	collectGarbage();
	const uiBlockingMs = await measureUiBlocking(dir, `${cacheDir}-ui`);
	await clearCache(`${cacheDir}-ui`);
	for (const [i, r] of (uiBlockingMs.rounds ?? []).entries()) log(`${name}: longest block, round ${i + 1}: cold ${r.coldMs.toFixed(0)} ms, save ${r.saveMs.toFixed(0)} ms, warm ${r.warmMs.toFixed(0)} ms`);

	const floorMs = repeated(runs.floor);
	const naiveMs = repeated(runs.naive);
	const coldMs = repeated(runs.cold);
	const warmMs = repeated(warmRuns);
	return {
		name,
		kind,
		dir,
		files: files.length,
		notes,
		sections,
		totalBytes: sizes.reduce((a, b) => a + b, 0),
		medianNoteBytes: median(sizes),
		largestNoteBytes: Math.max(...sizes),
		floorMs,
		naiveMs,
		coldMs,
		coldOverFloor: coldMs.median / floorMs.median,
		naiveOverFloor: naiveMs.median / floorMs.median,
		warmMs,
		warmOverCold: warmMs.median / coldMs.median,
		saveMs: repeated(saves),
		cacheBytes: cache,
		incrementalMs: latency(incremental),
		queryMs: latency(search.timings),
		snippetQueryMs: latency(snippets),
		sampleQueries: queries.slice(0, 12),
		problems,
		freshProcess,
		uiBlockingMs,
		delegate,
	};
}

/** One timed run of a phase after a full collection; a cold build also saves the cache (timed apart). */
async function runTimed(phase: Timed, dir: string, cacheDir: string): Promise<{ ms: number; save?: number; summary?: IndexSummary }> {
	if (phase === "cold") await clearCache(cacheDir);
	collectGarbage();
	if (phase === "floor") return { ms: (await timed(() => floorPass(dir))).ms };
	if (phase === "naive") return { ms: (await timed(() => naivePass(dir))).ms };
	const cold = await timed(() => coldBuild(dir, cacheDir));
	const start = now();
	await cold.value.index.save();
	return { ms: cold.ms, save: now() - start, summary: cold.value.summary };
}

export async function sampleNotes(dir: string, files: readonly { path: string }[]): Promise<SampledNote[]> {
	const vault = new NodeVaultReader(dir);
	const step = Math.max(1, Math.floor(files.length / QUERY_SAMPLE));
	const sample = files.filter((_, i) => i % step === 0);
	return Promise.all(sample.map(async ({ path }) => ({ path, text: await vault.read(path) })));
}

function repeated(runs: number[]): Repeated {
	return { runs, median: median(runs) };
}

function latency(timings: number[]): Latency {
	return { count: timings.length, p50: median(timings), p95: percentile(timings, 95), max: Math.max(...timings) };
}

/**
 * The warm starts, timed into `runs`; returns the last one's index. Kept apart: a variable of benchVault's own,
 * even one scoped to a loop, is kept by its suspended async function to the end, and the last warm start's
 * index (about 150 MB) was still alive when the longest UI block was measured, lengthening every collector pause
 * in it.
 */
async function timedWarmStarts(name: string, dir: string, cacheDir: string, options: VaultBenchOptions, runs: number[]): Promise<VaultIndex> {
	let index: VaultIndex | null = null;
	for (let r = 0; r < options.repetitions; r++) {
		index = null;
		collectGarbage();
		const warm = await timed(() => warmStart(dir, cacheDir));
		runs.push(warm.ms);
		index = warm.value.index;
		options.log(`${name}: warm start ${r + 1}/${options.repetitions} ${warm.ms.toFixed(0)} ms`);
	}
	if (!index) throw new Error("no warm start ran");
	return index;
}
