/** ModelClient against the fake OpenAI-compatible server: answers, tool calls, usage, retries, and every failure as one sentence. */
import { afterEach, describe, expect, it } from "vitest";
import { startFakeModelServer, type FakeModelServer, type FakeModelServerOptions } from "../../helpers/fake-model-server";
import { ModelClient, type ModelClientOptions } from "../../../src/core/model/model-client";
import { ModelError, type ModelFailureKind } from "../../../src/core/model/model-error";
import type { ChatMessage, ToolDefinition } from "../../../src/core/model/chat-model";

const MODEL = "test-model";
const USER: ChatMessage[] = [
	{ role: "system", content: "You are a test." },
	{ role: "user", content: "Say hello to the vault" },
];
const SEARCH_TOOL: ToolDefinition = {
	name: "search_notes",
	description: "Searches the notes.",
	parameters: { type: "object", properties: { query: { type: "string" } }, required: ["query"] },
};

let servers: FakeModelServer[] = [];

afterEach(async () => {
	await Promise.all(servers.map((server) => server.close()));
	servers = [];
});

async function start(options?: FakeModelServerOptions): Promise<FakeModelServer> {
	const server = await startFakeModelServer(options);
	servers.push(server);
	return server;
}

function clientFor(server: { baseUrl: string }, options: Partial<ModelClientOptions> = {}): ModelClient {
	return new ModelClient({ baseUrl: server.baseUrl, apiKey: null, model: MODEL, fetch: globalThis.fetch, timeoutMs: 5000, maxRetries: 0, stream: false, ...options });
}

/** The ModelError a call rejects with; fails the test when it resolves or throws anything else. */
async function failureOf(promise: Promise<unknown>): Promise<ModelError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(ModelError);
		return error as ModelError;
	}
	throw new Error("expected the call to fail");
}

/** One line, one sentence, no stack trace: what the user is shown. */
function expectOneSentence(message: string): void {
	expect(message).not.toMatch(/\n/);
	expect(message).not.toMatch(/\bat .+:\d+:\d+/);
	expect(message).not.toMatch(/Error:/);
	expect(message).toMatch(/[.?]$/);
	// The endpoint's own words (quoted in parentheses) aside, no full stop starts a second sentence.
	expect(message.replace(/ \(the endpoint said: .*\)/, "")).not.toMatch(/[.?!] [A-Z]/);
}

function expectFailure(error: ModelError, kind: ModelFailureKind): void {
	expect(error.kind).toBe(kind);
	expect(error.name).toBe("ModelError");
	expectOneSentence(error.message);
}

describe.each([{ stream: false }, { stream: true }])("ModelClient answers (stream: $stream)", ({ stream }) => {
	it("returns the text, the model and the usage in the port's shape", async () => {
		const server = await start();
		server.enqueue({ kind: "reply", text: "Hello, vault. 🦊 All is well.", usage: { prompt_tokens: 12, completion_tokens: 5 } });
		const turn = await clientFor(server, { stream }).complete(USER);
		expect(turn).toEqual({
			text: "Hello, vault. 🦊 All is well.",
			toolCalls: [],
			usage: { promptTokens: 12, completionTokens: 5, totalTokens: 17 },
			model: MODEL,
			finishReason: "stop",
			reasoned: false,
		});
		const body = server.chatRequests()[0];
		expect(body?.model).toBe(MODEL);
		expect(body?.messages).toEqual([
			{ role: "system", content: "You are a test." },
			{ role: "user", content: "Say hello to the vault" },
		]);
		expect(body?.stream === true).toBe(stream);
		if (stream) expect(body?.stream_options).toEqual({ include_usage: true });
		expect(body).not.toHaveProperty("tools");
	});

	it("returns tool calls with their ids, names and JSON argument text, and sends the tool definitions", async () => {
		const server = await start();
		server.enqueue({
			kind: "tool-calls",
			calls: [
				{ name: "search_notes", arguments: { query: "acme renewal risks", limit: 5 } },
				{ name: "read_note", arguments: '{"note": "Acme Corp"', id: "call_broken" },
			],
			usage: { prompt_tokens: 30, completion_tokens: 9 },
		});
		const turn = await clientFor(server, { stream }).complete(USER, { tools: [SEARCH_TOOL] });
		expect(turn.text).toBeNull();
		expect(turn.finishReason).toBe("tool_calls");
		expect(turn.usage).toEqual({ promptTokens: 30, completionTokens: 9, totalTokens: 39 });
		expect(turn.toolCalls).toEqual([
			{ id: "call_1", name: "search_notes", arguments: '{"query":"acme renewal risks","limit":5}' },
			// Malformed JSON is passed through as written: the agent loop answers it, the client does not judge it.
			{ id: "call_broken", name: "read_note", arguments: '{"note": "Acme Corp"' },
		]);
		expect(server.chatRequests()[0]?.tools).toEqual([{ type: "function", function: { name: "search_notes", description: "Searches the notes.", parameters: SEARCH_TOOL.parameters } }]);
	});

	it("sends an assistant turn with tool calls and the tool results in the API's shape", async () => {
		const server = await start();
		const history: ChatMessage[] = [
			...USER,
			{ role: "assistant", content: null, toolCalls: [{ id: "call_9", name: "search_notes", arguments: '{"query":"x"}' }] },
			{ role: "tool", toolCallId: "call_9", content: "No notes matched." },
			{ role: "assistant", content: "Plain words", toolCalls: [] },
		];
		await clientFor(server, { stream }).complete(history, { tools: [] });
		const body = server.chatRequests()[0];
		expect(body?.messages).toEqual([
			...USER,
			{ role: "assistant", content: null, tool_calls: [{ id: "call_9", type: "function", function: { name: "search_notes", arguments: '{"query":"x"}' } }] },
			{ role: "tool", tool_call_id: "call_9", content: "No notes matched." },
			{ role: "assistant", content: "Plain words" },
		]);
		// An empty tool list is no tool list.
		expect(body).not.toHaveProperty("tools");
	});

	it("retries a 429 that says retry-after 0 and succeeds, the server seeing two requests", async () => {
		const server = await start();
		server.enqueue({ kind: "error", status: 429, retryAfterSeconds: 0 }, { kind: "reply", text: "after the limit" });
		const turn = await clientFor(server, { stream, maxRetries: 1 }).complete(USER);
		expect(turn.text).toBe("after the limit");
		expect(server.chatRequests()).toHaveLength(2);
	});

	it("reports a 429 that outlasts the retries as rate-limited", async () => {
		const server = await start();
		server.enqueue({ kind: "error", status: 429, retryAfterSeconds: 0 });
		expectFailure(await failureOf(clientFor(server, { stream }).complete(USER)), "rate-limited");
	});

	it("reports a 500 without retries as a server error naming the endpoint", async () => {
		const server = await start();
		server.enqueue({ kind: "error", status: 500 });
		const error = await failureOf(clientFor(server, { stream }).complete(USER));
		expectFailure(error, "server");
		expect(error.message).toContain(server.baseUrl);
		expect(error.message).toContain("server error");
		expect(server.chatRequests()).toHaveLength(1);
	});

	it("reports a rejected key as auth, without echoing the key", async () => {
		const server = await start({ apiKey: "sk-right-key-1234" });
		const error = await failureOf(clientFor(server, { stream, apiKey: "sk-wrong-key-9999" }).complete(USER));
		expectFailure(error, "auth");
		expect(error.message).toContain("API key was rejected");
		expect(error.message).not.toContain("sk-wrong-key-9999");
		expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-wrong-key-9999");
	});

	it("reports an unknown model as model-not-found, naming it", async () => {
		const server = await start();
		const error = await failureOf(clientFor(server, { stream, model: "gpt-nope" }).complete(USER));
		expectFailure(error, "model-not-found");
		expect(error.message).toContain('"gpt-nope"');
	});

	it("reports context_length_exceeded as context-too-long", async () => {
		const server = await start();
		server.enqueue({ kind: "error", status: 400, message: "This model's maximum context length is 8192 tokens.", code: "context_length_exceeded" });
		const error = await failureOf(clientFor(server, { stream }).complete(USER));
		expectFailure(error, "context-too-long");
		expect(error.message).toContain("context budget");
	});

	it("reports another 400 as refused, with the endpoint's words", async () => {
		const server = await start();
		server.enqueue({ kind: "error", status: 400, message: "Unsupported parameter: 'temperature'." });
		const error = await failureOf(clientFor(server, { stream }).complete(USER));
		expectFailure(error, "refused");
		expect(error.message).toContain("Unsupported parameter");
	});

	it("reports a hang past the timeout as timeout", async () => {
		const server = await start();
		server.enqueue({ kind: "hang" });
		const started = Date.now();
		const error = await failureOf(clientFor(server, { stream, timeoutMs: 300 }).complete(USER));
		expectFailure(error, "timeout");
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it("reports an abort during a hang as cancelled", async () => {
		const server = await start();
		server.enqueue({ kind: "hang" });
		const controller = new AbortController();
		const pending = failureOf(clientFor(server, { stream }).complete(USER, { signal: controller.signal }));
		await server.received(1);
		controller.abort();
		const error = await pending;
		expectFailure(error, "cancelled");
		expect(error.message).toBe("The task was cancelled.");
	});

	it("reports a signal aborted before the call as cancelled", async () => {
		const server = await start();
		const controller = new AbortController();
		controller.abort();
		expectFailure(await failureOf(clientFor(server, { stream }).complete(USER, { signal: controller.signal })), "cancelled");
	});

	it("reports a 200 HTML page as bad-response and hints at the base URL", async () => {
		const server = await start();
		server.enqueue({ kind: "non-json", body: "<html>\n<body>Proxy login required</body>\n</html>" });
		const error = await failureOf(clientFor(server, { stream }).complete(USER));
		expectFailure(error, "bad-response");
		expect(error.message).toContain("/v1");
	});

	it("reports a 502 HTML error page as a server error in one line", async () => {
		const server = await start();
		server.enqueue({ kind: "non-json", status: 502, body: "<html>\n  <h1>Bad gateway</h1>\n</html>" });
		expectFailure(await failureOf(clientFor(server, { stream }).complete(USER)), "server");
	});

	it("reports a dropped connection as unreachable", async () => {
		const server = await start();
		server.enqueue({ kind: "drop-connection" });
		expectFailure(await failureOf(clientFor(server, { stream }).complete(USER)), "unreachable");
	});
});

describe.each([{ stream: false }, { stream: true }])("ModelClient and reasoning servers (stream: $stream)", ({ stream }) => {
	it.each(["deepseek", "ollama", "vllm"] as const)("keeps only the content of a %s reply with a separate reasoning field", async (shape) => {
		const server = await start();
		server.enqueue({ kind: "reply", text: "# Report\n\nThe answer.", reasoning: "SECRET THOUGHTS about the vault", reasoningShape: shape });
		const turn = await clientFor(server, { stream }).complete(USER);
		expect(turn.text).toBe("# Report\n\nThe answer.");
		expect(JSON.stringify(turn)).not.toContain("SECRET THOUGHTS");
		expect(turn.reasoned).toBe(true);
		expect(turn.finishReason).toBe("stop");
	});

	it.each(["deepseek", "ollama", "vllm"] as const)("a %s reply that is only reasoning has no text, and says it reasoned", async (shape) => {
		const server = await start();
		server.enqueue({ kind: "reply", text: shape === "vllm" ? null : "", reasoning: "Thinking, thinking", reasoningShape: shape, finishReason: "length" });
		const turn = await clientFor(server, { stream }).complete(USER);
		expect(turn.text ?? "").toBe("");
		expect(turn.reasoned).toBe(true);
		expect(turn.finishReason).toBe("length");
	});

	it("passes <think> in the content through untouched (the pipeline strips it), assembled from pieces", async () => {
		const server = await start();
		server.enqueue({ kind: "reply", text: "<think>plan the report</think>\n\n# Report" });
		const turn = await clientFor(server, { stream }).complete(USER);
		expect(turn.text).toBe("<think>plan the report</think>\n\n# Report");
		expect(turn.reasoned).toBe(false);
	});
});

describe("ModelClient telling a streamed answer as it arrives", () => {
	it.each(["deepseek", "ollama", "vllm"] as const)("passes the %s answer's content so far, piece by piece, and never the reasoning field", async (shape) => {
		const server = await start();
		server.enqueue({ kind: "reply", text: "# Report\n\nThe answer is here.", reasoning: "SECRET THOUGHTS", reasoningShape: shape });
		const told: string[] = [];
		const turn = await clientFor(server, { stream: true }).complete(USER, { onText: (text) => told.push(text) });
		expect(told.length).toBeGreaterThan(1);
		told.forEach((text, i) => expect(text.startsWith(told[i - 1] ?? "")).toBe(true));
		expect(told.at(-1)).toBe(turn.text);
		expect(told.join("")).not.toContain("SECRET");
	});

	it("tells nothing when the answer arrives whole (stream: false)", async () => {
		const server = await start();
		server.enqueue({ kind: "reply", text: "# Report" });
		const told: string[] = [];
		const turn = await clientFor(server, { stream: false }).complete(USER, { onText: (text) => told.push(text) });
		expect(turn.text).toBe("# Report");
		expect(told).toEqual([]);
	});
});

describe("ModelClient without a server", () => {
	it("says nothing is listening at a local URL and hints at the local model server", async () => {
		const server = await start();
		const baseUrl = server.baseUrl;
		await server.close();
		const error = await failureOf(clientFor({ baseUrl }).complete(USER));
		expectFailure(error, "unreachable");
		expect(error.message).toContain(`Nothing is listening at ${baseUrl}`);
		expect(error.message).toContain("is the local model server");
		const streamed = await failureOf(clientFor({ baseUrl }, { stream: true }).complete(USER));
		expectFailure(streamed, "unreachable");
		const listing = await failureOf(clientFor({ baseUrl }).listModels());
		expectFailure(listing, "unreachable");
	});
});

describe("ModelClient.listModels", () => {
	it("returns the endpoint's model ids sorted", async () => {
		const server = await start({ models: ["zeta-7b", "alpha", "mistral:latest"] });
		expect(await clientFor(server).listModels()).toEqual(["alpha", "mistral:latest", "zeta-7b"]);
		expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual(["GET /v1/models"]);
	});

	it("sends the placeholder key when none is configured, and the key when one is", async () => {
		const server = await start();
		await clientFor(server).listModels();
		await clientFor(server, { apiKey: "sk-mine" }).listModels();
		expect(server.requests.map((request) => request.headers.authorization)).toEqual(["Bearer no-key", "Bearer sk-mine"]);
	});

	it("reports a rejected key as auth", async () => {
		const server = await start({ apiKey: "sk-right" });
		expectFailure(await failureOf(clientFor(server, { apiKey: "sk-wrong" }).listModels()), "auth");
	});
});

describe("ModelClient.modelName", () => {
	it("is the configured model", () => {
		expect(clientFor({ baseUrl: "http://127.0.0.1:9/v1" }, { model: "llama3.1" }).modelName).toBe("llama3.1");
	});
});
