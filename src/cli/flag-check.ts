/** Refuses a flag the command does not take, with the closest one it does take, before Node's parser words it. */
import { parseArgs } from "node:util";
import { closestName } from "./did-you-mean";
import type { CommandHelp } from "./help";
import { UsageError } from "./usage-error";

/**
 * Throws a {@link UsageError} naming the first flag in `args` that `command` does not take; returns the
 * arguments with a dash-led value joined to its flag (`--timeout -3` → `--timeout=-3`), which Node's strict
 * parser would otherwise call ambiguous, so the value's own check can word the problem.
 */
export function checkFlags(command: CommandHelp, args: string[]): string[] {
	// Loose parsing only to find the option tokens (`--name`, `--name=value`, `-x`); the flags that take a
	// value are declared so that a value such as `-3` is read as theirs, not as a flag. Values are checked later.
	const options: Record<string, { type: "string" | "boolean"; short?: string }> = { help: { type: "boolean", short: "h" } };
	for (const f of command.flags) if (f.name !== "help") options[f.name] = { type: f.shown.includes(" ") ? "string" : "boolean" };
	const { tokens } = parseArgs({ args, strict: false, allowPositionals: true, tokens: true, options });
	const known = command.flags.map((f) => f.name);
	for (const token of tokens) {
		if (token.kind !== "option" || known.includes(token.name)) continue;
		const typed = token.rawName.replace(/=.*$/, "");
		const guess = closestName(token.name, known);
		const hint = guess ? `did you mean --${guess}?` : `run coworker ${command.name} --help for the flags it takes.`;
		throw new UsageError(`${command.name} takes no flag ${typed}; ${hint}`);
	}
	const joined: string[] = [];
	for (const token of tokens) {
		if (token.kind === "positional") joined.push(token.value);
		else if (token.kind === "option-terminator") joined.push("--", ...args.slice(token.index + 1));
		else if (token.value === undefined) joined.push(token.rawName);
		else joined.push(`${token.rawName}=${token.value}`);
		if (token.kind === "option-terminator") break;
	}
	return joined;
}
