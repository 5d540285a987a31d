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
