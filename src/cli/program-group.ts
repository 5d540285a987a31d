/**
 * Starting MCP server programs from the command line, each leading its own process group on POSIX (see
 * src/node/program-groups.ts, shared with the desktop app), with every group left killed when the command exits.
 */
import spawn from "cross-spawn";
import type { ChildProgram } from "../core/tools/stdio-transport";
import { ProgramGroups } from "../node/program-groups";

const groups = new ProgramGroups({
	spawn: (command, args, options) => spawn(command, args, options),
	kill: (pid, signal) => process.kill(pid, signal),
	windows: process.platform === "win32",
	sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});
let exitHooked = false;

export function startProgramInOwnGroup(command: string, args: readonly string[], env: Record<string, string>): Promise<ChildProgram> {
	hookExit();
	return groups.start(command, args, env);
}

/** A command that ends before its runs close their servers (an uncaught error, process.exit) still leaves none behind. */
function hookExit(): void {
	if (exitHooked) return;
	exitHooked = true;
	process.once("exit", () => groups.killAll());
}
