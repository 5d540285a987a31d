/** The tools port: tools outside the vault (MCP servers' tools and resources), listed, called and read without the core knowing how. */

export interface ExternalTool {
	server: string;
	name: string;
	description: string;
	/** JSON schema of the arguments, as the server gave it. */
	inputSchema: Record<string, unknown>;
	/** The server's `readOnlyHint`: true only when the server says so. */
	readOnly: boolean;
}

export interface ExternalToolResult {
	/** The result as text (content parts joined); what the model sees, after the run cuts it to size. */
	text: string;
	/** The server reported the call as an error. */
	isError: boolean;
}

export interface ExternalResource {
	/** The resource as text: text contents joined, binary ones named by a short line (`[binary content, N bytes, mime]`). */
	text: string;
	/** The MIME type the server gave, or null. */
	mimeType: string | null;
}

/** Implemented by the MCP client adapter; a server that cannot start is left out of `list` and named in `problems`. */
export interface ExternalTools {
	/** Starts what is needed and lists every available tool. */
	list(): Promise<ExternalTool[]>;
	/** One sentence per server that could not start or list its tools. */
	problems(): string[];
	call(server: string, tool: string, args: Record<string, unknown>, options: { signal?: AbortSignal; timeoutMs: number }): Promise<ExternalToolResult>;
	/** Reads one resource of a server (starting what is needed); rejects with one sentence naming the server and the URI. */
	readResource(server: string, uri: string, options: { signal?: AbortSignal; timeoutMs: number }): Promise<ExternalResource>;
	/** Stops every server this run started. */
	close(): Promise<void>;
}
