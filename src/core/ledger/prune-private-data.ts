/** Keeps the plugin's private folder from growing without bound: old run records, settled claims and ledger history go. */
import type { KeyValueStore } from "../ports/key-value-store";
import type { RunLog } from "./run-log";
import { WorkflowLedger } from "../workflow/workflow-ledger";
import type { OccurrenceClaims } from "../workflow/occurrence-claims";

export interface PrivateData {
	runLog: RunLog;
	claims: OccurrenceClaims;
	ledger: WorkflowLedger;
	/** Where the time of the last pruning is kept (the plugin's folder). */
	state: KeyValueStore;
}

export interface PruneReport {
	runRecords: number;
	claims: number;
	occurrences: number;
}

export const PRUNE_STATE_KEY = "pruned.json";
const DAY_MS = 86_400_000;

/**
 * Removes what is older than `keepDays` before `now`: run records, claims whose occurrence is settled, and
 * the ledger's occurrence history (its last success stays). It runs at most once a day, since the claims are
 * read one by one and a five-minute schedule makes many; null when it was not due.
 */
export async function prunePrivateData(data: PrivateData, now: number, keepDays: number): Promise<PruneReport | null> {
	const last = await lastPruned(data.state);
	if (last !== null && now >= last && now - last < DAY_MS) return null;
	const before = now - keepDays * DAY_MS;
	const ledger = await data.ledger.all();
	const report: PruneReport = {
		runRecords: await data.runLog.pruneOlderThan(before),
		claims: await data.claims.pruneOlderThan(before, (workflow, occurrence) => WorkflowLedger.isUnsettled(ledger[workflow], occurrence)),
		occurrences: await data.ledger.pruneOccurrences(before),
	};
	await data.state.write(PRUNE_STATE_KEY, JSON.stringify({ at: now }));
	return report;
}

async function lastPruned(state: KeyValueStore): Promise<number | null> {
	try {
		const parsed = JSON.parse((await state.read(PRUNE_STATE_KEY)) ?? "null") as { at?: unknown } | null;
		return typeof parsed?.at === "number" ? parsed.at : null;
	} catch {
		return null;
	}
}
