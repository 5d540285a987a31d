/**
 * Starting MCP server programs from the command line, each leading its own process group on POSIX, so that
 * what a wrapper (`sh -c "…"`, `npx`) starts is stopped with it and no grandchild outlives the run. On
 * Windows programs start as before (`taskkill /T` would be the analogue there; it is not used yet).
 */
import spawn from "cross-spawn";
import type { ChildProgram } from "../core/tools/stdio-transport";

/** How long what is left of a group gets after SIGTERM before it is killed. */
const GROUP_GRACE_MS = 2_000;
const GROUP_POLL_MS = 50;

/** Groups started and not yet stopped, killed if the command exits before its runs close them. */
const liveGroups = new Set<number>();
let exitHooked = false;

export function startProgramInOwnGroup(command: string, args: readonly string[], env: Record<string, string>): Promise<ChildProgram> {
	const windows = process.platform === "win32";
	// `cross-spawn` finds `npx.cmd` and friends on Windows, as the app does.
	const child = spawn(command, [...args], { env, stdio: ["pipe", "pipe", "pipe"], windowsHide: true, detached: !windows });
	// No pid: the program could not be started, and the "error" event says why.
	if (windows || child.pid === undefined) return Promise.resolve(child);
	const group = child.pid;
	liveGroups.add(group);
	hookExit();
	const program: ChildProgram = {
		stdin: child.stdin,
		stdout: child.stdout,
		stderr: child.stderr,
		once: (event, listener) => child.once(event, listener as (...args: unknown[]) => void),
		on: (event, listener) => child.on(event, listener as (...args: unknown[]) => void),
		// The whole group, so a wrapper cannot shield the server it started; the child itself if the group is gone.
		kill: (signal) => signalGroup(group, signal ?? "SIGTERM") || child.kill(signal),
		stopGroup: async () => {
			await stopGroup(group);
			liveGroups.delete(group);
		},
	};
	return Promise.resolve(program);
}

/** SIGTERM to what is left of the group, then SIGKILL if anything is still there after the grace time. */
async function stopGroup(group: number): Promise<void> {
	if (!signalGroup(group, "SIGTERM")) return;
	for (let waited = 0; waited < GROUP_GRACE_MS; waited += GROUP_POLL_MS) {
		await new Promise((resolve) => setTimeout(resolve, GROUP_POLL_MS));
		// Signal 0 only asks whether any process of the group is left.
		if (!signalGroup(group, 0)) return;
	}
	signalGroup(group, "SIGKILL");
}

/** False when no process of the group is left (or it cannot be signalled). */
function signalGroup(group: number, signal: "SIGTERM" | "SIGKILL" | 0): boolean {
	try {
		process.kill(-group, signal);
		return true;
	} catch {
		return false;
	}
}

/** A command that ends before its runs close their servers (an uncaught error, process.exit) still leaves none behind. */
function hookExit(): void {
	if (exitHooked) return;
	exitHooked = true;
	process.once("exit", () => {
		for (const group of liveGroups) signalGroup(group, "SIGKILL");
	});
}
