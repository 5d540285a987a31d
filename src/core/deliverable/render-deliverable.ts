/** Renders a deliverable's files from the model's answer: body, provenance frontmatter, sources, and the CSV for tables. */
import type { VaultLinks } from "../ports/vault-links";
import type { TokenUsage } from "../model/chat-model";
import type { DeliverableFormat } from "./deliverable-format";
import { checkLinks } from "./link-check";
import { cleanAnswer, tableFromAnswer } from "./model-answer";
import { removeModelSources } from "./model-extras";
import { markdownTableRow } from "../context/csv-table";
import { frontmatterBlock, type YamlValue } from "./frontmatter-yaml";

export interface DeliverableInput {
	format: DeliverableFormat;
	answer: string;
	/** The note's path; for tables the CSV sits beside it with the same name. */
	notePath: string;
	csvPath: string | null;
	/** The delegated goal (left out for workflows, whose instruction lives in the workflow note). */
	goal: string | null;
	workflow: { path: string; occurrence: string } | null;
	model: string;
	usage: TokenUsage;
	/** Local time with offset, ISO 8601. */
	created: string;
	/** Files whose content the model was given, in order (MCP resources among them by `server/uri`). */
	sources: string[];
	/** The sources that are MCP resources (`calendar/events://today`): named as text, since they are no files to link to. */
	resources?: readonly string[];
	links: VaultLinks;
	/** The deliverable this one revises, or null. */
	revises?: string | null;
	/** External tool calls of the run, listed after the sources. */
	toolCalls?: readonly { server: string; tool: string; arguments: string; status: string; resultBytes: number; milliseconds: number }[];
	/** Sentences about servers that could not be used. */
	missingTools?: readonly string[];
	/** The answer stopped at the model's output limit: marked by a property and a callout at the top. */
	truncated?: boolean;
}

export interface RenderedFile {
	path: string;
	content: string;
}

export type RenderResult =
	| { ok: true; files: RenderedFile[]; deliverable: string; unresolved: string[]; linked: string[] }
	| { ok: false; error: string };

/** Rows of a table deliverable shown in its companion note; the CSV holds them all. */
export const TABLE_PREVIEW_ROWS = 10;

export function renderDeliverable(input: DeliverableInput): RenderResult {
	// The model's own Sources list goes before links are checked, so links only in it are not counted.
	const answer = removeModelSources(cleanAnswer(input.answer));
	if (answer === "") return { ok: false, error: "The model returned an empty answer; nothing was written." };
	if (input.format === "table") return renderTable(input, answer);
	const checked = checkLinks(answer, input.notePath, input.links, input.resources, addedHeadings(input, []));
	const sources = sourcesList(input);
	const separator = input.format === "slides" ? "\n\n---\n\n" : "\n\n";
	const body = `${checked.text}${separator}## Sources\n\n${sources}\n${toolCallsPart(input)}`;
	const content = `${frontmatter(input, checked.unresolved.length, null)}\n${cutOffCallout(input)}${body}`;
	return { ok: true, files: [{ path: input.notePath, content }], deliverable: input.notePath, unresolved: checked.unresolved, linked: checked.linked };
}

function renderTable(input: DeliverableInput, answer: string): RenderResult {
	const table = tableFromAnswer(answer);
	if (!table || !input.csvPath) return { ok: false, error: "The model's answer held no table (CSV, Markdown or tab-separated) with a header and at least one row; nothing was written." };
	const description = table.description
		? checkLinks(table.description, input.notePath, input.links, input.resources, addedHeadings(input, ["Preview"]))
		: { text: "", unresolved: [], linked: [] };
	const csvLink = input.links.markdownLink(input.csvPath, input.notePath);
	const preview = [markdownTableRow(table.header), markdownTableRow(table.header.map(() => "---")), ...table.rows.slice(0, TABLE_PREVIEW_ROWS).map(markdownTableRow)].join("\n");
	const shown = Math.min(TABLE_PREVIEW_ROWS, table.rows.length);
	const parts = [
		description.text,
		`## Preview\n\n${preview}\n\n${shown < table.rows.length ? `The first ${shown} of ${table.rows.length} rows. ` : ""}Full table: ${csvLink}`,
		`## Sources\n\n${sourcesList(input)}`,
		toolCallsPart(input).trim(),
	].filter((part) => part !== "");
	const note = `${frontmatter(input, description.unresolved.length, input.csvPath)}\n${cutOffCallout(input)}${parts.join("\n\n")}\n`;
	return {
		ok: true,
		files: [
			{ path: input.csvPath, content: table.csv },
			{ path: input.notePath, content: note },
		],
		deliverable: input.notePath,
		unresolved: description.unresolved,
		linked: description.linked,
	};
}

function frontmatter(input: DeliverableInput, unresolved: number, csvPath: string | null): string {
	const properties: Record<string, YamlValue | undefined> = {
		coworker: "deliverable",
		status: "draft",
		format: input.format,
		goal: input.goal ?? undefined,
		workflow: input.workflow ? `[[${input.links.linktext(input.workflow.path, input.notePath)}]]` : undefined,
		occurrence: input.workflow?.occurrence,
		revises: input.revises ? `[[${input.links.linktext(input.revises, input.notePath)}]]` : undefined,
		created: input.created,
		model: input.model,
		usage: { prompt_tokens: input.usage.promptTokens, completion_tokens: input.usage.completionTokens, total_tokens: input.usage.totalTokens },
		sources: input.sources.map((source) => (isResource(input, source) ? source : `[[${input.links.linktext(source, input.notePath)}]]`)),
		table: csvPath ? `[[${input.links.linktext(csvPath, input.notePath)}]]` : undefined,
		unresolved_links: unresolved,
		truncated: input.truncated === true ? true : undefined,
		tools_used: toolsUsed(input),
	};
	return frontmatterBlock(properties);
}

/** The headings the pipeline writes around the model's text, which its `[[#…]]` links may point to. */
function addedHeadings(input: DeliverableInput, more: readonly string[]): string[] {
	const hasToolCalls = (input.toolCalls ?? []).length > 0 || (input.missingTools ?? []).length > 0;
	return [...more, "Sources", ...(hasToolCalls ? ["Tool calls"] : [])];
}

/** The first thing a reader sees in a cut-off deliverable, so it is never taken for a finished one. */
export const CUT_OFF_CALLOUT =
	"> [!warning] Cut off\n> The model stopped at its output limit before it finished, even after being asked to continue; the end of this deliverable is missing.\n\n";

function cutOffCallout(input: DeliverableInput): string {
	return input.truncated === true ? CUT_OFF_CALLOUT : "";
}

function sourcesList(input: DeliverableInput): string {
	if (input.sources.length === 0) return "- None: the deliverable was written from the goal alone.";
	return input.sources.map((source) => `- ${isResource(input, source) ? `${source} (MCP resource)` : input.links.markdownLink(source, input.notePath)}`).join("\n");
}

function isResource(input: DeliverableInput, source: string): boolean {
	return input.resources?.includes(source) ?? false;
}

/** `server/tool` of each external tool that answered, once each; left out when the run used none. */
function toolsUsed(input: DeliverableInput): string[] | undefined {
	const used = [...new Set((input.toolCalls ?? []).filter((call) => call.status === "ok").map((call) => `${call.server}/${call.tool}`))];
	return used.length > 0 ? used : undefined;
}

/** "Tool calls" after the sources: every external call, allowed or not, as visible as each source. */
function toolCallsPart(input: DeliverableInput): string {
	const calls = input.toolCalls ?? [];
	const missing = input.missingTools ?? [];
	if (calls.length === 0 && missing.length === 0) return "";
	const lines = calls.map((call) => {
		const size = call.resultBytes >= 1000 ? `${(call.resultBytes / 1000).toFixed(1)} kB` : `${call.resultBytes} B`;
		return `- ${call.server}/${call.tool} \`${call.arguments.replace(/`/g, "'")}\` — ${call.status}${call.status === "ok" ? `, ${size}` : ""}, ${call.milliseconds} ms`;
	});
	for (const sentence of missing) lines.push(`- Not available: ${sentence}`);
	return `\n## Tool calls\n\n${lines.join("\n")}\n`;
}
