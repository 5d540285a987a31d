/**
 * Starting MCP server programs inside the desktop app. Node's process spawning is loaded here, when the
 * first program starts, never at plugin load: `child_process` does not exist on mobile, where the plugin
 * must still load. `cross-spawn` also finds `npx.cmd` and friends on Windows.
 */
import { Platform } from "obsidian";
import type { McpServerConfig } from "../../core/tools/mcp-config";
import { inheritedEnvironment, StdioTransport, type ChildProgram } from "../../core/tools/stdio-transport";

export async function desktopStdioTransport(server: Extract<McpServerConfig, { transport: "stdio" }>): Promise<StdioTransport> {
	const node = await desktopNode();
	const start = (command: string, args: readonly string[], env: Record<string, string>): Promise<ChildProgram> =>
		Promise.resolve(node.spawn(command, [...args], { env, stdio: ["pipe", "pipe", "pipe"], windowsHide: true }));
	return new StdioTransport(server, start, inheritedEnvironment(node.env, node.windows));
}

async function desktopNode(): Promise<{ spawn: typeof import("cross-spawn"); env: Record<string, string | undefined>; windows: boolean }> {
	if (Platform.isDesktop && Platform.isDesktopApp) {
		const [{ default: spawn }, { default: nodeProcess }] = await Promise.all([import("cross-spawn"), import("process")]);
		return { spawn, env: nodeProcess.env, windows: nodeProcess.platform === "win32" };
	}
	throw new Error("it runs a program, which only the desktop app can start");
}
