/** The printed report: one markdown row per vault, then the targets and the retrieval quality. */
import { megabytes, round } from "./measure";
import type { BenchResults, VaultResult } from "./results";
import type { TargetCheck } from "./targets";
import { retrievalTargets } from "./targets";

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
	["longest block ms cold/save/warm", (v) => `${fmt(v.uiBlockingMs.coldMs)} / ${fmt(v.uiBlockingMs.saveMs)} / ${fmt(v.uiBlockingMs.warmMs)}`],
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
	const { retrieval } = results;
	out.push(`### Retrieval quality (Obsidian help vault, ${retrieval.notes} notes)`, "");
	out.push(
		table(
			["question set", "questions", "ours recall@5", "ours MRR", "naive recall@5", "naive MRR"],
			retrieval.sets.map((s) => [
				`${s.name} (${s.file})`,
				String(s.ours.questions),
				s.ours.recallAt5.toFixed(2),
				s.ours.mrr.toFixed(2),
				s.naive.recallAt5.toFixed(2),
				s.naive.mrr.toFixed(2),
			]),
		),
		"",
	);
	out.push(checks(retrievalTargets(retrieval)), "");
	for (const set of retrieval.sets) {
		if (set.missingAnswers.length > 0) out.push(`⚠ ${set.file}: ${set.missingAnswers.length} answer(s) name no note of the vault: ${set.missingAnswers.join(", ")}`, "");
	}
	return out.join("\n");
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
