/** The panel's "Recent runs": one row per run record, with its duration, tokens and estimated cost. */
import type { RunRecord } from "../ledger/run-record";
import { estimateCost, formatCost, type ModelPrices } from "./model-prices";

export interface RecentRunRow {
	id: string;
	/** The workflow's name, or the delegated task's goal. */
	title: string;
	status: RunRecord["status"];
	/** "ok", "failed", "cancelled" in words. */
	statusText: string;
	/** "42 s", "3 min 5 s"; "" when the record's times cannot be read. */
	duration: string;
	/** "1,234 tokens"; "" when the endpoint reported none. */
	tokens: string;
	/** "≈ $0.0031"; "" when the price table has no price for the run's model (a local model). */
	cost: string;
	deliverable: string | null;
	/** The error sentence of a failed or cancelled run. */
	error: string | null;
}

const STATUS_WORDS: Record<RunRecord["status"], string> = { ok: "Done", failed: "Failed", cancelled: "Cancelled" };

export function recentRunRows(records: readonly RunRecord[], prices: ModelPrices): RecentRunRow[] {
	return records.map((record) => {
		const ms = Date.parse(record.finishedAt) - Date.parse(record.startedAt);
		const usage = record.usage;
		const cost = usage && usage.totalTokens > 0 ? estimateCost(usage, record.model, prices) : null;
		return {
			id: record.id,
			title: record.workflow ? workflowName(record.workflow.path) : record.goal,
			status: record.status,
			statusText: STATUS_WORDS[record.status] ?? record.status,
			duration: Number.isFinite(ms) && ms >= 0 ? durationWords(ms) : "",
			tokens: usage && usage.totalTokens > 0 ? tokenWords(usage.totalTokens) : "",
			cost: cost === null ? "" : `≈ ${formatCost(cost)}`,
			deliverable: record.deliverable,
			error: record.status === "ok" ? null : record.error,
		};
	});
}

/** `Workflows/Weekly status.md` → `Weekly status`. */
export function workflowName(path: string): string {
	return path.replace(/^.*\//, "").replace(/\.md$/i, "");
}

/** "850 ms", "42 s", "3 min 5 s", "1 h 2 min". */
export function durationWords(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	const seconds = Math.floor(ms / 1000);
	if (seconds < 60) return `${seconds} s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
	return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "1 token", "12,345 tokens" (grouped the same way on every device). */
export function tokenWords(tokens: number): string {
	const grouped = String(tokens).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
	return `${grouped} token${tokens === 1 ? "" : "s"}`;
}
