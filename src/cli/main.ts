/** The `coworker` command line: turns arguments into options and hands them to a command. */
import { parseArgs } from "node:util";
import type { Writable } from "node:stream";
import { openVault } from "./vault-context";
import { runIndexCommand } from "./commands/index-command";
import { runSearchCommand } from "./commands/search-command";
import { streamOutput, type Output } from "./output";
import { UsageError } from "./usage-error";

export const USAGE = `Usage: coworker <command> [options]

Commands:
  index  --vault DIR [--json] [--rebuild]            build or refresh the vault's persisted index
  search --vault DIR [--limit N] [--json] QUERY      find the notes that best match QUERY

Options:
  --vault DIR        the Obsidian vault folder
  --config-dir NAME  the vault's config folder (default .obsidian)
  --json             print machine-readable JSON
  -h, --help         show this help
`;

const OPTIONS = {
	vault: { type: "string" },
	"config-dir": { type: "string", default: ".obsidian" },
	json: { type: "boolean", default: false },
	limit: { type: "string" },
	rebuild: { type: "boolean", default: false },
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
		default:
			throw new UsageError(`Unknown command "${command}"; run coworker --help for the list.`);
	}
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
