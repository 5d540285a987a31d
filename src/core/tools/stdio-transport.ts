/**
 * MCP over stdio: newline-delimited JSON-RPC to a program the coworker starts. One implementation for the
 * app and the command line, with the starting of the program injected (the app may start programs only on
 * desktop, and loads Node's process spawning lazily there), so both say the same thing when a server fails:
 * not found, or exited with its code and the last line it printed on stderr.
 */
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { JSONRPCMessageSchema, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/** How long a server gets to exit after its input is closed, then after SIGTERM, before it is killed. */
const EXIT_GRACE_MS = 2_000;
/** The end of the server's stderr, kept to say why it stopped. */
const STDERR_KEPT_CHARS = 600;
/** A line longer than this is not a message but a flood: the server is stopped rather than buffered without end. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;
/** A few stray log lines on stdout are forgiven; this many mean the server is not speaking MCP, and it is stopped. */
export const MAX_STRAY_LINES = 1_000;

/** A running program as Node's `ChildProcess` offers it; only what the transport uses. */
export interface ChildProgram {
	stdin: { write(data: string, done: (error?: Error | null) => void): unknown; end(): unknown; on(event: "error", listener: (error: Error) => void): unknown } | null;
	stdout: { setEncoding(encoding: "utf8"): unknown; on(event: "data", listener: (chunk: string) => void): unknown } | null;
	stderr: { setEncoding(encoding: "utf8"): unknown; on(event: "data", listener: (chunk: string) => void): unknown } | null;
	once(event: string, listener: (...args: never[]) => void): unknown;
	on(event: string, listener: (...args: never[]) => void): unknown;
	kill(signal?: "SIGTERM" | "SIGKILL"): unknown;
	/**
	 * Stops whatever the program started that is still running (its process group), once the program itself
	 * has gone: a wrapper (`sh -c`, `npx`) may exit and leave the real server behind. Absent where the
	 * platform starts no group.
	 */
	stopGroup?(): Promise<void>;
}

/** Starts a program with exactly this environment; throws (one clause) where programs cannot be started. */
export type StartProgram = (command: string, args: readonly string[], env: Record<string, string>) => Promise<ChildProgram>;

export interface StdioServer {
	name: string;
	command: string;
	args: readonly string[];
	/** Added to the variables every server inherits (see `inheritedEnvironment`). */
	env: Record<string, string>;
}

/**
 * The variables a server inherits from the coworker's own environment: the SDK's list, so a server sees
 * its user, home and PATH but not, say, OPENAI_API_KEY. Anything else it needs goes in its `env`.
 */
export function inheritedEnvironment(environment: Readonly<Record<string, string | undefined>>, windows: boolean): Record<string, string> {
	const names = windows
		? ["APPDATA", "HOMEDRIVE", "HOMEPATH", "LOCALAPPDATA", "PATH", "PROCESSOR_ARCHITECTURE", "SYSTEMDRIVE", "SYSTEMROOT", "TEMP", "USERNAME", "USERPROFILE", "PROGRAMFILES"]
		: ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER"];
	const inherited: Record<string, string> = {};
	for (const name of names) {
		const value = environment[name];
		// A value starting with "()" is a shell function, which the SDK refuses to pass on as well.
		if (value !== undefined && !value.startsWith("()")) inherited[name] = value;
	}
	return inherited;
}

export class StdioTransport implements Transport {
	onclose?: () => void;
	onerror?: (error: Error) => void;
	onmessage?: <T extends JSONRPCMessage>(message: T) => void;

	private child: ChildProgram | null = null;
	/** The program last started, kept after it exits so the processes it left behind can still be stopped. */
	private program: ChildProgram | null = null;
	private pending = "";
	private strayLines = 0;
	private stderrTail = "";
	private exited: Promise<void> = Promise.resolve();

	constructor(
		private readonly server: StdioServer,
		private readonly startProgram: StartProgram,
		private readonly inherited: Record<string, string>,
	) {}

	async start(): Promise<void> {
		const child = await this.startProgram(this.server.command, this.server.args, { ...this.inherited, ...this.server.env });
		this.child = child;
		this.program = child;
		this.exited = new Promise((resolve) => child.once("close", () => resolve()));
		child.stdout?.setEncoding("utf8");
		child.stdout?.on("data", (chunk: string) => this.receive(chunk));
		child.stderr?.setEncoding("utf8");
		child.stderr?.on("data", (chunk: string) => (this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_KEPT_CHARS)));
		child.stdin?.on("error", (error) => this.onerror?.(error));
		await new Promise<void>((resolve, reject) => {
			child.once("spawn", () => resolve());
			child.once("error", (error: Error & { code?: string }) => reject(new Error(this.startFailure(error))));
		});
		child.on("error", (error: Error) => this.onerror?.(error));
		child.once("close", (code: number | null, signal: string | null) => {
			if (this.child === child) {
				this.child = null;
				// Said before onclose, so whoever waits on the connection learns why it closed.
				if (code !== 0) this.onerror?.(new Error(`the MCP server "${this.server.name}" exited with ${signal ? `signal ${signal}` : `code ${code}`}${this.reason()}`));
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

	/** Closes the server's input, then asks it to stop, then stops it: no child process outlives its run or the plugin. */
	async close(): Promise<void> {
		const child = this.child;
		const program = this.program;
		this.child = null;
		this.program = null;
		if (child) {
			// The "close" listener set in start() calls onclose once the program has gone.
			child.stdin?.end();
			if (!(await exitsWithin(this.exited, EXIT_GRACE_MS))) {
				child.kill("SIGTERM");
				if (!(await exitsWithin(this.exited, EXIT_GRACE_MS))) {
					child.kill("SIGKILL");
					await this.exited;
				}
			}
		}
		// Also when the program exited on its own earlier: what it started may still run.
		await program?.stopGroup?.();
	}

	/**
	 * Messages are newline-delimited JSON; a line that is not a message is reported and skipped. Only the new
	 * chunk is searched for a line end, and a flood (a line without end, or a stream of lines that are not
	 * messages) stops the server, so a broken server ends its pending requests at once instead of filling memory.
	 */
	private receive(chunk: string): void {
		let start = 0;
		for (let newline = chunk.indexOf("\n"); newline !== -1 && this.child; newline = chunk.indexOf("\n", start)) {
			const line = (this.pending + chunk.slice(start, newline)).replace(/\r$/, "");
			this.pending = "";
			start = newline + 1;
			if (line.trim() !== "") this.receiveLine(line);
		}
		if (!this.child) return;
		this.pending += chunk.slice(start);
		if (this.pending.length > MAX_LINE_CHARS) this.stopFlooding(`printed more than ${MAX_LINE_CHARS / 1024 / 1024} MB without ending the line`);
	}

	private receiveLine(line: string): void {
		try {
			this.onmessage?.(JSONRPCMessageSchema.parse(JSON.parse(line)));
		} catch (error) {
			this.onerror?.(new Error(`the MCP server "${this.server.name}" printed a line that is not a JSON-RPC message (${error instanceof Error ? error.message : String(error)})`));
			if (++this.strayLines >= MAX_STRAY_LINES) this.stopFlooding(`printed ${MAX_STRAY_LINES} lines that are not JSON-RPC messages`);
		}
	}

	private stopFlooding(what: string): void {
		this.pending = "";
		this.onerror?.(new Error(`the MCP server "${this.server.name}" ${what}, so it was stopped`));
		// No grace for end of input: a flooding server is not listening, and its pending calls end when it exits.
		this.child?.kill("SIGTERM");
		void this.close();
	}

	private startFailure(error: Error & { code?: string }): string {
		if (error.code === "ENOENT") {
			// Apps started from the Dock or a desktop menu often lack the shell's PATH, so `npx` is not found.
			return `the program "${this.server.command}" was not found; give its full path, or set PATH in the server's env`;
		}
		return `"${this.server.command}" could not be started (${error.message})`;
	}

	private reason(): string {
		const last = this.stderrTail.trim().split("\n").pop()?.trim();
		return last ? `: ${last}` : "";
	}
}

function exitsWithin(exited: Promise<void>, ms: number): Promise<boolean> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	return Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]).finally(() => clearTimeout(timer));
}
