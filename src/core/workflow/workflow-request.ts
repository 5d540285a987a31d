/** Turns a workflow and an occurrence into the run pipeline's request: the same pipeline as "Delegate a task…". */
import type { SourceSpec } from "../context/source-spec";
import type { TaskRequest } from "../run/task-request";
import type { Workflow, WorkflowSource } from "./workflow";
import type { LedgerEntry } from "./workflow-ledger";

/**
 * A run covers the period from the previous occurrence of its schedule to its own occurrence (a run by hand:
 * to now), and its `changed:` filters count in that window, not from the moment it happens to run.
 * The previous deliverable, when it still exists, is offered too, so this week's report can build on last week's.
 */
export function workflowRequest(workflow: Workflow, occurrence: string, entry: LedgerEntry | null, now: number, previousDeliverable: string | null): TaskRequest {
	const at = Date.parse(occurrence);
	const end = Number.isFinite(at) ? at : now;
	const previous = workflow.schedule?.previous(end - 1) ?? null;
	const sources: SourceSpec[] = workflow.sources.map((source) => withChangedFilter(source, entry, end, previous?.at ?? null));
	if (previousDeliverable !== null) {
		// Labelled as this workflow's previous deliverable in the request, even when the workflow also names it.
		const previousSource: SourceSpec = { kind: "note", path: previousDeliverable, role: "previous" };
		const named = sources.findIndex((spec) => spec.kind === "note" && spec.path === previousDeliverable);
		if (named < 0) sources.push(previousSource);
		else sources[named] = previousSource;
	}
	const lessons = workflow.lessons.trim();
	const goal = lessons === "" ? workflow.instruction : `${workflow.instruction}\n\nLessons from earlier reviews of this workflow's deliverables:\n${lessons}`;
	return {
		goal,
		format: workflow.format,
		sources,
		useMemory: true,
		agentMode: workflow.agentMode,
		trigger: "workflow",
		outputTemplate: workflow.output,
		title: workflow.name,
		workflow: {
			path: workflow.path,
			name: workflow.name,
			occurrence,
			...(workflow.schedule ? { zone: workflow.schedule.zone } : {}),
			...(previous ? { period: { from: previous.iso, to: occurrence } } : {}),
		},
		toolGrants: workflow.tools,
		...(workflow.exports ? { exports: workflow.exports } : {}),
	};
}

/**
 * `changed: 7d` keeps notes changed in the seven days before the occurrence. `changed: since-last-run` keeps
 * those changed after the previous occurrence, or after the last success when that is older: after failed or
 * given-up runs the window reaches back to the last report that was written, so nothing falls between two
 * reports. Before the first success every note is kept (there is no earlier report to build on).
 */
function withChangedFilter(source: WorkflowSource, entry: LedgerEntry | null, end: number, previousAt: number | null): SourceSpec {
	const { spec, changed } = source;
	if (!changed || (spec.kind !== "folder" && spec.kind !== "tag" && spec.kind !== "search")) return spec;
	const lastSuccess = entry?.lastSuccess?.at;
	const since = changed.kind === "within" ? end - changed.ms : lastSuccess === undefined ? undefined : Math.min(lastSuccess, previousAt ?? lastSuccess);
	return since === undefined ? spec : { ...spec, changedSince: since };
}
