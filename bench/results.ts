/** The shape of bench/results.json: per-vault figures, targets, retrieval quality and the machine they came from. */
import { cpus, totalmem } from "node:os";
import type { FreshPhase, FreshProcessReport } from "./fresh-process";
import type { RetrievalReport } from "./retrieval-quality";
import type { TargetCheck } from "./targets";
import type { UiBlocking } from "./ui-blocking";

/** A timing repeated a few times: every run in milliseconds, and their median (the figure reported). */
export interface Repeated {
	runs: number[];
	median: number;
}

/** Percentiles of many timings of one operation, in milliseconds. */
export interface Latency {
	count: number;
	p50: number;
	p95: number;
	max: number;
}

export interface VaultResult {
	name: string;
	kind: "synthetic" | "corpus";
	dir: string;
	/** Markdown files listed, notes indexed (private, skipped and binary files are listed but not indexed). */
	files: number;
	notes: number;
	sections: number;
	totalBytes: number;
	medianNoteBytes: number;
	largestNoteBytes: number;
	floorMs: Repeated;
	naiveMs: Repeated;
	coldMs: Repeated;
	/** cold / floor and naive / floor, from the medians. */
	coldOverFloor: number;
	naiveOverFloor: number;
	warmMs: Repeated;
	warmOverCold: number;
	saveMs: Repeated;
	cacheBytes: number;
	incrementalMs: Latency;
	queryMs: Latency;
	snippetQueryMs: Latency;
	/** Sample queries, to see what was measured. */
	sampleQueries: string[];
	/** Problems the cold build reported (broken frontmatter and the like), counted. */
	problems: number;
	freshProcess: Record<FreshPhase, FreshProcessReport>;
	/** Longest single block of the thread during the time-sliced cold build, save and warm start (plugin clock). */
	uiBlockingMs: UiBlocking;
	/** The run pipeline on the warm index: previews and whole runs (delegate-bench.ts). */
	delegate: DelegateResult;
}

/** The run pipeline's own cost, against a floor and a naive baseline measured in the same run. */
export interface DelegateResult {
	/** Goals previewed (drawn from the vault's words by the query generator), and the first few of them. */
	goals: number;
	sampleGoals: string[];
	/** The folder source of every preview: the vault's largest top-level folder (null when there is none). */
	folder: string | null;
	/** Indexed notes in that folder; the gathering reads at most MAX_NOTES_PER_SOURCE of them. */
	folderNotes: number;
	/** Files the gathering read per preview (search hits + folder notes): the floor's and the naive's files. */
	filesRead: { median: number; min: number; max: number };
	budgetTokens: number;
	/** `previewTask` with sources [search goal, folder], no model. */
	previewMs: Latency;
	/** Reading exactly the files the preview's gathering read, one after the other. */
	floorMs: Latency;
	/** The same reads, then whole notes joined in gathering order until the budget is used. */
	naiveMs: Latency;
	/** From the p50s. */
	previewOverFloor: number;
	previewOverNaive: number;
	/** Estimated tokens of the whole request ÷ the budget, over the goals. */
	contextOverBudget: { median: number; min: number; max: number };
	/** Previews whose estimated tokens exceeded the budget. */
	budgetOverruns: number;
	run: {
		runs: number;
		/** `runTask` against the in-process fake model server: context, model call, links, write, run record. */
		runMs: Latency;
		/** `ModelClient.complete` alone with the same messages against the same server. */
		roundTripMs: Latency;
		/** From the p50s: run ÷ round trip, and run − round trip in milliseconds. */
		runOverRoundTrip: number;
		overheadMs: number;
		outputTemplate: string;
	};
}

export interface BenchResults {
	machine: { node: string; platform: string; arch: string; cpus: number; cpuModel: string; totalMemoryBytes: number; date: string };
	options: { sizes: number[]; corpora: string[]; repetitions: number; queries: number; incrementalUpdates: number };
	vaults: VaultResult[];
	targets: { vault: string; checks: TargetCheck[] } | null;
	retrieval: RetrievalReport;
	/** Wall time of the whole bench run. */
	totalSeconds: number;
}

export function machineInfo(): BenchResults["machine"] {
	const cores = cpus();
	return {
		node: process.version,
		platform: process.platform,
		arch: process.arch,
		cpus: cores.length,
		cpuModel: cores[0]?.model.trim() ?? "unknown",
		totalMemoryBytes: totalmem(),
		date: new Date().toISOString(),
	};
}
