/**
 * Starting MCP server programs inside the desktop app. Node's process spawning is loaded here, when the
 * first program starts, never at plugin load: `child_process` does not exist on mobile, where the plugin
 * must still load. `cross-spawn` also finds `npx.cmd` and friends on Windows. Each program leads its own
 * process group on POSIX, as on the command line (src/node/program-groups.ts), so closing a server (a run's
 * end, the idle time, the plugin unloading) stops what a wrapper (`sh -c "…"`, `npx`) started too.
 */
import { Platform } from "obsidian";
import type { McpServerConfig } from "../../core/tools/mcp-config";
import { inheritedEnvironment, StdioTransport } from "../../core/tools/stdio-transport";
import { ProgramGroups } from "../../node/program-groups";

interface DesktopNode {
	groups: ProgramGroups;
	env: Record<string, string | undefined>;
	windows: boolean;
}

let desktop: Promise<DesktopNode> | null = null;

export async function desktopStdioTransport(server: Extract<McpServerConfig, { transport: "stdio" }>): Promise<StdioTransport> {
	desktop ??= desktopNode();
	const node = await desktop.catch((error: unknown) => {
		desktop = null;
		throw error;
	});
	return new StdioTransport(server, node.groups.start, inheritedEnvironment(node.env, node.windows));
}

async function desktopNode(): Promise<DesktopNode> {
	if (Platform.isDesktop && Platform.isDesktopApp) {
		const [{ default: spawn }, { default: nodeProcess }] = await Promise.all([import("cross-spawn"), import("process")]);
		const windows = nodeProcess.platform === "win32";
		const groups = new ProgramGroups({
			spawn: (command, args, options) => spawn(command, args, options),
			kill: (pid, signal) => nodeProcess.kill(pid, signal),
			windows,
			sleep: (ms) => new Promise((resolve) => window.setTimeout(resolve, ms)),
		});
		return { groups, env: nodeProcess.env, windows };
	}
	throw new Error("it runs a program, which only the desktop app can start");
}
