/**
 * The run pipeline's own cost on a warm index: context previews (`previewTask`, no model) against reading the
 * same files (floor) and gluing whole notes together (naive), then whole runs (`runTask`) against a fake model
 * server in this process, against the model round trip alone.
 */
import { rm, rmdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { openVault } from "../src/cli/composition-root";
import { NodeFileStore } from "../src/cli/node-file-store";
import { estimateTokens } from "../src/core/context/token-estimate";
import { MAX_NOTES_PER_SOURCE, type SourceReaders } from "../src/core/context/gather-sources";
import type { SourceSpec } from "../src/core/context/source-spec";
import type { VaultIndex } from "../src/core/index/vault-index";
import { RunLog } from "../src/core/ledger/run-log";
import type { ChatMessage } from "../src/core/model/chat-model";
import { ModelClient } from "../src/core/model/model-client";
import type { VaultReader } from "../src/core/ports/vault-reader";
import { previewTask, runTask, type ContextPreview, type RunServices, type RunSettings, type TaskRequest } from "../src/core/run/run-task";
import { DEFAULT_SETTINGS } from "../src/core/settings/plugin-settings";
import { startFakeModelServer } from "../tests/helpers/fake-model-server";
import { collectGarbage, collectYoungGarbage, median, now, percentile } from "./measure";
import { WORK_DIR } from "./paths";
import { generateQueries, type SampledNote } from "./queries";
import type { DelegateResult, Latency } from "./results";

/** Goals previewed; the first {@link RUNS} of them are also run end to end. */
const GOALS = 20;
const RUNS = 10;
/** Runs made before the timed ones (the connection, the JIT), with goals of their own. */
const WARM_UP_RUNS = 2;
/** Goals whose floor and naive also run untimed first (the preview has already read their files into the page cache). */
const WARM_UP_BASELINES = 3;
/** Bench-only output: the folder is removed afterwards, and its parent too when the bench created it. */
const OUTPUT_FOLDER = "Coworker/Bench runs";
const OUTPUT_TEMPLATE = `${OUTPUT_FOLDER}/{{date}} {{title}}`;
const MODEL = "bench-model";
const MISSING_LINK = "Bench note that does not exist";

type PreviewStep = "preview" | "floor" | "naive";
const PREVIEW_ORDER: PreviewStep[] = ["preview", "floor", "naive"];
type RunStep = "run" | "roundTrip";
const RUN_ORDER: RunStep[] = ["run", "roundTrip"];

export async function benchDelegate(name: string, dir: string, index: VaultIndex, sample: readonly SampledNote[], log: (line: string) => void): Promise<DelegateResult> {
	const started = now();
	const settings: RunSettings & SourceReaders["settings"] = { ...DEFAULT_SETTINGS };
	const budget = settings.contextBudgetTokens;
	// The CLI's own wiring: the vault's reader, writer and link resolver (built once; it lists every file).
	const vault = await openVault(dir, ".obsidian");
	const reader = vault.reader;
	const readers: SourceReaders = { reader, index, links: await vault.links(), settings };

	const { folder, notes: folderNotes } = largestTopLevelFolder(index);
	const goals = generateQueries(sample, GOALS + WARM_UP_RUNS, `goals:${name}`);
	const requestFor = (goal: string): TaskRequest => ({
		goal,
		format: "report",
		sources: [{ kind: "search", query: goal }, ...(folder === null ? [] : [{ kind: "folder", path: folder } satisfies SourceSpec])],
		// The bench vaults have no memory note, and a successful run would create one in the vault.
		useMemory: false,
		agentMode: false,
		trigger: "cli",
		outputTemplate: OUTPUT_TEMPLATE,
	});
	const base = { now: () => Date.now(), settings };
	const preview = async (goal: string, from: SourceReaders = readers): Promise<ContextPreview> => {
		const prepared = await previewTask(requestFor(goal), { ...base, readers: from, writer: vault.writer, model: null, runLog: null });
		if (!prepared.ok) throw new Error(`the preview of "${goal}" failed: ${prepared.error}`);
		return prepared.preview;
	};

	// Untimed round: records which files each preview's gathering reads (the floor's and the naive's files),
	// and warms the page cache and the JIT for all three.
	log(`${name}: delegate: ${GOALS} goals, sources: search + folder ${folder ?? "(none: no folders)"} (${folderNotes} notes, at most ${MAX_NOTES_PER_SOURCE} read)`);
	const readsOf: string[][] = [];
	for (const [i, goal] of goals.slice(0, GOALS).entries()) {
		const recording = new RecordingReader(reader);
		await preview(goal, { ...readers, reader: recording });
		readsOf.push(recording.paths);
		if (i < WARM_UP_BASELINES) {
			await floorRead(reader, recording.paths);
			await naiveContext(reader, recording.paths, budget);
		}
	}

	const timings: Record<PreviewStep, number[]> = { preview: [], floor: [], naive: [] };
	const fill: number[] = [];
	let overruns = 0;
	const messagesOf: ChatMessage[][] = [];
	for (const [i, goal] of goals.slice(0, GOALS).entries()) {
		const paths = readsOf[i] ?? [];
		// A full collection per goal (over 100 ms with a 10k-note index live), a scavenge before each step: what a
		// step leaves behind is collected here, not on the next step's time. The order rotates from goal to goal.
		collectGarbage();
		for (const step of rotate(PREVIEW_ORDER, i)) {
			collectYoungGarbage();
			const start = now();
			if (step === "preview") {
				const shown = await preview(goal);
				timings.preview.push(now() - start);
				fill.push(shown.tokens / shown.budget);
				if (shown.tokens > shown.budget) overruns++;
				messagesOf[i] = shown.messages;
			} else if (step === "floor") {
				await floorRead(reader, paths);
				timings.floor.push(now() - start);
			} else {
				await naiveContext(reader, paths, budget);
				timings.naive.push(now() - start);
			}
		}
	}
	const previewMs = latency(timings.preview);
	const floorMs = latency(timings.floor);
	const naiveMs = latency(timings.naive);
	log(
		`${name}: delegate: preview p50 ${previewMs.p50.toFixed(1)} ms, floor ${floorMs.p50.toFixed(1)} ms, naive ${naiveMs.p50.toFixed(1)} ms; ` +
			`context ${median(fill).toFixed(2)} of the budget, ${overruns} overrun(s)`,
	);

	const run = await endToEnd(
		name,
		{ timed: goals.slice(0, RUNS), warmUp: goals.slice(GOALS, GOALS + WARM_UP_RUNS) },
		messagesOf,
		requestFor,
		{ ...base, readers, writer: vault.writer },
		dir,
		log,
	);
	log(`${name}: delegate phase took ${((now() - started) / 1000).toFixed(1)} s`);
	return {
		goals: GOALS,
		sampleGoals: goals.slice(0, 5),
		folder,
		folderNotes,
		filesRead: spread(readsOf.map((paths) => paths.length)),
		budgetTokens: budget,
		previewMs,
		floorMs,
		naiveMs,
		previewOverFloor: previewMs.p50 / floorMs.p50,
		previewOverNaive: previewMs.p50 / naiveMs.p50,
		contextOverBudget: spread(fill),
		budgetOverruns: overruns,
		run,
	};
}

/** `runTask` against the fake server (instant answer), alternating with the same request sent by the client alone. */
async function endToEnd(
	name: string,
	goals: { timed: readonly string[]; warmUp: readonly string[] },
	messagesOf: readonly ChatMessage[][],
	requestFor: (goal: string) => TaskRequest,
	services: Omit<RunServices, "model" | "runLog">,
	dir: string,
	log: (line: string) => void,
): Promise<DelegateResult["run"]> {
	const { readers } = services;
	const anyNote = readers.index.indexedNotes()[0];
	if (!anyNote) throw new Error(`${name}: the index holds no note to link to`);
	// A short report with one link that resolves and one that does not, so the link check has work to do.
	const answer =
		`## Findings\n\nThe notes agree on the next steps; the details are in [[${readers.links.linktext(anyNote.path, "")}]].\n\n` +
		`- One question is still open, tracked in [[${MISSING_LINK}]].\n- Nothing else needs a decision this week.\n`;
	const server = await startFakeModelServer({ models: [MODEL] });
	server.setDefault({ kind: "reply", text: answer });
	const model = new ModelClient({ baseUrl: server.baseUrl, apiKey: null, model: MODEL, fetch: globalThis.fetch, timeoutMs: 30_000, maxRetries: 0, stream: false });
	// Run records go to the bench's scratch folder, not the vault's plugin folder.
	const runLogDir = join(WORK_DIR, "runs", name.replace(/[^\w.-]+/g, "_"));
	const releaseOutput = await claimOutputFolder(dir);
	try {
		await rm(runLogDir, { recursive: true, force: true });
		const full: RunServices = { ...services, model, runLog: new RunLog(new NodeFileStore(runLogDir)) };
		const runOnce = async (goal: string): Promise<void> => {
			const result = await runTask(requestFor(goal), full);
			if (result.status !== "ok") throw new Error(`the run of "${goal}" failed: ${result.error ?? result.status}`);
			if (result.files.length !== 1 || !result.files[0]?.startsWith(`${OUTPUT_FOLDER}/`)) throw new Error(`the run of "${goal}" wrote ${result.files.join(", ") || "nothing"}`);
			if (result.unresolvedLinks.length !== 1) throw new Error(`the run of "${goal}" found ${result.unresolvedLinks.length} unresolved links (expected 1)`);
		};
		const roundTrip = async (messages: ChatMessage[]): Promise<void> => {
			const turn = await model.complete(messages);
			if (turn.text !== answer) throw new Error("the fake model server answered something else");
		};
		for (const goal of goals.warmUp) {
			await runOnce(goal);
			await roundTrip(messagesOf[0] ?? []);
		}
		const timings: Record<RunStep, number[]> = { run: [], roundTrip: [] };
		for (const [i, goal] of goals.timed.entries()) {
			const messages = messagesOf[i];
			if (!messages) throw new Error(`no preview messages for "${goal}"`);
			collectGarbage();
			for (const step of rotate(RUN_ORDER, i)) {
				collectYoungGarbage();
				const start = now();
				if (step === "run") await runOnce(goal);
				else await roundTrip(messages);
				timings[step].push(now() - start);
			}
		}
		const runMs = latency(timings.run);
		const roundTripMs = latency(timings.roundTrip);
		log(`${name}: delegate: ${goals.timed.length} runs, p50 ${runMs.p50.toFixed(1)} ms; model round trip p50 ${roundTripMs.p50.toFixed(1)} ms`);
		return {
			runs: goals.timed.length,
			runMs,
			roundTripMs,
			runOverRoundTrip: runMs.p50 / roundTripMs.p50,
			overheadMs: runMs.p50 - roundTripMs.p50,
			outputTemplate: OUTPUT_TEMPLATE,
		};
	} finally {
		await server.close();
		await releaseOutput();
		await rm(runLogDir, { recursive: true, force: true });
	}
}

/** Reads exactly these files, one after the other as the gathering does: the I/O no preview can avoid. */
async function floorRead(reader: VaultReader, paths: readonly string[]): Promise<number> {
	let chars = 0;
	for (const path of paths) chars += (await reader.read(path).catch(() => "")).length;
	return chars;
}

/** The obvious implementation: read the same files, then whole notes in gathering order until the budget is used. */
async function naiveContext(reader: VaultReader, paths: readonly string[], budget: number): Promise<string> {
	const texts: string[] = [];
	for (const path of paths) texts.push(await reader.read(path).catch(() => ""));
	const parts: string[] = [];
	let used = 0;
	for (const text of texts) {
		const cost = estimateTokens(text);
		if (used + cost > budget) break;
		parts.push(text);
		used += cost;
	}
	return parts.join("\n\n");
}

/** A reader that notes every path read through it, in order. */
class RecordingReader implements VaultReader {
	readonly paths: string[] = [];

	constructor(private readonly inner: VaultReader) {}

	listMarkdownFiles(): ReturnType<VaultReader["listMarkdownFiles"]> {
		return this.inner.listMarkdownFiles();
	}

	read(path: string): Promise<string> {
		this.paths.push(path);
		return this.inner.read(path);
	}

	readBinary(path: string): Promise<Uint8Array> {
		this.paths.push(path);
		return this.inner.readBinary(path);
	}
}

/** The top-level folder with the most indexed notes (ties: by name), or null when every note is at the root. */
function largestTopLevelFolder(index: VaultIndex): { folder: string | null; notes: number } {
	const counts = new Map<string, number>();
	for (const { path } of index.indexedNotes()) {
		const slash = path.indexOf("/");
		if (slash > 0) counts.set(path.slice(0, slash), (counts.get(path.slice(0, slash)) ?? 0) + 1);
	}
	const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
	return best ? { folder: best[0], notes: best[1] } : { folder: null, notes: 0 };
}

/**
 * Makes sure the bench's output folder starts empty, and returns how to remove it afterwards: the folder
 * itself, and each parent the runs created (so the vault is left exactly as it was).
 */
async function claimOutputFolder(dir: string): Promise<() => Promise<void>> {
	const exists = async (path: string): Promise<boolean> => stat(join(dir, path)).then(() => true, () => false);
	const parts = OUTPUT_FOLDER.split("/");
	const missingParents: string[] = [];
	for (let i = 1; i < parts.length; i++) {
		const parent = parts.slice(0, i).join("/");
		if (!(await exists(parent))) missingParents.push(parent);
	}
	// A folder left by an interrupted bench run holds only bench deliverables.
	await rm(join(dir, OUTPUT_FOLDER), { recursive: true, force: true });
	return async () => {
		await rm(join(dir, OUTPUT_FOLDER), { recursive: true, force: true });
		// Deepest first; rmdir refuses a folder that is not empty, so nothing but the runs' own folders goes.
		for (const parent of missingParents.reverse()) await rmdir(join(dir, parent));
	};
}

function rotate<T>(items: readonly T[], by: number): T[] {
	const k = by % items.length;
	return [...items.slice(k), ...items.slice(0, k)];
}

function spread(values: readonly number[]): { median: number; min: number; max: number } {
	return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

function latency(timings: readonly number[]): Latency {
	return { count: timings.length, p50: median(timings), p95: percentile(timings, 95), max: Math.max(...timings) };
}
