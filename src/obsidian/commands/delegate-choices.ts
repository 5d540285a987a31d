/** What the user picked in the delegate form, turned into a task request for the run pipeline. */
import type { SourceSpec } from "../../core/context/source-spec";
import { MCP_RESOURCE_EXAMPLE, parseMcpResourceSpec, sourceForPath } from "../../core/context/source-spec";
import type { DeliverableFormat } from "../../core/deliverable/deliverable-format";
import type { TaskRequest } from "../../core/run/task-request";

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
	/** An MCP resource as SERVER/URI, or "". */
	mcpResource: string;
	/** The MCP servers whose tools the task may use, of those offered in the form. */
	servers: string[];
}

/** Where the form was opened: the note in view and what was selected in it. */
export interface DelegateOrigin {
	activeFile: string | null;
	selection: string;
}

/** Every server starts picked: configuring a server is the user's choice to use it. */
export function defaultChoices(origin: DelegateOrigin, agentMode: boolean, servers: readonly string[] = []): DelegateChoices {
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
		mcpResource: "",
		servers: [...servers],
	};
}

/**
 * The request the form describes, or one sentence about the field that is wrong. `offered` are the servers
 * the form listed: when some are unpicked, the request names the picked ones.
 */
export function requestFromChoices(choices: DelegateChoices, origin: DelegateOrigin, offered: readonly string[] = []): { ok: true; request: TaskRequest } | { ok: false; error: string } {
	const sources: SourceSpec[] = [];
	if (choices.selection && origin.selection !== "") sources.push({ kind: "selection", text: origin.selection, path: origin.activeFile });
	if (choices.currentNote && origin.activeFile) sources.push(sourceForPath(origin.activeFile));
	if (choices.linkedNotes && origin.activeFile) sources.push({ kind: "linked", path: origin.activeFile });
	for (const path of choices.files) sources.push(sourceForPath(path));
	if (choices.folder.trim() !== "") sources.push({ kind: "folder", path: choices.folder.trim() });
	if (choices.tag.trim() !== "") sources.push({ kind: "tag", tag: choices.tag.trim() });
	if (choices.search.trim() !== "") sources.push({ kind: "search", query: choices.search.trim() });
	if (choices.mcpResource.trim() !== "") {
		const resource = parseMcpResourceSpec(choices.mcpResource);
		if (!resource.ok) return { ok: false, error: `The MCP resource "${choices.mcpResource.trim()}" ${resource.reason}; ${MCP_RESOURCE_EXAMPLE}.` };
		sources.push(resource.spec);
	}
	const picked = offered.filter((server) => choices.servers.includes(server));
	return {
		ok: true,
		request: {
			goal: choices.goal,
			format: choices.format,
			sources,
			useMemory: choices.memory,
			agentMode: choices.agentMode,
			trigger: "command",
			...(picked.length < offered.length ? { servers: picked } : {}),
		},
	};
}
