/** The `coworker` command line: turns arguments into options and hands them to a command. */
import { parseArgs } from "node:util";
import type { Writable } from "node:stream";
import { openVault } from "./vault-context";
import { runIndexCommand } from "./commands/index-command";
import { runSearchCommand } from "./commands/search-command";
import { runDelegateCommand } from "./commands/delegate-command";
import { runWorkflowsCommand } from "./commands/workflows-command";
import { runRunCommand } from "./commands/run-command";
import { runReviewCommand } from "./commands/review-command";
import { runToolsCommand } from "./commands/tools-command";
import { runExportCommand } from "./commands/export-command";
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from "../core/export/export-format";
import { MCP_RESOURCE_EXAMPLE, parseMcpResourceSpec, sourceForPath, type SourceSpec } from "../core/context/source-spec";
import { isDeliverableFormat, DELIVERABLE_FORMATS } from "../core/deliverable/deliverable-format";
import { streamOutput, type Output } from "./output";
import { UsageError } from "./usage-error";
import type { ModelEnvironment } from "./model-config";

export const USAGE = `Usage: coworker <command> [options]

Commands:
  index  --vault DIR [--json] [--rebuild]            build or refresh the vault's persisted index
  search --vault DIR [--limit N] [--json] QUERY      find the notes that best match QUERY
  delegate --vault DIR [--format F] [--source PATH]... [--folder F]... [--tag T]...
           [--search Q]... [--mcp-resource S/URI]... [--no-memory] [--agent] [--mcp-config FILE]
           [--allow-tool S/T]... [--dry-run] [--json] GOAL
                                                      write a deliverable for GOAL as a new note
  workflows --vault DIR [--now ISO] [--json]           list workflow notes: validity, problems, schedule, next runs
  run --vault DIR [--now ISO] [--dry-run] [--json] (--due | WORKFLOW_PATH...)
                                                      run the due occurrences (cron, systemd), or workflows now
  review --vault DIR DELIVERABLE (--approve | --feedback TEXT [--revise] [--remember]) [--json]
                                                      approve a deliverable, or send it back with feedback
                                                      (--revise also takes --mcp-config and --allow-tool)
  tools --vault DIR [--mcp-config FILE] [--json]      list MCP servers, whether they start, their tools
  export --vault DIR [--to docx|pptx|xlsx|all] [--json] DELIVERABLE
                                                      write the deliverable as a Word, PowerPoint or Excel file beside it

Options:
  --vault DIR        the Obsidian vault folder
  --config-dir NAME  the vault's config folder (default .obsidian)
  --json             print machine-readable JSON
  --format F         report, memo, summary, table or slides (default report)
  --source PATH      a note or CSV file to use (repeatable)
  --folder F, --tag T, --search Q   notes from a folder, with a tag, or found by a search (repeatable)
  --mcp-resource S/URI   a resource of MCP server S read into the context like a note, e.g.
                     calendar/events://today (repeatable; the server comes from --mcp-config or the settings)
  --no-memory        leave the memory note out
  --agent            let the model search and read more notes itself (read-only tools)
  --dry-run          print the exact messages and the token estimate; call no model, write nothing
  --due              run every workflow occurrence that is due (each occurrence once, whoever runs it)
  --now ISO          the time to act at (default: now), e.g. 2026-11-23T09:00:00+01:00
  --approve          review: set status: approved
  --feedback TEXT    review: set status: changes-requested and keep TEXT as a lesson
  --revise           review: also write a revision that addresses the feedback
  --remember         review: also keep the feedback in the memory note for future tasks
  --base-url URL     the model endpoint (else OPENAI_BASE_URL, else the plugin settings)
  --model NAME       the model (else COWORKER_MODEL, else the plugin settings)
  --mcp-config FILE  MCP servers for the run: { "mcpServers": { NAME: { command, args, env } | { url, headers } } }
  --allow-tool S/T   let the run call tool T of server S (or S/*) without asking (repeatable)

Environment: OPENAI_API_KEY (the key), OPENAI_BASE_URL, COWORKER_MODEL.
  -h, --help         show this help
`;

const OPTIONS = {
	vault: { type: "string" },
	"config-dir": { type: "string", default: ".obsidian" },
	json: { type: "boolean", default: false },
	limit: { type: "string" },
	rebuild: { type: "boolean", default: false },
	format: { type: "string", default: "report" },
	source: { type: "string", multiple: true },
	folder: { type: "string", multiple: true },
	tag: { type: "string", multiple: true },
	search: { type: "string", multiple: true },
	"no-memory": { type: "boolean", default: false },
	agent: { type: "boolean", default: false },
	"dry-run": { type: "boolean", default: false },
	due: { type: "boolean", default: false },
	now: { type: "string" },
	approve: { type: "boolean", default: false },
	feedback: { type: "string" },
	revise: { type: "boolean", default: false },
	remember: { type: "boolean", default: false },
	"mcp-config": { type: "string" },
	"allow-tool": { type: "string", multiple: true },
	"mcp-resource": { type: "string", multiple: true },
	"base-url": { type: "string" },
	model: { type: "string" },
	to: { type: "string", multiple: true },
	help: { type: "boolean", short: "h", default: false },
} as const;

/** Runs the command line and returns the exit code: 0 done, 1 the command failed, 2 bad arguments. */
export async function main(argv: string[], stdout: Writable, stderr: Writable): Promise<number> {
	const out = streamOutput(stdout, stderr);
	try {
		return await dispatch(argv, out);
	} catch (error) {
		return handleError(error, out);
	}
}

async function dispatch(argv: string[], out: Output): Promise<number> {
	const [command, ...rest] = argv;
	if (!command || command === "--help" || command === "-h" || command === "help") {
		out.line(USAGE);
		return command ? 0 : 2;
	}
	let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
	try {
		parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
	const { values, positionals } = parsed;
	if (values.help) {
		out.line(USAGE);
		return 0;
	}
	// What every command that calls a model takes from its flags and the environment.
	const environment: ModelEnvironment = {
		overrides: { baseUrl: values["base-url"], model: values.model },
		env: process.env,
		mcpConfig: values["mcp-config"],
		allowTools: values["allow-tool"] ?? [],
	};
	switch (command) {
		case "index": {
			if (positionals.length > 0) throw new UsageError(`index takes no positional arguments (got "${positionals.join(" ")}").`);
			const vault = await openVault(values.vault, values["config-dir"]);
			return runIndexCommand(vault, { json: values.json, rebuild: values.rebuild }, out);
		}
		case "search": {
			const query = positionals.join(" ").trim();
			if (query === "") throw new UsageError("search needs a QUERY, e.g. coworker search --vault . renewal risk");
			const limit = parseLimit(values.limit);
			const vault = await openVault(values.vault, values["config-dir"]);
			return runSearchCommand(vault, { json: values.json, limit, query }, out);
		}
		case "delegate": {
			const goal = positionals.join(" ").trim();
			if (goal === "") throw new UsageError('delegate needs a GOAL, e.g. coworker delegate --vault . --source "Projects/Alpha.md" "Write a status report"');
			if (!isDeliverableFormat(values.format)) throw new UsageError(`--format must be one of ${DELIVERABLE_FORMATS.join(", ")} (got "${values.format}").`);
			const format = values.format;
			const sources: SourceSpec[] = [
				...(values.source ?? []).map(sourceForPath),
				...(values["mcp-resource"] ?? []).map(mcpResourceOption),
				...(values.folder ?? []).map((path): SourceSpec => ({ kind: "folder", path })),
				...(values.tag ?? []).map((tag): SourceSpec => ({ kind: "tag", tag })),
				...(values.search ?? []).map((query): SourceSpec => ({ kind: "search", query })),
			];
			const vault = await openVault(values.vault, values["config-dir"]);
			return untilInterrupted((signal) =>
				runDelegateCommand(
					vault,
					{
						goal,
						format,
						sources,
						useMemory: !values["no-memory"],
						agentMode: values.agent,
						dryRun: values["dry-run"],
						json: values.json,
						...environment,
					},
					out,
					signal,
				),
			);
		}
		case "workflows": {
			if (positionals.length > 0) throw new UsageError(`workflows takes no positional arguments (got "${positionals.join(" ")}").`);
			const now = parseNow(values.now) ?? Date.now();
			const vault = await openVault(values.vault, values["config-dir"]);
			return runWorkflowsCommand(vault, { json: values.json, now }, out);
		}
		case "run": {
			if (!values.due && positionals.length === 0) throw new UsageError("run needs --due or the path of a workflow note, e.g. coworker run --vault . --due");
			const now = parseNow(values.now);
			const vault = await openVault(values.vault, values["config-dir"]);
			return untilInterrupted((signal) =>
				runRunCommand(
					vault,
					{
						due: values.due,
						paths: positionals,
						now,
						dryRun: values["dry-run"],
						json: values.json,
						...environment,
					},
					out,
					signal,
				),
			);
		}
		case "tools": {
			if (positionals.length > 0) throw new UsageError(`tools takes no positional arguments (got "${positionals.join(" ")}").`);
			const vault = await openVault(values.vault, values["config-dir"]);
			return runToolsCommand(vault, { json: values.json, mcpConfig: values["mcp-config"], env: process.env }, out);
		}
		case "review": {
			const [deliverable, ...extra] = positionals;
			if (!deliverable || extra.length > 0) throw new UsageError("review needs exactly one DELIVERABLE path, e.g. coworker review --vault . --approve \"Reports/Weekly status 2026-11-23.md\"");
			if (values.approve === (values.feedback !== undefined)) throw new UsageError("review needs either --approve or --feedback TEXT.");
			if (values.revise && values.feedback === undefined) throw new UsageError("--revise goes with --feedback TEXT.");
			if (values.remember && values.feedback === undefined) throw new UsageError("--remember goes with --feedback TEXT.");
			const vault = await openVault(values.vault, values["config-dir"]);
			return untilInterrupted((signal) =>
				runReviewCommand(
					vault,
					{
						deliverable,
						approve: values.approve,
						feedback: values.feedback ?? null,
						revise: values.revise,
						remember: values.remember,
						json: values.json,
						...environment,
					},
					out,
					signal,
				),
			);
		}
		case "export": {
			const [deliverable, ...extra] = positionals;
			if (!deliverable || extra.length > 0) throw new UsageError('export needs exactly one DELIVERABLE path, e.g. coworker export --vault . "Reports/Weekly status 2026-11-23.md"');
			const to = exportTargets(values.to ?? []);
			const vault = await openVault(values.vault, values["config-dir"]);
			return runExportCommand(vault, { deliverable, to, json: values.json }, out);
		}
		default:
			throw new UsageError(`Unknown command "${command}"; run coworker --help for the list.`);
	}
}

/** `--to docx --to xlsx` or `--to docx,xlsx` or `--to all`; none: the deliverable's natural format. */
function exportTargets(raw: readonly string[]): "default" | "all" | ExportFormat[] {
	const names = raw.flatMap((value) => value.split(",")).map((name) => name.trim().toLowerCase()).filter((name) => name !== "");
	if (names.length === 0) return "default";
	if (names.includes("all")) return "all";
	const wrong = names.find((name) => !isExportFormat(name));
	if (wrong !== undefined) throw new UsageError(`--to must be ${EXPORT_FORMATS.join(", ")} or all (got "${wrong}").`);
	return names as ExportFormat[];
}

/** `--mcp-resource SERVER/URI`; a malformed one is a usage error, since nothing could read it. */
function mcpResourceOption(raw: string): SourceSpec {
	const read = parseMcpResourceSpec(raw);
	if (!read.ok) throw new UsageError(`--mcp-resource "${raw}" ${read.reason}; ${MCP_RESOURCE_EXAMPLE}.`);
	return read.spec;
}

/** Ctrl+C cancels a run cleanly: nothing is written and the run is recorded as cancelled. */
async function untilInterrupted(run: (signal: AbortSignal) => Promise<number>): Promise<number> {
	const interrupted = new AbortController();
	const onInterrupt = (): void => interrupted.abort();
	process.once("SIGINT", onInterrupt);
	try {
		return await run(interrupted.signal);
	} finally {
		process.off("SIGINT", onInterrupt);
	}
}

/** `--now` as an instant; an ISO text with an offset or Z, since a bare local time would depend on the machine. */
function parseNow(raw: string | undefined): number | null {
	if (raw === undefined) return null;
	const at = Date.parse(raw);
	if (!Number.isFinite(at) || !/(Z|[+-]\d{2}:?\d{2})$/i.test(raw.trim())) {
		throw new UsageError(`--now must be an ISO 8601 time with its offset, such as 2026-11-23T09:00:00+01:00 (got "${raw}").`);
	}
	return at;
}

function parseLimit(raw: string | undefined): number {
	if (raw === undefined) return 10;
	const limit = Number(raw);
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit must be a whole number from 1 to 1000 (got "${raw}").`);
	return limit;
}

/** One line on standard error, never a stack trace; the exit code says whose fault it was. */
function handleError(error: unknown, out: Output): number {
	if (error instanceof UsageError) {
		out.error(`coworker: ${error.message}`);
		return 2;
	}
	out.error(`coworker: ${error instanceof Error ? error.message : String(error)}`);
	return 1;
}
