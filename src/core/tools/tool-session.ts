/** The external tools of one run: offered under safe names, every call checked against the permissions and recorded; its resources read as sources. */
import type { ToolDefinition } from "../model/chat-model";
import type { ExternalResource, ExternalTool, ExternalTools } from "../ports/external-tools";
import { decide, functionNameFor, isGranted, permissionOf, type ToolGrant, type ToolPermission } from "./tool-permissions";
import { neutraliseDelimiters } from "../context/source-delimiters";

/** One call as the run record and the deliverable list it. */
export interface ToolCallRecord {
	server: string;
	tool: string;
	arguments: string;
	status: "ok" | "denied" | "failed";
	resultBytes: number;
	milliseconds: number;
}

export interface ToolSessionOptions {
	tools: ExternalTools;
	/**
	 * The servers whose tools are offered to the model; all when absent. A server started only to read a
	 * resource source (reading is read-only) keeps its tools out of the run.
	 */
	toolServers?: readonly string[];
	overrides: Record<string, ToolPermission>;
	grants: ToolGrant[];
	/** Someone is watching (a run started by hand in the app) and may be asked. */
	attended: boolean;
	/** Asks the user about one call, showing the tool and the exact arguments; resolves true for "approve once". */
	ask?: (server: string, tool: string, args: string) => Promise<boolean>;
	maxResultBytes: number;
	callTimeoutMs: number;
	now: () => number;
}

export class ToolSession {
	private readonly byName = new Map<string, ExternalTool>();
	readonly records: ToolCallRecord[] = [];

	private constructor(private readonly options: ToolSessionOptions) {}

	/** Lists the servers' tools (starting the servers); a server that fails is left out and named in `problems`. */
	static async open(options: ToolSessionOptions): Promise<ToolSession> {
		const session = new ToolSession(options);
		const taken = new Set<string>();
		for (const tool of await options.tools.list()) {
			if (options.toolServers && !options.toolServers.includes(tool.server)) continue;
			const name = functionNameFor(tool.server, tool.name, taken);
			taken.add(name);
			session.byName.set(name, tool);
		}
		return session;
	}

	get problems(): string[] {
		return this.options.tools.problems();
	}

	definitions(): ToolDefinition[] {
		return [...this.byName.entries()].map(([name, tool]) => ({
			name,
			description: `${tool.description} (tool "${tool.name}" of the server "${tool.server}")`.trim(),
			parameters: tool.inputSchema,
		}));
	}

	handles(name: string): boolean {
		return this.byName.has(name);
	}

	/**
	 * Runs one call if the permissions allow it. What a tool returns can never make a denied tool run: the
	 * check is here, on every call, whatever the conversation says.
	 */
	async call(name: string, rawArguments: string, maxTokens: number, signal?: AbortSignal): Promise<string> {
		const tool = this.byName.get(name);
		if (!tool) return `There is no tool named ${name}.`;
		const started = this.options.now();
		const record = (status: ToolCallRecord["status"], resultBytes: number): void => {
			this.records.push({ server: tool.server, tool: tool.name, arguments: rawArguments, status, resultBytes, milliseconds: Math.round(this.options.now() - started) });
		};
		const permission = permissionOf({ server: tool.server, tool: tool.name, readOnly: tool.readOnly, overrides: this.options.overrides });
		let verdict = decide(permission, this.options.attended, isGranted(this.options.grants, tool.server, tool.name));
		if (verdict === "ask") verdict = this.options.ask && (await this.options.ask(tool.server, tool.name, rawArguments)) ? "run" : "deny";
		if (verdict === "deny") {
			record("denied", 0);
			return `The tool ${tool.server}/${tool.name} is not allowed in this run; go on without it and say in the deliverable what is missing.`;
		}
		let args: Record<string, unknown>;
		try {
			const parsed: unknown = JSON.parse(rawArguments || "{}");
			args = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
		} catch {
			record("failed", 0);
			return `The arguments of ${tool.server}/${tool.name} are not valid JSON.`;
		}
		try {
			const result = await this.options.tools.call(tool.server, tool.name, args, { timeoutMs: this.options.callTimeoutMs, ...(signal ? { signal } : {}) });
			const limit = Math.min(this.options.maxResultBytes, Math.max(200, Math.floor(maxTokens * 3.6)));
			record(result.isError ? "failed" : "ok", new TextEncoder().encode(result.text).length);
			// What a server answers is data: it cannot close its <tool_result> or forge a <source> (see source-delimiters.ts).
			const text = neutraliseDelimiters(cutWithNote(result.text, limit, "result"));
			return `<tool_result server="${tool.server}" tool="${tool.name}"${result.isError ? ' error="true"' : ""}>\n${text}\n</tool_result>`;
		} catch (error) {
			record("failed", 0);
			return `The tool ${tool.server}/${tool.name} failed: ${error instanceof Error ? error.message : String(error)}`;
		}
	}

	/**
	 * Reads a resource for the context, cut to the size a tool result may have. It is a source, not a call:
	 * nothing is recorded, and no permission applies, since reading changes nothing. Rejects with one sentence.
	 */
	async readResource(server: string, uri: string, signal?: AbortSignal): Promise<ExternalResource> {
		const resource = await this.options.tools.readResource(server, uri, { timeoutMs: this.options.callTimeoutMs, ...(signal ? { signal } : {}) });
		return { ...resource, text: cutWithNote(resource.text, this.options.maxResultBytes, "resource") };
	}

	close(): Promise<void> {
		return this.options.tools.close();
	}
}

/** The text within `limit` bytes, saying what was cut so the model does not take a part for the whole. */
function cutWithNote(text: string, limit: number, what: "result" | "resource"): string {
	const bytes = new TextEncoder().encode(text).length;
	return bytes > limit ? `${cutToBytes(text, limit)}\n[…cut: the ${what} was ${bytes} bytes; only the first ${limit} are shown]` : text;
}

function cutToBytes(text: string, limit: number): string {
	let cut = text.slice(0, limit);
	while (new TextEncoder().encode(cut).length > limit) cut = cut.slice(0, -1);
	return cut;
}
