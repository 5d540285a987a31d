/** The `coworker` command line: turns arguments into options and hands them to a command. */
import { parseArgs } from "node:util";
import type { Writable } from "node:stream";
import { openVault, type VaultContext } from "./composition-root";
import { runIndexCommand } from "./commands/index-command";
import { runSearchCommand } from "./commands/search-command";
// The other commands are imported when run: `index` and `search` then load none of the model client, the
// exporters or the MCP SDK, which were half the start-up of every command (see bench/README.md, whole processes).
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from "../core/export/export-format";
import { MCP_RESOURCE_EXAMPLE, parseMcpResourceSpec, sourceForPath, type SourceSpec } from "../core/context/source-spec";
import { isDeliverableFormat, DELIVERABLE_FORMATS } from "../core/deliverable/deliverable-format";
import { EARLIER_DELIVERABLES_POLICIES, isEarlierDeliverablesPolicy, type EarlierDeliverablesPolicy } from "../core/context/earlier-deliverables";
import { streamOutput, type Output } from "./output";
import { UsageError } from "./usage-error";
import type { ModelEnvironment } from "./model-config";
import { COMMANDS, commandHelp, formatCommandHelp, globalHelp } from "./help";
import { closestName } from "./did-you-mean";
import { checkFlags } from "./flag-check";
import { requireVaultFile } from "./vault-file-check";
import { NO_PROGRESS, terminalProgress, type Progress } from "./progress";

/** The global help (`coworker --help`); each command's own is `coworker <command> --help`. */
export const USAGE = globalHelp();

const OPTIONS = {
	vault: { type: "string" },
	"config-dir": { type: "string", default: ".obsidian" },
	json: { type: "boolean", default: false },
	limit: { type: "string" },
	rebuild: { type: "boolean", default: false },
	yes: { type: "boolean", default: false },
	format: { type: "string", default: "report" },
	source: { type: "string", multiple: true },
	folder: { type: "string", multiple: true },
	tag: { type: "string", multiple: true },
	search: { type: "string", multiple: true },
	"no-memory": { type: "boolean", default: false },
	agent: { type: "boolean", default: false },
	"earlier-deliverables": { type: "string" },
	"dry-run": { type: "boolean", default: false },
	due: { type: "boolean", default: false },
	now: { type: "string" },
	approve: { type: "boolean", default: false },
	feedback: { type: "string" },
	revise: { type: "boolean", default: false },
	remember: { type: "boolean", default: false },
	list: { type: "boolean", default: false },
	timeout: { type: "string" },
	"mcp-config": { type: "string" },
	"allow-tool": { type: "string", multiple: true },
	"trust-vault-mcp": { type: "string", multiple: true },
	"allow-env": { type: "string", multiple: true },
	"mcp-resource": { type: "string", multiple: true },
	"base-url": { type: "string" },
	model: { type: "string" },
	to: { type: "string", multiple: true },
	help: { type: "boolean", short: "h", default: false },
} as const;

/** Runs the command line and returns the exit code: 0 done, 1 the command failed, 2 bad arguments. */
export async function main(argv: string[], stdout: Writable, stderr: Writable & { isTTY?: boolean }): Promise<number> {
	// Progress is for a person at a terminal; a pipe, a log file or a JSON reader gets only the results.
	const progress = stderr.isTTY === true && !argv.includes("--json") ? terminalProgress(stderr, () => Date.now()) : NO_PROGRESS;
	const out = clearingProgress(streamOutput(stdout, stderr), progress);
	try {
		return await dispatch(argv, out, progress);
	} catch (error) {
		return handleError(error, out);
	} finally {
		progress.clear();
	}
}

/** Anything printed first takes the progress line away, so a warning never lands in the middle of it. */
function clearingProgress(out: Output, progress: Progress): Output {
	return {
		line: (text) => (progress.clear(), out.line(text)),
		json: (value) => (progress.clear(), out.json(value)),
		error: (text) => (progress.clear(), out.error(text)),
	};
}

async function dispatch(argv: string[], out: Output, progress: Progress): Promise<number> {
	const [command, ...rest] = argv;
	if (!command || command === "--help" || command === "-h") {
		out.line(USAGE);
		return command ? 0 : 2;
	}
	if (command === "help") {
		const topic = rest[0];
		out.line(topic ? formatCommandHelp(knownCommand(topic)) : USAGE);
		return 0;
	}
	const spec = knownCommand(command);
	const args = checkFlags(spec, rest);
	let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
	try {
		parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
	} catch (error) {
		// Node words these over several lines; the first one says what is wrong.
		throw new UsageError((error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "");
	}
	const { values, positionals } = parsed;
	if (values.help) {
		out.line(formatCommandHelp(spec));
		return 0;
	}
	// What every command that calls a model takes from its flags and the environment.
	const environment: ModelEnvironment = {
		overrides: { baseUrl: values["base-url"], model: values.model, timeoutSeconds: parseTimeout(values.timeout), progress },
		env: process.env,
		mcpConfig: values["mcp-config"],
		allowTools: values["allow-tool"] ?? [],
		trustVaultMcp: values["trust-vault-mcp"],
		allowEnv: values["allow-env"],
	};
	switch (command) {
		case "index": {
			if (positionals.length > 0) throw new UsageError(`index takes no positional arguments (got "${positionals.join(" ")}").`);
			const vault = await openVault(values.vault, values["config-dir"], progress);
			return runIndexCommand(vault, { json: values.json, rebuild: values.rebuild, yes: values.yes, env: process.env }, out);
		}
		case "search": {
			const query = positionals.join(" ").trim();
			if (query === "") throw new UsageError("search needs a QUERY, e.g. coworker search --vault . renewal risk");
			const limit = parseLimit(values.limit);
			const vault = await openVault(values.vault, values["config-dir"], progress);
			return runSearchCommand(vault, { json: values.json, limit, query, env: process.env }, out);
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
			const earlier = earlierDeliverablesOption(values["earlier-deliverables"]);
			const vault = withEarlierDeliverables(await openVault(values.vault, values["config-dir"], progress), earlier);
			if (!values["dry-run"]) progress.stage("Gathering sources");
			const { runDelegateCommand } = await import("./commands/delegate-command");
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
			const vault = await openVault(values.vault, values["config-dir"], progress);
			const { runWorkflowsCommand } = await import("./commands/workflows-command");
			return runWorkflowsCommand(vault, { json: values.json, now }, out);
		}
		case "run": {
			if (!values.due && positionals.length === 0) throw new UsageError("run needs --due or the path of a workflow note, e.g. coworker run --vault . --due");
			const now = parseNow(values.now);
			const earlier = earlierDeliverablesOption(values["earlier-deliverables"]);
			const vault = withEarlierDeliverables(await openVault(values.vault, values["config-dir"], progress), earlier);
			for (const raw of positionals) await requireVaultFile(vault.root, raw, () => vault.reader.listAllFiles(), { what: "workflow note", allowBareName: true });
			if (!values["dry-run"]) progress.stage("Gathering sources");
			const { runRunCommand } = await import("./commands/run-command");
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
			const vault = await openVault(values.vault, values["config-dir"], progress);
			const { runToolsCommand } = await import("./commands/tools-command");
			return runToolsCommand(vault, { json: values.json, mcpConfig: values["mcp-config"], trustVaultMcp: values["trust-vault-mcp"], allowEnv: values["allow-env"], env: process.env }, out);
		}
		case "bases": {
			if (positionals.length > 0) throw new UsageError(`bases takes no positional arguments (got "${positionals.join(" ")}").`);
			const vault = await openVault(values.vault, values["config-dir"], progress);
			const { runBasesCommand } = await import("./commands/bases-command");
			return runBasesCommand(vault, { json: values.json }, out);
		}
		case "review": {
			if (values.list) {
				if (positionals.length > 0 || values.approve || values.feedback !== undefined) throw new UsageError("review --list takes no DELIVERABLE, --approve or --feedback: it only lists the drafts waiting.");
				const vault = await openVault(values.vault, values["config-dir"], progress);
				const { runReviewListCommand } = await import("./commands/review-list-command");
				return runReviewListCommand(vault, { json: values.json }, out);
			}
			const [deliverable, ...extra] = positionals;
			if (values.approve && values.feedback !== undefined) throw new UsageError("--approve and --feedback exclude each other: approve the deliverable, or send it back with feedback.");
			if (!deliverable || extra.length > 0) throw new UsageError("review needs exactly one DELIVERABLE path (or --list), e.g. coworker review --vault . --approve \"Reports/Weekly status 2026-11-23.md\"");
			if (values.approve === (values.feedback !== undefined)) throw new UsageError("review needs either --approve or --feedback TEXT.");
			if (values.revise && values.feedback === undefined) throw new UsageError("--revise goes with --feedback TEXT.");
			if (values.remember && values.feedback === undefined) throw new UsageError("--remember goes with --feedback TEXT.");
			const vault = await openVault(values.vault, values["config-dir"], progress);
			await requireVaultFile(vault.root, deliverable, () => vault.reader.listAllFiles(), { what: "deliverable", allowBareName: false });
			if (values.revise) progress.stage("Gathering sources");
			const { runReviewCommand } = await import("./commands/review-command");
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
			const { runExportCommand } = await import("./commands/export-command");
			return runExportCommand(vault, { deliverable, to, json: values.json }, out);
		}
		default:
			// Every name in COMMANDS has its case above; this is a command added to the help but not here.
			throw new UsageError(`The command "${command}" is not wired up.`);
	}
}

/** The command's help entry, or a usage error with the closest command's name. */
function knownCommand(name: string): NonNullable<ReturnType<typeof commandHelp>> {
	const spec = commandHelp(name);
	if (spec) return spec;
	const guess = closestName(name, COMMANDS.map((command) => command.name));
	throw new UsageError(`Unknown command "${name}"; ${guess ? `did you mean ${guess}?` : "run coworker --help for the list."}`);
}

/** `--timeout SECONDS`: a positive number (fractions allowed), else one sentence naming the flag. */
function parseTimeout(raw: string | undefined): number | undefined {
	if (raw === undefined) return undefined;
	const seconds = Number(raw);
	if (raw.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a positive number of seconds, such as 120 (got "${raw}").`);
	return seconds;
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

/** `--earlier-deliverables approved|all|none`; absent: the plugin setting (data.json) applies. */
function earlierDeliverablesOption(raw: string | undefined): EarlierDeliverablesPolicy | null {
	if (raw === undefined) return null;
	if (isEarlierDeliverablesPolicy(raw)) return raw;
	throw new UsageError(`--earlier-deliverables must be one of ${EARLIER_DELIVERABLES_POLICIES.join(", ")} (got "${raw}").`);
}

/** The flag overrides the vault's setting for this command only; data.json is not changed. */
function withEarlierDeliverables(vault: VaultContext, policy: EarlierDeliverablesPolicy | null): VaultContext {
	if (policy !== null) vault.settings.earlierDeliverables = policy;
	return vault;
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
