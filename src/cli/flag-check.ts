/** Refuses a flag the command does not take, with the closest one it does take, before Node's parser words it. */
import { parseArgs } from "node:util";
import { closestName } from "./did-you-mean";
import type { CommandHelp } from "./help";
import { UsageError } from "./usage-error";

/** Throws a {@link UsageError} naming the first flag in `args` that `command` does not take. */
export function checkFlags(command: CommandHelp, args: string[]): void {
	// Loose parsing only to find the option tokens (`--name`, `--name=value`, `-x`); values are checked later.
	const { tokens } = parseArgs({ args, strict: false, allowPositionals: true, tokens: true, options: { help: { type: "boolean", short: "h" } } });
	const known = command.flags.map((f) => f.name);
	for (const token of tokens) {
		if (token.kind !== "option" || known.includes(token.name)) continue;
		const typed = token.rawName.replace(/=.*$/, "");
		const guess = closestName(token.name, known);
		const hint = guess ? `did you mean --${guess}?` : `run coworker ${command.name} --help for the flags it takes.`;
		throw new UsageError(`${command.name} takes no flag ${typed}; ${hint}`);
	}
}
