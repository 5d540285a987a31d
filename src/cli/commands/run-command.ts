/** `coworker run`: the due occurrences of every workflow (`--due`), or the named workflows now; for cron and systemd timers. */
import type { VaultContext } from "../composition-root";
import type { Output } from "../output";
import { saveIndexCache } from "../save-index-cache";
import { useSemanticSearch } from "../semantic-config";
import type { ModelEnvironment } from "../model-config";
import { workflowPorts } from "../workflow-context";
import { WorkflowScheduler, type WorkflowRunReport } from "../../core/workflow/workflow-scheduler";
import { dueOccurrences } from "../../core/workflow/due-occurrences";
import { previewTask } from "../../core/run/run-task";
import { workflowRequest } from "../../core/workflow/workflow-request";
import { vaultPathOf } from "../../core/notes/note-path";
import { UsageError } from "../usage-error";
import { isoWithOffset } from "../../core/workflow/time-zones";
import { prunePrivateData } from "../../core/ledger/prune-private-data";

export interface RunOptions extends ModelEnvironment {
	due: boolean;
	paths: string[];
	now: number | null;
	dryRun: boolean;
	json: boolean;
}

export async function runRunCommand(vault: VaultContext, options: RunOptions, out: Output, signal?: AbortSignal): Promise<number> {
	await vault.index.refresh();
	await saveIndexCache(vault, out);
	// A dry run sends nothing anywhere, so its search sources rank by words only.
	if (!options.dryRun) await useSemanticSearch(vault, options.env, out);
	for (const warning of vault.warnings) out.error(`warning: ${warning}`);
	const fixedNow = options.now;
	const now = (): number => fixedNow ?? Date.now();
	const model = options.dryRun ? null : await vault.model(options);
	for (const note of model?.notes ?? []) out.error(`note: ${note}`);
	const tools = await vault.externalTools(options);
	for (const problem of tools.problems) out.error(`warning: ${problem}`);
	const ports = await workflowPorts(vault, { now, model: model?.client ?? null, ...(signal ? { signal } : {}), ...(tools.open ? { externalTools: tools.open } : {}) });
	const reads = await ports.listWorkflows();
	if (!options.dryRun) await pruneAtStart(vault, ports, now(), out);

	const named = options.paths.map((raw) => {
		const path = vaultPathOf(raw);
		const read = reads.find((candidate) => candidate.path === path || candidate.path === `${path ?? ""}.md`);
		if (!read) throw new UsageError(`${raw} is not a workflow note (a note with coworker: workflow in its properties).`);
		return read;
	});

	if (options.dryRun) return dryRun(options, named.length > 0 ? named : reads, ports, now(), out);

	const scheduler = new WorkflowScheduler(ports);
	const reports: WorkflowRunReport[] = [];
	if (options.due) reports.push(...(await scheduler.runDue()));
	for (const read of named) {
		if (!read.workflow) {
			reports.push(invalid(read.path, read.problems.map((p) => p.message).join(" "), now()));
			continue;
		}
		reports.push(await scheduler.runNow(read.workflow));
	}
	print(reports, options.json, out);
	return reports.some((report) => report.status === "failed") ? 1 : 0;
}

/** What would run, with each request's token estimate; nothing is claimed, recorded or written. */
async function dryRun(options: RunOptions, reads: Awaited<ReturnType<Awaited<ReturnType<typeof workflowPorts>>["listWorkflows"]>>, ports: Awaited<ReturnType<typeof workflowPorts>>, now: number, out: Output): Promise<number> {
	const planned: { workflow: string; occurrence: string; tokens: number | null; sources: string[]; error: string | null }[] = [];
	for (const read of reads) {
		const workflow = read.workflow;
		if (!workflow) continue;
		const occurrences = options.due ? (workflow.schedule ? dueOccurrences(workflow.schedule, await ports.ledger.entry(workflow.path), now, workflow.catchUp).run.map((o) => o.iso) : []) : [isoWithOffset(now, workflow.schedule?.zone ?? ports.localZone)];
		for (const occurrence of occurrences) {
			const prepared = await previewTask(workflowRequest(workflow, occurrence, await ports.ledger.entry(workflow.path), now, null), ports.services);
			planned.push({
				workflow: workflow.path,
				occurrence,
				tokens: prepared.ok ? prepared.preview.tokens : null,
				sources: prepared.ok ? prepared.preview.sources : [],
				error: prepared.ok ? null : prepared.error,
			});
		}
	}
	if (options.json) out.json({ runs: planned.map((p) => ({ ...p, status: p.error ? "failed" : "planned" })) });
	else if (planned.length === 0) out.line("Nothing is due.");
	else for (const p of planned) out.line(`${p.workflow} @ ${p.occurrence}: ${p.error ?? `about ${p.tokens ?? 0} tokens from ${p.sources.length} sources`}`);
	return 0;
}

/** The plugin's folder does not grow without bound: old run records, settled claims and history go (at most once a day). */
async function pruneAtStart(vault: VaultContext, ports: Awaited<ReturnType<typeof workflowPorts>>, now: number, out: Output): Promise<void> {
	try {
		await prunePrivateData({ runLog: vault.runLog, claims: ports.claims, ledger: ports.ledger, state: vault.store }, now, vault.settings.keepRunRecordsDays);
	} catch (error) {
		out.error(`warning: old run records in ${vault.pluginFolder} could not be pruned (${error instanceof Error ? error.message : String(error)}).`);
	}
}

function invalid(path: string, error: string, now: number): WorkflowRunReport {
	return { workflow: path, occurrence: new Date(now).toISOString(), status: "failed", deliverable: null, sources: [], unresolvedLinks: 0, usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, error };
}

function print(reports: readonly WorkflowRunReport[], json: boolean, out: Output): void {
	if (json) {
		out.json({
			runs: reports.map((report) => ({
				workflow: report.workflow,
				occurrence: report.occurrence,
				status: report.status,
				deliverable: report.deliverable,
				sources: report.sources,
				unresolved_links: report.unresolvedLinks,
				usage: { prompt_tokens: report.usage.promptTokens, completion_tokens: report.usage.completionTokens, total_tokens: report.usage.totalTokens },
				tool_calls: (report.toolCalls ?? []).map((call) => ({ server: call.server, tool: call.tool, status: call.status, ms: call.milliseconds })),
				warnings: report.warnings ?? [],
				truncated: report.truncated === true,
				error: report.error,
				...(report.reason !== undefined ? { reason: report.reason } : {}),
				...(report.givenUp ? { given_up: true } : {}),
			})),
		});
		return;
	}
	if (reports.length === 0) out.line("Nothing was due.");
	// As `delegate` does: every warning on stderr, named by its run since one call may run several.
	for (const report of reports) for (const warning of report.warnings ?? []) out.error(`warning: ${report.workflow} @ ${report.occurrence}: ${warning}`);
	for (const report of reports) {
		const detail = report.status === "ok" ? `→ ${report.deliverable ?? ""}${report.truncated ? " (cut off at the model's output limit: marked in the note)" : ""}` : report.status === "skipped" ? `(${report.reason ?? "skipped"})` : `— ${report.error ?? "failed"}`;
		out.line(`${report.status.padEnd(7)} ${report.workflow} @ ${report.occurrence} ${detail}`);
	}
}
