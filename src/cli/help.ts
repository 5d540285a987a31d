/** Each command's usage, the flags it takes (one line each) and an example: the source of `--help` and of the flag check. */

export interface FlagHelp {
	/** The long name without dashes, as in main's parseArgs options. */
	name: string;
	/** `--name VALUE` as shown in help. */
	shown: string;
	line: string;
}

export interface CommandHelp {
	name: string;
	summary: string;
	usage: string;
	flags: readonly FlagHelp[];
	example: string;
}

const flag = (name: string, value: string | null, line: string): FlagHelp => ({ name, shown: value ? `--${name} ${value}` : `--${name}`, line });

const VAULT = flag("vault", "DIR", "the Obsidian vault folder (required)");
const CONFIG_DIR = flag("config-dir", "NAME", "the vault's config folder (default .obsidian)");
const JSON_FLAG = flag("json", null, "print machine-readable JSON (and no progress on stderr)");
const HELP = flag("help", null, "show this help (also -h)");
const NOW = flag("now", "ISO", "the time to act at (default: now), e.g. 2026-11-23T09:00:00+01:00");
const DRY_RUN = flag("dry-run", null, "print the exact messages and the token estimate; call no model, write nothing");
const BASE_URL = flag("base-url", "URL", "the model endpoint (else OPENAI_BASE_URL, else the plugin settings)");
const MODEL = flag("model", "NAME", "the model (else COWORKER_MODEL, else the plugin settings)");
const TIMEOUT = flag("timeout", "SECONDS", "how long a model call may wait for an answer (else the plugin settings)");
const MCP_CONFIG = flag("mcp-config", "FILE", 'MCP servers for the run: { "mcpServers": { NAME: { command, args, env } | { url, headers } } }');
const ALLOW_TOOL = flag("allow-tool", "S/T", "let the run call tool T of server S (or S/*) without asking (repeatable)");
const TRUST_VAULT_MCP = flag("trust-vault-mcp", "SHA256", "run the programs of the vault's MCP configuration when its SHA-256 is this (repeatable; or COWORKER_TRUST_VAULT_MCP)");
const ALLOW_ENV = flag("allow-env", "NAME", "let the vault's MCP configuration use ${NAME} from the environment (repeatable; or COWORKER_ALLOW_ENV)");
const MODEL_FLAGS = [BASE_URL, MODEL, TIMEOUT, MCP_CONFIG, TRUST_VAULT_MCP, ALLOW_ENV, ALLOW_TOOL];
const EARLIER = flag("earlier-deliverables", "W", "which of the coworker's own deliverables searches, folders, tags and linked notes bring in: approved (default), all or none");

export const COMMANDS: readonly CommandHelp[] = [
	{
		name: "index",
		summary: "build or refresh the vault's persisted index",
		usage: "coworker index --vault DIR [--rebuild] [--yes] [--json]",
		flags: [
			VAULT,
			flag("rebuild", null, "read every note again instead of only the changed ones"),
			flag("yes", null, "with semantic search on: send the sections for the first full embedding (without it, only its cost is printed)"),
			JSON_FLAG,
			CONFIG_DIR,
			HELP,
		],
		example: "coworker index --vault ~/Notes",
	},
	{
		name: "search",
		summary: "find the notes that best match QUERY",
		usage: "coworker search --vault DIR [--limit N] [--json] QUERY",
		flags: [VAULT, flag("limit", "N", "how many hits to print, 1 to 1000 (default 10)"), JSON_FLAG, CONFIG_DIR, HELP],
		example: "coworker search --vault ~/Notes --limit 5 renewal risk",
	},
	{
		name: "delegate",
		summary: "write a deliverable for GOAL as a new note (with no source named, the vault is searched for GOAL)",
		usage: "coworker delegate --vault DIR [--format F] [--source PATH]... [--folder F]... [--tag T]... [--search Q]... [--mcp-resource S/URI]... [options] GOAL",
		flags: [
			VAULT,
			flag("format", "F", "report, memo, summary, table or slides (default report)"),
			flag("source", "PATH", "a note or CSV file to use (repeatable)"),
			flag("folder", "F", "the notes of a folder (repeatable)"),
			flag("tag", "T", "the notes with a tag (repeatable)"),
			flag("search", "Q", "the notes a search finds (repeatable)"),
			flag("mcp-resource", "S/URI", "a resource of MCP server S read like a note, e.g. calendar/events://today (repeatable)"),
			flag("no-memory", null, "leave the memory note out"),
			flag("agent", null, "let the model search and read more notes itself (read-only tools)"),
			EARLIER,
			DRY_RUN,
			JSON_FLAG,
			...MODEL_FLAGS,
			CONFIG_DIR,
			HELP,
		],
		example: 'coworker delegate --vault ~/Notes --source "Projects/Alpha.md" "Write a status report"',
	},
	{
		name: "workflows",
		summary: "list workflow notes: validity, problems, schedule (as words and RRULE), next runs",
		usage: "coworker workflows --vault DIR [--now ISO] [--json]",
		flags: [VAULT, NOW, JSON_FLAG, CONFIG_DIR, HELP],
		example: "coworker workflows --vault ~/Notes",
	},
	{
		name: "run",
		summary: "run the due occurrences (cron, systemd), or the named workflows now",
		usage: "coworker run --vault DIR [--now ISO] [--earlier-deliverables W] [--dry-run] [--json] (--due | WORKFLOW_PATH...)",
		flags: [VAULT, flag("due", null, "run every workflow occurrence that is due (each occurrence once, whoever runs it)"), NOW, EARLIER, DRY_RUN, JSON_FLAG, ...MODEL_FLAGS, CONFIG_DIR, HELP],
		example: "coworker run --vault ~/Notes --due",
	},
	{
		name: "review",
		summary: "approve a deliverable, send it back with feedback, or list the drafts waiting",
		usage: "coworker review --vault DIR (DELIVERABLE (--approve | --feedback TEXT [--revise] [--remember]) | --list) [--json]",
		flags: [
			VAULT,
			flag("approve", null, "set status: approved"),
			flag("feedback", "TEXT", "set status: changes-requested and keep TEXT in the deliverable's feedback"),
			flag("revise", null, "also write a revision that addresses the feedback (calls the model)"),
			flag("remember", null, "also keep the feedback in the memory note for future tasks"),
			flag("list", null, "list the drafts waiting for review, newest first (the app's Review queue)"),
			JSON_FLAG,
			...MODEL_FLAGS,
			CONFIG_DIR,
			HELP,
		],
		example: 'coworker review --vault ~/Notes --feedback "Shorter, please" --revise "Reports/Weekly status 2026-11-23.md"',
	},
	{
		name: "export",
		summary: "write a deliverable as a Word, PowerPoint or Excel file beside its note",
		usage: "coworker export --vault DIR [--to docx|pptx|xlsx|all] [--json] DELIVERABLE",
		flags: [VAULT, flag("to", "F", "docx, pptx, xlsx or all, repeatable or comma-separated (default: the deliverable's own kind)"), JSON_FLAG, CONFIG_DIR, HELP],
		example: 'coworker export --vault ~/Notes --to docx "Coworker/Deliverables/2026-11-24 Acme renewal status.md"',
	},
	{
		name: "bases",
		summary: "write Coworker/Review.base (the Review queue as a Bases table) when it is missing",
		usage: "coworker bases --vault DIR [--json]",
		flags: [VAULT, JSON_FLAG, CONFIG_DIR, HELP],
		example: "coworker bases --vault ~/Notes",
	},
	{
		name: "tools",
		summary: "list MCP servers, whether they start, and their tools",
		usage: "coworker tools --vault DIR [--mcp-config FILE] [--trust-vault-mcp SHA256]... [--allow-env NAME]... [--json]",
		flags: [VAULT, MCP_CONFIG, TRUST_VAULT_MCP, ALLOW_ENV, JSON_FLAG, CONFIG_DIR, HELP],
		example: "coworker tools --vault ~/Notes --mcp-config mcp.json",
	},
];

export function commandHelp(name: string): CommandHelp | undefined {
	return COMMANDS.find((command) => command.name === name);
}

/** `coworker --help`: the commands, one line each. */
export function globalHelp(): string {
	const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 2;
	return [
		"Usage: coworker <command> [options]",
		"",
		"Commands:",
		...COMMANDS.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
		`  ${"help".padEnd(width)}show a command's help: coworker help <command> (or coworker <command> --help)`,
		"",
		"Environment: OPENAI_API_KEY (the key), OPENAI_BASE_URL, COWORKER_MODEL, COWORKER_TRUST_VAULT_MCP and",
		"  COWORKER_ALLOW_ENV (comma-separated, as --trust-vault-mcp and --allow-env).",
		"Exit codes: 0 done, 1 the command failed, 2 bad arguments.",
	].join("\n");
}

/** `coworker <command> --help`: usage, each flag with one line, and an example. */
export function formatCommandHelp(command: CommandHelp): string {
	const width = Math.max(...command.flags.map((f) => f.shown.length)) + 2;
	return [
		`Usage: ${command.usage}`,
		"",
		`${command.summary[0]?.toUpperCase() ?? ""}${command.summary.slice(1)}.`,
		"",
		"Options:",
		...command.flags.map((f) => `  ${f.shown.padEnd(width)}${f.line}`),
		"",
		"Example:",
		`  ${command.example}`,
	].join("\n");
}
