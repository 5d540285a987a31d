/** A workflow as the scheduler and the run pipeline use it, parsed from its note. */
import type { SourceSpec } from "../context/source-spec";
import type { DeliverableFormat } from "../deliverable/deliverable-format";
import type { Schedule } from "./schedule";
import type { ExportFormat } from "../export/export-format";

export type CatchUpPolicy = "latest" | "none" | "all";

/** Which notes a source keeps: all, those changed since the last successful run, or those changed within a duration. */
export type ChangedFilter = { kind: "since-last-run" } | { kind: "within"; ms: number; text: string };

export interface WorkflowSource {
	spec: SourceSpec;
	changed: ChangedFilter | null;
}

/** Something wrong in a workflow note: which note, which field, and a plain sentence. */
export interface WorkflowProblem {
	path: string;
	field: string;
	message: string;
}

export interface Workflow {
	path: string;
	/** The note's name: used for `{{workflow}}` and in lists. */
	name: string;
	/** The schedule as written, and parsed; null for a workflow run only by hand. */
	scheduleText: string | null;
	schedule: Schedule | null;
	format: DeliverableFormat;
	/** Output path template without extension (`Reports/Weekly status {{date}}`). */
	output: string;
	sources: WorkflowSource[];
	catchUp: CatchUpPolicy;
	/** The note's body without its `## Lessons` section: the instruction, in the user's words. */
	instruction: string;
	/** The `## Lessons` section's text (what review taught this workflow), or "". */
	lessons: string;
	agentMode: boolean;
	/** `tools:` grants; a workflow without them starts no MCP server. */
	tools: string[];
	/** `export: [docx]`: office files written beside each run's note (absent or empty: none). */
	exports?: ExportFormat[];
}

/** A workflow note read: the workflow when it is valid, and every problem found either way. */
export interface WorkflowRead {
	path: string;
	workflow: Workflow | null;
	problems: WorkflowProblem[];
}
