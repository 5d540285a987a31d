/** What the coworker keeps about each run: enough to show it, audit it, and (for workflows) never repeat it. */
import type { TokenUsage } from "../model/chat-model";
import type { DeliverableFormat } from "../deliverable/deliverable-format";

export type RunStatus = "ok" | "failed" | "cancelled";

export interface RunRecord {
	id: string;
	trigger: "command" | "cli" | "workflow";
	/** ISO 8601 (UTC). */
	startedAt: string;
	finishedAt: string;
	status: RunStatus;
	goal: string;
	format: DeliverableFormat;
	workflow: { path: string; occurrence: string } | null;
	/** The deliverable note, vault-relative; null when nothing was written. */
	deliverable: string | null;
	/** Every file written (the note, and the CSV for tables). */
	files: string[];
	/** Office files exported from the deliverable (.docx, .pptx, .xlsx), with the run or later; absent in older records. */
	exports?: string[];
	/** Files whose content was sent to the model. */
	sources: string[];
	/** Links in the model's text that did not resolve, as written. */
	unresolvedLinks: string[];
	model: string;
	/** Summed over every request of the run (agent steps included). */
	usage: TokenUsage;
	/** True when the deliverable was written cut off: the model stopped at its output limit even after the continuations. Absent in records from before 0.2. */
	truncated?: boolean;
	/** How many requests the run made (continuations of a cut-off answer included). */
	requests: number;
	/** The agent's tool calls, in order. */
	toolCalls: { name: string; arguments: string }[];
	/** External (MCP) tool calls: server, tool, arguments, status, result size, milliseconds. */
	externalToolCalls: { server: string; tool: string; arguments: string; status: "ok" | "denied" | "failed"; resultBytes: number; milliseconds: number }[];
	/** Sources left out (private, excluded, over budget). */
	warnings: string[];
	/** One sentence; null when the run succeeded. */
	error: string | null;
}
