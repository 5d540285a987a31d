/**
 * Starting MCP server programs each leading its own process group on POSIX, so that what a wrapper
 * (`sh -c "…"`, `npx`) starts is stopped with it and no grandchild outlives the run. Shared by the command
 * line and the desktop app: Node's spawning and signalling are passed in, so this module loads nothing by
 * itself (the app reaches them only on desktop, lazily). On Windows programs start as before, in no group
 * (`taskkill /T` would be the analogue there; it is not used yet).
 */
import type { ChildProgram, StartProgram } from "../core/tools/stdio-transport";

/** How long what is left of a group gets after SIGTERM before it is killed. */
const GROUP_GRACE_MS = 2_000;
const GROUP_POLL_MS = 50;

type Signal = "SIGTERM" | "SIGKILL";

/** A started program as Node's `ChildProcess` offers it: what the transport uses, and its pid. */
export interface SpawnedProgram extends ChildProgram {
	pid?: number | undefined;
}

/** What starting programs in groups needs from Node. */
export interface ProgramHost {
	/** `cross-spawn`, which also finds `npx.cmd` and friends on Windows. */
	spawn(command: string, args: string[], options: { env: Record<string, string>; stdio: ["pipe", "pipe", "pipe"]; windowsHide: boolean; detached: boolean }): SpawnedProgram;
	/** `process.kill`: a negative pid signals the whole group; signal 0 only asks whether any of it is left. */
	kill(pid: number, signal: Signal | 0): unknown;
	windows: boolean;
	sleep(ms: number): Promise<void>;
}

export class ProgramGroups {
	/** Groups started and not yet stopped, killed by `killAll` if their owner goes before its runs close them. */
	private readonly live = new Set<number>();

	constructor(private readonly host: ProgramHost) {}

	/** Starts a program leading its own group (POSIX); its `kill` and `stopGroup` reach the whole group. */
	readonly start: StartProgram = (command, args, env) => {
		const { host } = this;
		const child = host.spawn(command, [...args], { env, stdio: ["pipe", "pipe", "pipe"], windowsHide: true, detached: !host.windows });
		// No pid: the program could not be started, and the "error" event says why.
		if (host.windows || child.pid === undefined) return Promise.resolve(child);
		const group = child.pid;
		this.live.add(group);
		const program: ChildProgram = {
			stdin: child.stdin,
			stdout: child.stdout,
			stderr: child.stderr,
			once: (event, listener) => child.once(event, listener),
			on: (event, listener) => child.on(event, listener),
			// The whole group, so a wrapper cannot shield the server it started; the child itself if the group is gone.
			kill: (signal) => this.signal(group, signal ?? "SIGTERM") || child.kill(signal),
			stopGroup: async () => {
				await this.stop(group);
				this.live.delete(group);
			},
		};
		return Promise.resolve(program);
	};

	/** Kills every group still running, at once: the command line exits before its runs closed their servers. */
	killAll(): void {
		for (const group of this.live) this.signal(group, "SIGKILL");
		this.live.clear();
	}

	/** SIGTERM to what is left of the group, then SIGKILL if anything is still there after the grace time. */
	private async stop(group: number): Promise<void> {
		if (!this.signal(group, "SIGTERM")) return;
		for (let waited = 0; waited < GROUP_GRACE_MS; waited += GROUP_POLL_MS) {
			await this.host.sleep(GROUP_POLL_MS);
			if (!this.signal(group, 0)) return;
		}
		this.signal(group, "SIGKILL");
	}

	/** False when no process of the group is left (or it cannot be signalled). */
	private signal(group: number, signal: Signal | 0): boolean {
		try {
			this.host.kill(-group, signal);
			return true;
		} catch {
			return false;
		}
	}
}
