/**
 * MCP over stdio inside the desktop app. The SDK's own stdio transport imports Node's `child_process` at
 * the top of its module, which would stop the plugin loading on mobile; this one loads `cross-spawn`
 * (which also finds `npx.cmd` on Windows) only when a stdio server is started, which only the desktop app does.
 */
import { Platform } from "obsidian";
import type crossSpawn from "cross-spawn";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { JSONRPCMessageSchema, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/** How long a server gets to exit after its input is closed, then after SIGTERM, before it is killed. */
const EXIT_GRACE_MS = 2_000;
/** The end of the server's stderr, kept to say why it stopped. */
const STDERR_KEPT_CHARS = 600;

type ErrnoError = Error & { code?: string };

export interface StdioServer {
	name: string;
	command: string;
	args: string[];
	/** Added to the app's own environment. */
	env: Record<string, string>;
}

export class DesktopStdioTransport implements Transport {
	onclose?: () => void;
	onerror?: (error: Error) => void;
	onmessage?: <T extends JSONRPCMessage>(message: T) => void;

	private child: ReturnType<typeof crossSpawn> | null = null;
	private pending = "";
	private stderrTail = "";
	private exited: Promise<void> = Promise.resolve();

	constructor(private readonly server: StdioServer) {}

	async start(): Promise<void> {
		const { spawn, env } = await desktopNode();
		const child = spawn(this.server.command, this.server.args, {
			env: { ...env, ...this.server.env },
			stdio: ["pipe", "pipe", "pipe"],
			windowsHide: true,
		});
		this.child = child;
		this.exited = new Promise((resolve) => child.once("close", () => resolve()));
		child.stdout?.setEncoding("utf8");
		child.stdout?.on("data", (chunk: string) => this.receive(chunk));
		child.stderr?.setEncoding("utf8");
		child.stderr?.on("data", (chunk: string) => (this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_KEPT_CHARS)));
		child.stdin?.on("error", (error) => this.onerror?.(error));
		await new Promise<void>((resolve, reject) => {
			child.once("spawn", () => resolve());
			child.once("error", (error: ErrnoError) => reject(new Error(this.spawnFailure(error))));
		});
		child.on("error", (error) => this.onerror?.(error));
		child.once("close", (code, signal) => {
			if (this.child === child) {
				this.child = null;
				if (code !== 0 && code !== null) this.onerror?.(new Error(this.exitDescription(code, signal)));
			}
			this.onclose?.();
		});
	}

	send(message: JSONRPCMessage): Promise<void> {
		const stdin = this.child?.stdin;
		if (!stdin) return Promise.reject(new Error(`the MCP server "${this.server.name}" is not running${this.reason()}`));
		return new Promise((resolve, reject) => {
			stdin.write(`${JSON.stringify(message)}\n`, (error) => (error ? reject(error) : resolve()));
		});
	}

	/** Closes the server's input, then asks it to stop, then stops it: no child process outlives the plugin. */
	async close(): Promise<void> {
		const child = this.child;
		if (!child) return;
		child.stdin?.end();
		if (await exitsWithin(this.exited, EXIT_GRACE_MS)) return;
		child.kill("SIGTERM");
		if (await exitsWithin(this.exited, EXIT_GRACE_MS)) return;
		child.kill("SIGKILL");
		await this.exited;
	}

	/** Messages are newline-delimited JSON; anything else a server prints on stdout is skipped. */
	private receive(chunk: string): void {
		this.pending += chunk;
		let newline = this.pending.indexOf("\n");
		while (newline !== -1) {
			const line = this.pending.slice(0, newline).replace(/\r$/, "");
			this.pending = this.pending.slice(newline + 1);
			newline = this.pending.indexOf("\n");
			if (line.trim() === "") continue;
			try {
				this.onmessage?.(JSONRPCMessageSchema.parse(JSON.parse(line)));
			} catch (error) {
				this.onerror?.(new Error(`the MCP server "${this.server.name}" printed a line that is not a JSON-RPC message (${error instanceof Error ? error.message : String(error)})`));
			}
		}
	}

	private spawnFailure(error: ErrnoError): string {
		if (error.code === "ENOENT") {
			// Apps started from the Dock or a desktop menu often lack the shell's PATH, so `npx` is not found.
			return `the program "${this.server.command}" was not found; give its full path, or set PATH in the server's env`;
		}
		return `"${this.server.command}" could not be started (${error.message})`;
	}

	private exitDescription(code: number | null, signal: string | null): string {
		return `the MCP server "${this.server.name}" exited with ${signal ? `signal ${signal}` : `code ${code}`}${this.reason()}`;
	}

	private reason(): string {
		const last = this.stderrTail.trim().split("\n").pop()?.trim();
		return last ? `: ${last}` : "";
	}
}

/** Node's process spawning and environment, loaded only in the desktop app, so the plugin still loads on mobile. */
async function desktopNode(): Promise<{ spawn: typeof crossSpawn; env: Record<string, string | undefined> }> {
	if (Platform.isDesktop && Platform.isDesktopApp) {
		const [{ default: spawn }, { default: nodeProcess }] = await Promise.all([import("cross-spawn"), import("process")]);
		return { spawn, env: nodeProcess.env };
	}
	throw new Error("it runs a program, which only the desktop app can start");
}

function exitsWithin(exited: Promise<void>, ms: number): Promise<boolean> {
	let timer: number | undefined;
	return Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => (timer = window.setTimeout(() => resolve(false), ms)))]).finally(() => window.clearTimeout(timer));
}
