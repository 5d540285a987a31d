/** The shape of bench/results.json: per-vault figures, targets, retrieval quality, MCP tools and the machine they came from. */
import { cpus, totalmem } from "node:os";
import type { WholeProcessResult } from "./cli-bench";
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

/** MCP tool calls against the stdio calendar fixture server, and the SDK's share of the plugin's start-up (mcp-bench.ts). */
export interface McpResult {
	/** The fixture server, started with this process's Node, and the tool called (as the model sees its name). */
	server: string;
	tool: string;
	calls: {
		count: number;
		/** `ToolSession.call` through a long-lived pool: permission check, the call, the record and the cut. */
		oursMs: Latency;
		/** `Client.callTool` alone on one connected SDK client to another process of the same server. */
		floorMs: Latency;
		/** From the p50s: ours ÷ floor, and ours − floor in milliseconds. */
		oursOverFloor: number;
		overheadMs: number;
	};
	/** A run's first tool list and one call, each way; medians over the rounds. */
	starts: {
		rounds: number;
		/** A pool with no idle time, as the command line makes per command: start, list, call, stop. */
		startedMs: Repeated;
		/** The app's pool, already holding the server from an earlier run. */
		keptMs: Repeated;
		/** No pool: the list and the call each on a fresh McpConnections (two starts and stops). */
		naiveMs: Repeated;
		/** Spawning `node -e ""` and waiting for it to exit: the cost of starting Node at all. */
		nodeStartMs: Repeated;
		startedOverKept: number;
		startedOverNodeStart: number;
		naiveOverStarted: number;
	};
	pluginStartup: {
		/** Timed loads of each bundle per mode. */
		loads: number;
		pluginBytes: number;
		floorBytes: number;
		sdkBytes: number;
		/** main.js built with the exporters left out (mcp-bench.ts mainWithoutExporters). */
		withoutExportBytes: number;
		/** When the main.js measured was built (npm run bench builds it first). */
		pluginBuiltAt: string;
		/** Each load with source text V8 has not compiled before, as in a new Obsidian process. */
		compiled: PluginStartup;
		/** The same text loaded again, compiled code taken from V8's cache: evaluation alone. */
		cached: PluginStartup;
		/** With --compare-main: the other main.js timed in the same rounds, and its size. */
		compareFile?: string;
		compareBytes?: number;
		/** The plugin constructed with the test double's App and its onload awaited, as a whole, against an empty plugin's. */
		onload: PluginOnload;
	};
	/** Calendar servers of this process still running at the end (should be 0); null when `ps` could not be run. */
	serversLeft: number | null;
}

/** Evaluating main.js as Obsidian does, against an empty plugin bundle (floor) and main.js plus the SDK loaded eagerly (naive). */
export interface PluginStartup {
	pluginMs: Repeated;
	floorMs: Repeated;
	naiveMs: Repeated;
	/** The same main.js built with the exporters left out, in the same rounds. */
	withoutExportMs: Repeated;
	pluginOverFloor: number;
	naiveOverPlugin: number;
	/** naive − main.js, from the medians: what a static import of the SDK would add to every start. */
	eagerSdkMs: number;
	/** main.js − main.js without the exporters, from the medians: what the office exports add to every start. */
	exportShareMs: number;
	/** With --compare-main: the other main.js, loaded in the same rounds. */
	compareMs?: Repeated;
}

/** Constructing the plugin with the test double's App and awaiting its onload, against an empty plugin (onload-bench.ts). */
export interface PluginOnload {
	loads: number;
	pluginMs: Repeated;
	floorMs: Repeated;
	pluginOverFloor: number;
	/** main.js − floor, from the medians. */
	overheadMs: number;
	/** main.js built with the exporters left out (mcp-bench.ts mainWithoutExporters). */
	withoutExportMs: Repeated;
	/** main.js − main.js without the exporters, from the medians: what exporting adds to onload. */
	exportShareMs: number;
	/** With --compare-main: the other main.js's onload, in the same rounds. */
	compareMs?: Repeated;
}

export interface BenchResults {
	machine: { node: string; platform: string; arch: string; cpus: number; cpuModel: string; totalMemoryBytes: number; date: string };
	options: { sizes: number[]; corpora: string[]; wholeProcessCorpora: string[]; repetitions: number; processRounds?: number; queries: number; incrementalUpdates: number; mcpCalls: number; mcpStarts: number; pluginLoads: number; startupOnly?: boolean; compareMain?: string | null };
	vaults: VaultResult[];
	targets: { vault: string; checks: TargetCheck[] } | null;
	/** The `coworker` CLI as whole processes beside the floor and naive scripts, one entry per vault (cli-bench.ts). */
	wholeProcess: WholeProcessResult[];
	/** Checked on the vault with the most notes in `wholeProcess` (tldr-pages in a default run). */
	wholeProcessTargets: { vault: string; checks: TargetCheck[] } | null;
	retrieval: RetrievalReport;
	mcp: McpResult;
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
