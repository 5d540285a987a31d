/** Reads a workflow note (`coworker: workflow`): each field checked, each problem named with the note and the field. */
import { parseNote } from "../notes/parse-note";
import type { PropertyValue } from "../notes/parsed-note";
import { basenameOf, vaultPathOf } from "../notes/note-path";
import { linkpathOf } from "../notes/links";
import { DELIVERABLE_FORMATS, isDeliverableFormat, type DeliverableFormat } from "../deliverable/deliverable-format";
import { checkOutputTemplate } from "../deliverable/output-path";
import { MCP_RESOURCE_EXAMPLE, parseMcpResourceSpec } from "../context/source-spec";
import { Schedule } from "./schedule";
import { isToolGrant } from "../tools/tool-permissions";
import { OFFERED_EXPORTS, type ExportFormat } from "../export/export-format";
import type { CatchUpPolicy, ChangedFilter, Workflow, WorkflowProblem, WorkflowRead, WorkflowSource } from "./workflow";

/** What the parser needs to know about the vault to check that sources exist. */
export interface WorkflowVault {
	/** The path a link or path points to (notes and other files), or null. */
	resolve(linkpath: string, sourcePath: string): string | null;
	folderExists(path: string): boolean;
}

export interface WorkflowDefaults {
	/** Used when the note has no `output`: the settings' folder plus `{{workflow}} {{date}}`. */
	outputFolder: string;
	/** The user's IANA zone, for schedules without TZID. */
	localZone: string;
}

const CATCH_UP: readonly CatchUpPolicy[] = ["latest", "none", "all"];

/** True for a note that declares itself a workflow. */
export function isWorkflowNote(properties: Record<string, PropertyValue>): boolean {
	return typeof properties.coworker === "string" && properties.coworker.trim().toLowerCase() === "workflow";
}

export function parseWorkflow(path: string, text: string, vault: WorkflowVault, defaults: WorkflowDefaults): WorkflowRead {
	const note = parseNote(path, text);
	const problems: WorkflowProblem[] = [];
	const problem = (field: string, message: string): void => {
		problems.push({ path, field, message: `${path}: ${field} ${message.replace(/[.\s]+$/, "")}.` });
	};
	for (const noteProblem of note.problems) problems.push({ path, field: noteProblem.field, message: noteProblem.message });
	const properties = note.properties;

	let schedule: Schedule | null = null;
	let scheduleText: string | null = null;
	const rawSchedule = properties.schedule;
	if (typeof rawSchedule === "string" && rawSchedule.trim() !== "") {
		scheduleText = rawSchedule.trim();
		const read = Schedule.parse(scheduleText, defaults.localZone);
		if (read.ok) schedule = read.schedule;
		else problem("schedule", read.error);
	} else if (rawSchedule !== undefined && rawSchedule !== null && rawSchedule !== "") {
		problem("schedule", "must be text: words such as every weekday at 9am, or an RRULE such as FREQ=WEEKLY;BYDAY=MO;BYHOUR=9");
	}

	let format: DeliverableFormat = "report";
	const rawFormat = properties.format;
	if (rawFormat !== undefined && rawFormat !== null) {
		if (typeof rawFormat === "string" && isDeliverableFormat(rawFormat.trim().toLowerCase())) format = rawFormat.trim().toLowerCase() as DeliverableFormat;
		else problem("format", `is ${JSON.stringify(rawFormat)}; use one of ${DELIVERABLE_FORMATS.join(", ")}`);
	}

	let output = `${defaults.outputFolder}/{{workflow}} {{date}}`;
	const rawOutput = properties.output;
	if (rawOutput !== undefined && rawOutput !== null) {
		const template = typeof rawOutput === "string" ? rawOutput.trim().replace(/\.md$/i, "") : "";
		const templateProblem = template === "" ? "must be a path template such as Reports/Weekly status {{date}}.md" : checkOutputTemplate(template, "");
		if (templateProblem) problem("output", templateProblem.replace(/^: /, ""));
		else output = template;
	}

	let catchUp: CatchUpPolicy = "latest";
	const rawCatchUp = properties.catch_up;
	if (rawCatchUp !== undefined && rawCatchUp !== null) {
		if (typeof rawCatchUp === "string" && (CATCH_UP as readonly string[]).includes(rawCatchUp.trim())) catchUp = rawCatchUp.trim() as CatchUpPolicy;
		else problem("catch_up", `is ${JSON.stringify(rawCatchUp)}; use latest, none or all`);
	}

	const sources: WorkflowSource[] = [];
	const rawSources = properties.sources;
	if (rawSources !== undefined && rawSources !== null) {
		const list = Array.isArray(rawSources) ? rawSources : [rawSources];
		list.forEach((entry, i) => {
			const source = sourceOf(entry, path, vault, (message) => problem(`sources[${i + 1}]`, message));
			if (source) sources.push(source);
		});
	}

	const agentMode = properties.agent === true;
	const tools: string[] = [];
	const rawTools = properties.tools;
	if (rawTools !== undefined && rawTools !== null) {
		const list = Array.isArray(rawTools) ? rawTools : [rawTools];
		list.forEach((entry, i) => {
			if (typeof entry === "string" && isToolGrant(entry.trim())) tools.push(entry.trim());
			else problem(`tools[${i + 1}]`, `is ${JSON.stringify(entry)}; write server/tool or server/* (for example calendar/list_events)`);
		});
	}
	const exports: ExportFormat[] = [];
	const rawExport = properties.export;
	if (rawExport !== undefined && rawExport !== null) {
		const offered = OFFERED_EXPORTS[format];
		const list = Array.isArray(rawExport) ? rawExport : [rawExport];
		list.forEach((entry, i) => {
			const name = typeof entry === "string" ? entry.trim().toLowerCase().replace(/^\./, "") : "";
			const fits = offered.find((candidate) => candidate === name);
			if (fits) exports.push(fits);
			else problem(Array.isArray(rawExport) ? `export[${i + 1}]` : "export", `is ${JSON.stringify(entry)}; a ${format} exports to ${offered.join(" or ")}`);
		});
	}
	const { instruction, lessons } = bodyParts(text);
	if (instruction.trim() === "") problem("body", "is empty; write the instruction (what to produce, for whom) below the properties");

	const workflow: Workflow | null =
		problems.length === 0
		? { path, name: basenameOf(path), scheduleText, schedule, format, output, sources, catchUp, instruction: instruction.trim(), lessons: lessons.trim(), agentMode, tools, ...(exports.length > 0 ? { exports: [...new Set(exports)] } : {}) }
		: null;
	return { path, workflow, problems };
}

/** One entry of `sources`: a link or path, or `{ folder | tag | search | note | table | linked | mcp: …, changed?, limit? }`. */
function sourceOf(entry: PropertyValue, path: string, vault: WorkflowVault, problem: (message: string) => void): WorkflowSource | null {
	if (typeof entry === "string") {
		const spec = fileSource(entry, path, vault, problem);
		return spec ? { spec, changed: null } : null;
	}
	if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
		problem("must be a link, a path, or one of folder:, tag:, search:");
		return null;
	}
	const keys = Object.keys(entry).filter((key) => key !== "changed" && key !== "limit");
	if (keys.length !== 1) {
		problem(`must name exactly one of folder, tag, search, note, table, linked, mcp (found ${keys.length === 0 ? "none" : keys.join(", ")})`);
		return null;
	}
	const kind = keys[0] ?? "";
	const value = entry[kind];
	if (typeof value !== "string" || value.trim() === "") {
		problem(`${kind} must be text`);
		return null;
	}
	let changed: ChangedFilter | null = null;
	if (entry.changed !== undefined && entry.changed !== null) {
		changed = changedFilterOf(entry.changed);
		if (!changed) {
			problem(`changed is ${JSON.stringify(entry.changed)}; use since-last-run or a duration such as 7d, 12h or 2w`);
			return null;
		}
	}
	let limit: number | undefined;
	if (entry.limit !== undefined) {
		if (typeof entry.limit === "number" && Number.isInteger(entry.limit) && entry.limit >= 1 && entry.limit <= 50) limit = entry.limit;
		else {
			problem("limit must be a whole number from 1 to 50");
			return null;
		}
	}
	switch (kind) {
		case "folder": {
			const folder = vaultPathOf(value);
			if (folder === null) problem(`the folder "${value}" is outside the vault`);
			else if (!vault.folderExists(folder)) problem(`the folder "${folder}" does not exist`);
			else return { spec: { kind: "folder", path: folder }, changed };
			return null;
		}
		case "tag":
			return { spec: { kind: "tag", tag: value.trim().replace(/^#/, "") }, changed };
		case "search":
			return { spec: { kind: "search", query: value.trim(), ...(limit !== undefined ? { limit } : {}) }, changed };
		case "note":
		case "table": {
			const spec = fileSource(value, path, vault, problem);
			if (!spec) return null;
			const wanted = kind === "table" ? "table" : "note";
			if (spec.kind !== wanted) {
				problem(`${kind} names ${spec.path}, which is ${spec.kind === "table" ? "a CSV file, not a note" : "a note, not a CSV file"}`);
				return null;
			}
			return { spec, changed };
		}
		case "mcp": {
			const read = parseMcpResourceSpec(value);
			if (read.ok) return { spec: read.spec, changed };
			problem(`names the MCP resource "${value.trim()}", which ${read.reason}; ${MCP_RESOURCE_EXAMPLE}`);
			return null;
		}
		case "linked": {
			const spec = fileSource(value, path, vault, problem);
			if (!spec) return null;
			if (spec.kind !== "note") {
				problem(`linked names ${spec.path}, which is a CSV file; linked takes a note whose links to follow`);
				return null;
			}
			return { spec: { kind: "linked", path: spec.path }, changed };
		}
		default:
			problem(`"${kind}" is not a kind of source; use folder, tag, search, note, table, linked or mcp`);
			return null;
	}
}

/** A link (`[[Project Alpha]]`) or path to a note or CSV file that must exist. */
function fileSource(raw: string, path: string, vault: WorkflowVault, problem: (message: string) => void): { kind: "note" | "table"; path: string } | null {
	const link = linkpathOf(raw);
	if (link === "") {
		problem("is empty");
		return null;
	}
	const target = vault.resolve(link, path);
	if (target === null) {
		problem(`names "${raw.trim()}", which is no note or file in the vault`);
		return null;
	}
	if (/\.csv$/i.test(target)) return { kind: "table", path: target };
	if (/\.md$/i.test(target)) return { kind: "note", path: target };
	problem(`names ${target}, which is neither a note nor a CSV file`);
	return null;
}

/** `since-last-run`, or a duration: `7d`, `12h`, `2w`, `30m`. */
export function changedFilterOf(value: PropertyValue): ChangedFilter | null {
	if (typeof value !== "string") return null;
	const text = value.trim().toLowerCase();
	if (text === "since-last-run" || text === "since last run") return { kind: "since-last-run" };
	const match = /^(\d+)\s*(m|h|d|w)$/.exec(text);
	if (!match) return null;
	const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[match[2] as "m" | "h" | "d" | "w"];
	const ms = Number(match[1]) * unit;
	return ms > 0 ? { kind: "within", ms, text } : null;
}

/** The body after the frontmatter, split into the instruction and the `## Lessons` section. */
export function bodyParts(text: string): { instruction: string; lessons: string } {
	const body = text.replace(/\r\n/g, "\n").replace(/^---\n[\s\S]*?\n---(\n|$)/, "");
	const lines = body.split("\n");
	const start = lines.findIndex((line) => /^##\s+Lessons\s*$/i.test(line));
	if (start < 0) return { instruction: body, lessons: "" };
	let end = lines.findIndex((line, i) => i > start && /^#{1,2}\s/.test(line));
	if (end < 0) end = lines.length;
	return {
		instruction: [...lines.slice(0, start), ...lines.slice(end)].join("\n"),
		lessons: lines.slice(start + 1, end).join("\n"),
	};
}
