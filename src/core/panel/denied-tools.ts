/** Tool calls refused in the latest run of each workflow or task: the panel says which tool and how to grant it. */
import type { RunRecord } from "../ledger/run-record";
import { workflowName } from "./recent-runs";

export interface DeniedTool {
	/** The workflow note, or null for a delegated task. */
	workflowPath: string | null;
	server: string;
	tool: string;
	/** One sentence: what was refused, and how to grant it. */
	sentence: string;
}

/**
 * From records newest first: for each workflow (and for delegated tasks as one group), only its latest run counts,
 * so a grant given since, and a run that then used it, clears the line.
 */
export function deniedTools(recordsNewestFirst: readonly RunRecord[]): DeniedTool[] {
	const seen = new Set<string>();
	const denied: DeniedTool[] = [];
	for (const record of recordsNewestFirst) {
		const key = record.workflow?.path ?? "";
		if (seen.has(key)) continue;
		seen.add(key);
		const calls = (record.externalToolCalls ?? []).filter((call) => call.status === "denied");
		const tools = new Set<string>();
		for (const call of calls) {
			const name = `${call.server}/${call.tool}`;
			if (tools.has(name)) continue;
			tools.add(name);
			denied.push({ workflowPath: record.workflow?.path ?? null, server: call.server, tool: call.tool, sentence: deniedSentence(record, name) });
		}
	}
	return denied;
}

function deniedSentence(record: RunRecord, name: string): string {
	if (record.workflow) {
		const workflow = workflowName(record.workflow.path);
		return `${workflow} was refused the tool ${name}: add "${name}" to the tools property of ${record.workflow.path} to grant it (or set it to allow in Show tools).`;
	}
	return `A delegated task was refused the tool ${name}: approve it when asked, or set it to allow in Show tools.`;
}
