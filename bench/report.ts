/** The printed report: one markdown row per vault, then the targets, the retrieval quality and the MCP tools. */
import { megabytes, round } from "./measure";
import type { BenchResults, McpResult, PluginStartup, VaultResult } from "./results";
import type { TargetCheck } from "./targets";
import { COMMAND_LABELS, retrievalTargets } from "./targets";
import { WHOLE_PROCESS_COMMANDS, type WholeProcessResult } from "./cli-bench";
import { longestOfRounds } from "./ui-blocking";
import type { RetrievalReport } from "./retrieval-quality";

const COLUMNS: [string, (v: VaultResult) => string][] = [
	["vault", (v) => v.name],
	["notes", (v) => String(v.notes)],
	["MB", (v) => String(megabytes(v.totalBytes))],
	["sections", (v) => String(v.sections)],
	["floor ms", (v) => fmt(v.floorMs.median)],
	["naive ms", (v) => fmt(v.naiveMs.median)],
	["cold ms", (v) => fmt(v.coldMs.median)],
	["cold/floor", (v) => `${fmt(v.coldOverFloor)}×`],
	["warm ms", (v) => fmt(v.warmMs.median)],
	["warm/cold", (v) => `${fmt(v.warmOverCold)}×`],
	["save ms", (v) => fmt(v.saveMs.median)],
	["cache MB", (v) => String(megabytes(v.cacheBytes))],
	["incr. p50/p95 ms", (v) => `${fmt(v.incrementalMs.p50)} / ${fmt(v.incrementalMs.p95)}`],
	["query p50/p95 ms", (v) => `${fmt(v.queryMs.p50)} / ${fmt(v.queryMs.p95)}`],
	["snippet p95 ms", (v) => fmt(v.snippetQueryMs.p95)],
	["peak RSS MB floor/naive/cold/warm", (v) => (["floor", "naive", "cold", "warm"] as const).map((p) => megabytes(v.freshProcess[p].maxRssBytes)).join(" / ")],
	["longest block ms cold/save/warm (median of rounds; max)", (v) => `${fmt(v.uiBlockingMs.coldMs)} / ${fmt(v.uiBlockingMs.saveMs)} / ${fmt(v.uiBlockingMs.warmMs)}; ${fmt(longestOfRounds(v.uiBlockingMs))}`],
	["heap MB naive/ours", (v) => `${megabytes(v.freshProcess.naive.heapUsedBytes)} / ${megabytes(v.freshProcess.cold.heapUsedBytes)}`],
];

/** The second table: the run pipeline on the warm index (delegate-bench.ts). */
const RUN_COLUMNS: [string, (v: VaultResult) => string][] = [
	["vault", (v) => v.name],
	["preview p50/p95 ms", (v) => `${fmt(v.delegate.previewMs.p50)} / ${fmt(v.delegate.previewMs.p95)}`],
	["floor ms", (v) => fmt(v.delegate.floorMs.p50)],
	["naive ms", (v) => fmt(v.delegate.naiveMs.p50)],
	["preview/floor", (v) => `${fmt(v.delegate.previewOverFloor)}×`],
	["preview/naive", (v) => `${fmt(v.delegate.previewOverNaive)}×`],
	["context tokens / budget", (v) => v.delegate.contextOverBudget.median.toFixed(2)],
	["overruns", (v) => `${v.delegate.budgetOverruns} of ${v.delegate.goals}`],
	["run p50/p95 ms", (v) => `${fmt(v.delegate.run.runMs.p50)} / ${fmt(v.delegate.run.runMs.p95)}`],
	["model round trip ms", (v) => fmt(v.delegate.run.roundTripMs.p50)],
	["run/round trip", (v) => `${fmt(v.delegate.run.runOverRoundTrip)}×`],
];

/** The MCP tools table: one row, for the calendar fixture server (mcp-bench.ts). */
const MCP_COLUMNS: [string, (m: McpResult) => string][] = [
	["call p50/p95 ms", (m) => `${fmt(m.calls.oursMs.p50)} / ${fmt(m.calls.oursMs.p95)}`],
	["floor p50/p95 ms", (m) => `${fmt(m.calls.floorMs.p50)} / ${fmt(m.calls.floorMs.p95)}`],
	["call/floor", (m) => `${fmt(m.calls.oursOverFloor)}×`],
	["kept ms", (m) => fmt(m.starts.keptMs.median)],
	["started ms", (m) => fmt(m.starts.startedMs.median)],
	["started/kept", (m) => `${fmt(m.starts.startedOverKept)}×`],
	["naive ms", (m) => fmt(m.starts.naiveMs.median)],
	["naive/started", (m) => `${fmt(m.starts.naiveOverStarted)}×`],
	["node start ms", (m) => fmt(m.starts.nodeStartMs.median)],
	["started/node start", (m) => `${fmt(m.starts.startedOverNodeStart)}×`],
];

/** The plugin start-up table: one row per way of loading (a new compile, V8's cached code). */
const STARTUP_COLUMNS: [string, (p: PluginStartup) => string][] = [
	["main.js ms", (p) => fmt(p.pluginMs.median)],
	["floor ms", (p) => fmt(p.floorMs.median)],
	["main.js/floor", (p) => `${fmt(p.pluginOverFloor)}×`],
	["naive ms", (p) => fmt(p.naiveMs.median)],
	["naive/main.js", (p) => `${fmt(p.naiveOverPlugin)}×`],
	["eager SDK ms", (p) => fmt(p.eagerSdkMs)],
	["without exporters ms", (p) => fmt(p.withoutExportMs.median)],
	["exporters' share ms", (p) => fmt(p.exportShareMs)],
];

/** With --compare-main: the other main.js, and ours over it. */
const COMPARE_COLUMNS: [string, (p: PluginStartup) => string][] = [
	["compared ms", (p) => (p.compareMs ? fmt(p.compareMs.median) : "")],
	["main.js/compared", (p) => (p.compareMs ? `${fmt(p.pluginMs.median / p.compareMs.median)}×` : "")],
];

export function renderReport(results: BenchResults): string {
	const out: string[] = [];
	const { machine, options } = results;
	out.push(`## Index bench — ${machine.date.slice(0, 10)}, Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}`, "");
	out.push(table(COLUMNS.map(([title]) => title), results.vaults.map((v) => COLUMNS.map(([, cell]) => cell(v)))), "");
	const baseline = results.vaults.map((v) => megabytes(v.freshProcess.baseline.maxRssBytes));
	out.push(
		`Times are medians of ${options.repetitions} run(s) after a warm-up round; floor, naive and cold alternate. ` +
			`Queries: ${options.queries} per vault; incremental: ${options.incrementalUpdates} notes. ` +
			`Peak RSS and heap come from one fresh process per phase; a process that loads the same code and builds nothing peaks at ` +
			`${Math.min(...baseline) === Math.max(...baseline) ? Math.min(...baseline) : `${Math.min(...baseline)}–${Math.max(...baseline)}`} MB.`,
		"",
	);
	out.push("### Run pipeline (previewTask and runTask on the warm index)", "");
	out.push(table(RUN_COLUMNS.map(([title]) => title), results.vaults.map((v) => RUN_COLUMNS.map(([, cell]) => cell(v)))), "");
	const first = results.vaults[0]?.delegate;
	if (first) {
		const folders = results.vaults.map((v) => `${v.delegate.folder ?? "none"} (${v.delegate.folderNotes} notes) on ${v.name}`).join(", ");
		out.push(
			`Preview: ${first.goals} goals, each with the sources [search the goal, the vault's largest top-level folder], ${first.budgetTokens}-token budget; ` +
				`the folder: ${folders}, of which the gathering reads at most 200. Floor = reading exactly the files the gathering read; ` +
				`naive = the same reads, whole notes joined until the budget is used. Times are p50s; context tokens / budget is the median; ` +
				`overruns are previews over the budget. Run: ${first.run.runs} runTask calls against an in-process fake model server that answers at once, ` +
				`alternating with the same request sent by ModelClient alone (the round trip).`,
			"",
		);
	}
	if (results.targets) {
		out.push(`### Targets (on ${results.targets.vault}; set for the 10k-note synthetic vault)`, "");
		out.push(checks(results.targets.checks), "");
	}
	out.push(...wholeProcessSection(results));
	out.push(...retrievalSection(results.retrieval));
	out.push(...mcpSection(results.mcp));
	return out.join("\n");
}

/** The retrieval table: one row per question set, each on its own vault, ours beside naive; then the targets. */
export function retrievalSection(retrieval: RetrievalReport): string[] {
	const out = ["### Retrieval quality (every question set of bench/retrieval, each on its own vault)", ""];
	out.push(
		table(
			["question set", "vault (notes)", "questions", "ours recall@5", "ours MRR", "naive recall@5", "naive MRR", "ours query p95 ms"],
			retrieval.sets.map((s) => [
				`${s.role} (${s.file})`,
				`${s.vault} (${s.notes})`,
				String(s.ours.questions),
				s.ours.recallAt5.toFixed(2),
				s.ours.mrr.toFixed(2),
				s.naive.recallAt5.toFixed(2),
				s.naive.mrr.toFixed(2),
				fmt(s.oursQueryP95Ms),
			]),
		),
		"",
	);
	out.push(checks(retrievalTargets(retrieval)), "");
	for (const set of retrieval.sets) {
		if (set.missingAnswers.length > 0) out.push(`⚠ ${set.file}: ${set.missingAnswers.length} answer(s) name no note of the vault: ${set.missingAnswers.join(", ")}`, "");
	}
	return out;
}

function wholeProcessSection(results: BenchResults): string[] {
	if (results.wholeProcess.length === 0) return [];
	const out = ["### Whole processes (the `coworker` CLI from dist/coworker.cjs beside two plain scripts)", ""];
	const row = (w: WholeProcessResult): string[] => [
		w.vault,
		String(w.notes),
		...WHOLE_PROCESS_COMMANDS.map((command) => {
			const figures = w.commands[command];
			return command === "floor" ? `${fmt(figures.wallMs)}` : `${fmt(figures.wallMs)} (${fmt(figures.overFloor)}×)`;
		}),
		WHOLE_PROCESS_COMMANDS.map((command) => fmt(w.commands[command].cpuOverFloor)).slice(1).join(" / "),
		WHOLE_PROCESS_COMMANDS.map((command) => String(w.commands[command].maxRssMB)).join(" / "),
	];
	out.push(
		table(
			["vault", "notes", ...WHOLE_PROCESS_COMMANDS.map((command) => `${COMMAND_LABELS[command]} ms`), "CPU ×floor naive/rebuild/index/search", "peak RSS MB floor/naive/rebuild/index/search"],
			results.wholeProcess.map(row),
		),
		"",
	);
	out.push(
		`Each command is a fresh \`node\` process; ms is the median wall time from spawn to exit over ${results.options.processRounds ?? results.options.repetitions} run(s) after an untimed round, ` +
			`(×) its ratio to the floor's median. Floor = list, read every note synchronously and parse its frontmatter with gray-matter; naive = the floor, then ` +
			`MiniSearch with default options over whole notes and one JSON.stringify of it to disk; both bundled with esbuild as the CLI is. ` +
			`Search runs one generated query per run on the vault the rebuild left. CPU and peak RSS are the process's own at exit (CPU from process.resourceUsage, peak RSS from /proc/self/status VmHWM on Linux: getrusage counts the parent's size at the fork).`,
		"",
	);
	if (results.wholeProcessTargets) {
		out.push(`#### Whole-process targets (on ${results.wholeProcessTargets.vault})`, "");
		out.push(checks(results.wholeProcessTargets.checks), "");
	}
	return out;
}

function mcpSection(mcp: McpResult): string[] {
	const { calls, starts, pluginStartup } = mcp;
	const out = [`### MCP tools (stdio ${mcp.server}, ${mcp.tool})`, ""];
	out.push(table(MCP_COLUMNS.map(([title]) => title), [MCP_COLUMNS.map(([, cell]) => cell(mcp))]), "");
	out.push(
		`Call: ${calls.count} calls through ToolSession on a long-lived pool (permission check, record, cut), alternating with Client.callTool ` +
			`on one SDK client to its own server (the floor). Kept, started, naive: a run's first tool list + one call, median of ${starts.rounds} rounds; ` +
			`kept = the app's pool already holds the server, started = a pool with no idle time as the command line makes (start, list, call, stop), ` +
			`naive = a fresh McpConnections for the list and another for the call; node start = spawning node -e "" until it exits.`,
		"",
	);
	if (mcp.serversLeft === null) out.push("⚠ ps could not be run: nothing checked that every server stopped.", "");
	else if (mcp.serversLeft > 0) out.push(`⚠ ${mcp.serversLeft} calendar server(s) were still running when the bench ended.`, "");
	out.push(...startupSection(pluginStartup));
	return out;
}

/** The plugin's start-up table (also the whole report of `--startup-only`). */
export function startupSection(pluginStartup: McpResult["pluginStartup"]): string[] {
	const out: string[] = [];
	out.push(`### Plugin start-up (main.js, ${Math.round(pluginStartup.pluginBytes / 1024)} KB, evaluated as Obsidian loads it)`, "");
	const modes: [string, PluginStartup][] = [
		["compiled each time", pluginStartup.compiled],
		["cached code", pluginStartup.cached],
	];
	const columns = pluginStartup.compareFile === undefined ? STARTUP_COLUMNS : [...STARTUP_COLUMNS, ...COMPARE_COLUMNS];
	out.push(table(["load", ...columns.map(([title]) => title)], modes.map(([mode, p]) => [mode, ...columns.map(([, cell]) => cell(p))])), "");
	if (pluginStartup.compareFile !== undefined) out.push(`Compared: ${pluginStartup.compareFile} (${Math.round((pluginStartup.compareBytes ?? 0) / 1024)} KB), loaded in the same rounds as main.js.`, "");
	out.push(
		`Medians of ${pluginStartup.loads} loads, as the body of a CommonJS function with a require that knows only obsidian. ` +
			`Floor = a bundle of the same shape that only extends Plugin; naive = main.js, then the SDK's client and types loaded eagerly ` +
			`(${Math.round(pluginStartup.sdkBytes / 1024)} KB bundle); without exporters = main.js built with the module that reaches the office exporters ` +
			`left out (${Math.round(pluginStartup.withoutExportBytes / 1024)} KB), so the share is what exporting adds to every start. Compiled each time = new source text, as in a new Obsidian process; cached = the same text again.`,
		"",
	);
	const { onload } = pluginStartup;
	if (onload) {
		out.push("### Plugin onload (main.js's plugin constructed with the test double's App, onload awaited)", "");
		const compared = onload.compareMs;
		const compareHeaders = compared ? ["compared ms", "main.js/compared"] : [];
		const compareCells = compared ? [fmt(compared.median), `${fmt(onload.pluginMs.median / compared.median)}×`] : [];
		out.push(
			table(
				["main.js ms", "floor ms", "main.js/floor", "main.js − floor ms", "without exporters ms", "exporters' share ms", ...compareHeaders],
				[
					[
						fmt(onload.pluginMs.median),
						fmt(onload.floorMs.median),
						`${fmt(onload.pluginOverFloor)}×`,
						fmt(onload.overheadMs),
						fmt(onload.withoutExportMs.median),
						fmt(onload.exportShareMs),
						...compareCells,
					],
				],
			),
			"",
		);
		out.push(
			`Medians of ${onload.loads} loads each, in turn, each on a new App over a copy of the example vault (not timed); floor = the empty plugin's onload; without exporters = the start-up table's bundle of that name. ` +
				"Indexing waits for the layout, so none of it is here; the evaluation of main.js is in the table above.",
			"",
		);
	}
	return out;
}

function checks(list: readonly TargetCheck[]): string {
	return table(
		["target", "measured", ""],
		list.map((c) => [c.target, c.measured, c.pass ? "✓" : "✗"]),
	);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
	const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
	return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function fmt(value: number): string {
	return String(round(value));
}
