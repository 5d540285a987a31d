/** What a run is asked to do: the goal, format and sources, and for a workflow run, the occurrence it is for. */
import type { DeliverableFormat } from "../deliverable/deliverable-format";
import type { SourceSpec } from "../context/source-spec";
import type { RunRecord } from "../ledger/run-record";
import type { ExportFormat } from "../export/export-format";

export interface TaskRequest {
	goal: string;
	format: DeliverableFormat;
	sources: SourceSpec[];
	useMemory: boolean;
	agentMode: boolean;
	trigger: RunRecord["trigger"];
	/** Path template with folder and without extension; the settings' folder and file name template when absent. */
	outputTemplate?: string;
	/** For the `{{title}}` placeholder; taken from the goal when absent. */
	title?: string;
	/**
	 * The workflow occurrence this run is for (ISO with the zone's offset; its date is the run's date), the
	 * workflow's zone, and the period from the previous occurrence of its schedule to this one.
	 */
	workflow?: { path: string; name: string; occurrence: string; zone?: string; period?: { from: string; to: string } } | null;
	/** The deliverable this run revises: linked from the new one's `revises` property. */
	revises?: string;
	/**
	 * A workflow's `tools:` grants (`calendar/list_events`, `github/*`): the only servers its runs start, and
	 * the tools they may call without asking. Absent for delegated tasks.
	 */
	toolGrants?: string[];
	/** The MCP servers whose tools a delegated task may use, as picked in its form; absent: every configured server. */
	servers?: string[];
	/** Office files to export the deliverable to once it is written (a workflow's `export:`). */
	exports?: ExportFormat[];
}
