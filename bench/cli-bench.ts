/**
 * Whole processes, as a user runs them: `coworker index --rebuild`, `coworker index` with nothing changed and
 * `coworker search` on the warm vault, each a fresh Node running dist/coworker.cjs, beside two plain scripts over
 * the same vault in the same run: the floor (list, read, gray-matter) and the naive index (the floor plus
 * MiniSearch's defaults over whole notes and one JSON.stringify to disk). Wall time from spawn to exit, the
 * process's own CPU time and peak RSS (read at exit by a preloaded script, the same for all five).
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";
import { NodeVaultReader } from "../src/cli/node-vault-reader";
import { median, now } from "./measure";
import { BENCH_DIR, CLI_BUNDLE, REPO_ROOT, WHOLE_PROCESS_WORK_DIR } from "./paths";
import { generateQueries } from "./queries";
import { sampleNotes } from "./vault-bench";
import type { ProcessUsage } from "./whole-process/report-usage";

export const WHOLE_PROCESS_COMMANDS = ["floor", "naive", "rebuild", "index", "search"] as const;
export type WholeProcessCommand = (typeof WHOLE_PROCESS_COMMANDS)[number];

/** One finished process. */
export interface ProcessRun {
	wallMs: number;
	cpuMs: number;
	maxRssMB: number;
}

/** Every timed run of one command, with the medians reported and the highest peak RSS. */
export interface ProcessFigures {
	runs: ProcessRun[];
	wallMs: number;
	cpuMs: number;
	maxRssMB: number;
	/** Median wall time ÷ the floor's median wall time (1 for the floor). */
	overFloor: number;
	/** The same ratio on CPU time: steadier than wall time on a loaded machine. */
	cpuOverFloor: number;
}

export interface WholeProcessResult {
	vault: string;
	notes: number;
	commands: Record<WholeProcessCommand, ProcessFigures>;
	/** The queries `coworker search` ran, one per timed run (the warm-up's first). */
	queries: string[];
}

/** The issue's whole-process targets: a command's median wall time over the floor's, and peak RSS. */
export const WHOLE_PROCESS_TARGETS: Partial<Record<WholeProcessCommand, number>> = { rebuild: 3, index: 0.5, search: 0.6 };
export const WHOLE_PROCESS_MAX_RSS_MB = 300;

interface Scripts {
	floor: string;
	naive: string;
	usage: string;
}

let scripts: Promise<Scripts> | null = null;

/** The floor and naive scripts and the usage preload, bundled as the CLI is (esbuild, CommonJS, not minified), so all start alike. */
function bundledScripts(): Promise<Scripts> {
	scripts ??= (async () => {
		await mkdir(WHOLE_PROCESS_WORK_DIR, { recursive: true });
		const out = (name: string): string => join(WHOLE_PROCESS_WORK_DIR, `${name}.cjs`);
		await Promise.all(
			(["floor", "naive", "report-usage"] as const).map((name) =>
				build({ entryPoints: [join(BENCH_DIR, "whole-process", `${name}.ts`)], bundle: true, platform: "node", format: "cjs", target: "node20", outfile: out(name), logLevel: "silent" }),
			),
		);
		return { floor: out("floor"), naive: out("naive"), usage: out("report-usage") };
	})();
	return scripts;
}

/** Runs one command of the table `repetitions` times (after an untimed round), rotating the order of floor, naive and ours. */
export async function benchWholeProcesses(name: string, dir: string, options: { repetitions: number; log: (line: string) => void; cli?: string }): Promise<WholeProcessResult> {
	const { log } = options;
	// Another build of the command line can be compared (a checkout of the previous commit): pass its bundle.
	const cli = options.cli ?? CLI_BUNDLE;
	const files = await new NodeVaultReader(dir).listMarkdownFiles();
	const queries = generateQueries(await sampleNotes(dir, files), options.repetitions + 1, `cli:${name}`);
	const paths = await bundledScripts();
	const naiveOut = join(WHOLE_PROCESS_WORK_DIR, "naive-index.json");
	const runs: Record<WholeProcessCommand, ProcessRun[]> = { floor: [], naive: [], rebuild: [], index: [], search: [] };
	let notes = 0;

	const floor = (): Promise<ProcessRun> => runProcess(paths, [paths.floor, dir]);
	const naive = async (): Promise<ProcessRun> => {
		const run = await runProcess(paths, [paths.naive, dir, naiveOut]);
		await rm(naiveOut, { force: true });
		return run;
	};
	const ours = async (round: number): Promise<Record<"rebuild" | "index" | "search", ProcessRun>> => {
		const rebuild = await runProcess(paths, [cli, "index", "--rebuild", "--json", "--vault", dir], (stdout) => {
			notes = (JSON.parse(stdout) as { notes: number }).notes;
		});
		const index = await runProcess(paths, [cli, "index", "--json", "--vault", dir], (stdout) => {
			const summary = JSON.parse(stdout) as { reindexed: number; cache: string };
			if (summary.reindexed !== 0) throw new Error(`coworker index on ${name} was not warm: cache "${summary.cache}", ${summary.reindexed} notes re-read (expected 0)`);
		});
		const search = await runProcess(paths, [cli, "search", queries[round] ?? "", "--json", "--vault", dir], (stdout) => {
			if (!Array.isArray(JSON.parse(stdout))) throw new Error(`coworker search on ${name} printed no list of hits`);
		});
		return { rebuild, index, search };
	};

	// Round 0 is untimed: it fills the page cache and leaves a cache the next rounds rebuild.
	for (let round = 0; round <= options.repetitions; round++) {
		const order = [0, 1, 2].map((i) => (i + round) % 3);
		for (const step of order) {
			if (step === 0) record(round, "floor", await floor());
			else if (step === 1) record(round, "naive", await naive());
			else for (const [command, run] of Object.entries(await ours(round))) record(round, command as WholeProcessCommand, run);
		}
		log(`${name}: whole processes, ${round === 0 ? "untimed round" : `round ${round}/${options.repetitions}`}`);
	}

	function record(round: number, command: WholeProcessCommand, run: ProcessRun): void {
		if (round > 0) runs[command].push(run);
	}

	const floorWall = median(runs.floor.map((r) => r.wallMs));
	const floorCpu = median(runs.floor.map((r) => r.cpuMs));
	const figures = (list: ProcessRun[]): ProcessFigures => {
		const wallMs = median(list.map((r) => r.wallMs));
		const cpuMs = median(list.map((r) => r.cpuMs));
		return { runs: list, wallMs, cpuMs, maxRssMB: Math.max(...list.map((r) => r.maxRssMB)), overFloor: wallMs / floorWall, cpuOverFloor: cpuMs / floorCpu };
	};
	const commands = Object.fromEntries(WHOLE_PROCESS_COMMANDS.map((command) => [command, figures(runs[command])])) as Record<WholeProcessCommand, ProcessFigures>;
	return { vault: name, notes, commands, queries: queries.slice(1) };
}

/** Spawns `node --require <usage preload> ...args`, waits for it to exit 0 and reads what the preload wrote. */
async function runProcess(paths: Scripts, args: string[], check?: (stdout: string) => void): Promise<ProcessRun> {
	const usageFile = join(WHOLE_PROCESS_WORK_DIR, `usage-${process.pid}.json`);
	await rm(usageFile, { force: true });
	const started = now();
	const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
		const child = spawn(process.execPath, ["--require", paths.usage, ...args], {
			cwd: REPO_ROOT,
			stdio: ["ignore", "pipe", "pipe"],
			env: { ...process.env, BENCH_USAGE_FILE: usageFile },
		});
		let out = "";
		let err = "";
		child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
		child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
		child.on("error", reject);
		child.on("close", (exitCode) => resolve({ code: exitCode, stdout: out, stderr: err }));
	});
	const wallMs = now() - started;
	const shown = args.map((a) => a.replace(REPO_ROOT, ".")).join(" ");
	if (code !== 0) throw new Error(`${shown} exited with ${String(code)}: ${stderr.trim() || stdout.trim()}`);
	check?.(stdout);
	const usage = JSON.parse(await readFile(usageFile, "utf8")) as ProcessUsage;
	return { wallMs, cpuMs: (usage.userMicros + usage.systemMicros) / 1000, maxRssMB: Math.round(usage.maxRssKiB / 1024) };
}
