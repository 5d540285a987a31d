/** `coworker workflows`: every workflow note with its validity, problems, schedule (in words and as its RRULE), next runs and last run. */
import type { VaultContext } from "../composition-root";
import type { Output } from "../output";
import { saveIndexCache } from "../save-index-cache";
import { workflowPorts } from "../workflow-context";
import type { WorkflowRead } from "../../core/workflow/workflow";
import type { LedgerEntry } from "../../core/workflow/workflow-ledger";
import { latestGivenUp } from "../../core/workflow/given-up";

export async function runWorkflowsCommand(vault: VaultContext, options: { json: boolean; now: number }, out: Output): Promise<number> {
	await vault.index.refresh();
	await saveIndexCache(vault, out);
	const ports = await workflowPorts(vault, { now: () => options.now, model: null });
	const reads = await ports.listWorkflows();
	const ledger = await ports.ledger.all();
	const rows = reads.map((read) => describe(read, ledger[read.path] ?? null, options.now));
	if (options.json) {
		out.json({ workflows: rows });
		return 0;
	}
	for (const warning of vault.warnings) out.error(`warning: ${warning}`);
	if (rows.length === 0) {
		out.line("No workflow notes (notes with coworker: workflow in their properties) were found.");
		return 0;
	}
	for (const row of rows) {
		out.line(`${row.path}${row.valid ? "" : "  [invalid]"}`);
		if (row.schedule) out.line(`  schedule: ${row.schedule}`);
		// Shown back as the rule it runs by, so words (every weekday at 9am) can be checked against their meaning.
		if (row.rrule) out.line(`  rrule: ${row.rrule.replace(/\n/g, "\\n")}`);
		if (row.next.length > 0) out.line(`  next: ${row.next.join(", ")}`);
		if (row.last_run) out.line(`  last run: ${row.last_run.occurrence} ${row.last_run.status}${row.last_run.deliverable ? ` → ${row.last_run.deliverable}` : ""}${row.last_run.error ? ` (${row.last_run.error})` : ""}${row.last_run.next_try ? `; next try ${row.last_run.next_try}` : ""}`);
		if (row.given_up) out.line(`  given up: ${row.given_up}`);
		for (const problem of row.problems) out.line(`  problem: ${problem}`);
	}
	return 0;
}

function describe(read: WorkflowRead, entry: LedgerEntry | null, now: number) {
	const workflow = read.workflow;
	const last = entry ? Object.entries(entry.occurrences).sort(([, a], [, b]) => b.at - a.at)[0] : undefined;
	return {
		path: read.path,
		valid: workflow !== null,
		problems: read.problems.map((problem) => problem.message),
		schedule: workflow?.schedule?.describe() ?? null,
		rrule: workflow?.schedule?.rrule ?? null,
		next: workflow?.schedule ? workflow.schedule.next(now, 3).map((occurrence) => occurrence.iso) : [],
		last_run: last ? { occurrence: last[0], status: last[1].status, deliverable: last[1].deliverable, error: last[1].error, next_try: nextTry(last[1].nextTryAt) } : null,
		/** The newest occurrence given up after failing until its next one came, in one sentence; null when none. */
		given_up: latestGivenUp(entry)?.sentence ?? null,
	};
}

function nextTry(at: number | null | undefined): string | null {
	return typeof at === "number" ? new Date(at).toISOString() : null;
}
