/** What the user picked in the delegate form, turned into a task request for the run pipeline. */
import type { SourceSpec } from "../../core/context/source-spec";
import { sourceForPath } from "../../core/context/source-spec";
import type { DeliverableFormat } from "../../core/deliverable/deliverable-format";
import type { TaskRequest } from "../../core/run/run-task";

export interface DelegateChoices {
	goal: string;
	format: DeliverableFormat;
	currentNote: boolean;
	selection: boolean;
	linkedNotes: boolean;
	folder: string;
	tag: string;
	search: string;
	/** Notes and CSV files picked one by one. */
	files: string[];
	memory: boolean;
	agentMode: boolean;
}

/** Where the form was opened: the note in view and what was selected in it. */
export interface DelegateOrigin {
	activeFile: string | null;
	selection: string;
}

export function defaultChoices(origin: DelegateOrigin, agentMode: boolean): DelegateChoices {
	return {
		goal: "",
		format: "report",
		currentNote: origin.activeFile !== null && origin.selection === "",
		selection: origin.selection !== "",
		linkedNotes: false,
		folder: "",
		tag: "",
		search: "",
		files: [],
		memory: true,
		agentMode,
	};
}

export function requestFromChoices(choices: DelegateChoices, origin: DelegateOrigin): TaskRequest {
	const sources: SourceSpec[] = [];
	if (choices.selection && origin.selection !== "") sources.push({ kind: "selection", text: origin.selection, path: origin.activeFile });
	if (choices.currentNote && origin.activeFile) sources.push(sourceForPath(origin.activeFile));
	if (choices.linkedNotes && origin.activeFile) sources.push({ kind: "linked", path: origin.activeFile });
	for (const path of choices.files) sources.push(sourceForPath(path));
	if (choices.folder.trim() !== "") sources.push({ kind: "folder", path: choices.folder.trim() });
	if (choices.tag.trim() !== "") sources.push({ kind: "tag", tag: choices.tag.trim() });
	if (choices.search.trim() !== "") sources.push({ kind: "search", query: choices.search.trim() });
	return {
		goal: choices.goal,
		format: choices.format,
		sources,
		useMemory: choices.memory,
		agentMode: choices.agentMode,
		trigger: "command",
	};
}
