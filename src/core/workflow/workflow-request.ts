/** Turns a workflow and an occurrence into the run pipeline's request: the same pipeline as "Delegate a task…". */
import type { SourceSpec } from "../context/source-spec";
import type { TaskRequest } from "../run/run-task";
import type { Workflow, WorkflowSource } from "./workflow";
import type { LedgerEntry } from "./workflow-ledger";

/**
 * `changed: since-last-run` keeps notes changed after the last successful run (all of them before the first);
 * `changed: 7d` those changed in the last seven days. The previous deliverable, when it still exists, is
 * offered too, so this week's report can build on last week's.
 */
export function workflowRequest(workflow: Workflow, occurrence: string, entry: LedgerEntry | null, now: number, previousDeliverable: string | null): TaskRequest {
	const sources: SourceSpec[] = workflow.sources.map((source) => withChangedFilter(source, entry, now));
	if (previousDeliverable !== null && !sources.some((spec) => spec.kind === "note" && spec.path === previousDeliverable)) {
		sources.push({ kind: "note", path: previousDeliverable });
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
		workflow: { path: workflow.path, name: workflow.name, occurrence },
		toolGrants: workflow.tools,
		...(workflow.exports ? { exports: workflow.exports } : {}),
	};
}

function withChangedFilter(source: WorkflowSource, entry: LedgerEntry | null, now: number): SourceSpec {
	const { spec, changed } = source;
	if (!changed || (spec.kind !== "folder" && spec.kind !== "tag" && spec.kind !== "search")) return spec;
	const since = changed.kind === "within" ? now - changed.ms : entry?.lastSuccess?.at;
	return since === undefined ? spec : { ...spec, changedSince: since };
}
