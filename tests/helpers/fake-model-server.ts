/** A fake OpenAI-compatible Chat Completions server on 127.0.0.1 for tests: scripted replies, tool calls, errors, hangs and dropped connections. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One HTTP request as the server received it, recorded before it is answered. */
export interface RecordedRequest {
	method: string;
	/** The URL path without the query string, e.g. "/v1/chat/completions". */
	path: string;
	/** Header names are lowercase, as Node gives them. */
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, or the raw string if the body is not JSON (the empty string when there is no body). */
	body: unknown;
}

/** One function call the fake model makes. `arguments` given as a string is sent verbatim, so malformed JSON can be simulated. */
export interface ToolCallSpec {
	name: string;
	arguments: Record<string, unknown> | string;
	/** Defaults to `call_1`, `call_2`, … counted per server. */
	id?: string;
}

/** Token counts to report; `total_tokens` is always their sum. */
type UsageSpec = { prompt_tokens: number; completion_tokens: number };

/**
 * Where a reasoning model's thinking travels when the server separates it from the answer, as each server sends it:
 * - `deepseek` (DeepSeek's API): `reasoning_content` beside `content`; streamed, the reasoning chunks carry
 *   `content: null` and the answer chunks `reasoning_content: null`. A request that sends `reasoning_content`
 *   back in a message is refused with a 400, as DeepSeek documents.
 * - `ollama` (Ollama's /v1 endpoint, also Ollama Cloud): a `reasoning` field; streamed, every chunk repeats
 *   `role` and the reasoning chunks carry `content: ""`.
 * - `vllm` (vLLM and llama.cpp's server with a reasoning parser; LM Studio's `reasoning_content` too): a
 *   `reasoning_content` field; streamed, the reasoning chunks have no `content` key at all.
 */
export type ReasoningShape = "deepseek" | "ollama" | "vllm";

/** How the server answers one chat completion request. */
export type Behaviour =
	| {
			kind: "reply";
			/** The answer's `content`; null or "" for a reply that is only reasoning (reasoning servers send either). */
			text: string | null | ((request: RecordedRequest) => string);
			usage?: UsageSpec;
			/** Thinking sent in a separate field (see {@link ReasoningShape}), before the answer when streamed. */
			reasoning?: string;
			/** Default `deepseek`. */
			reasoningShape?: ReasoningShape;
			/** `length` when the answer stopped at the output limit (`max_tokens`); default `stop`. */
			finishReason?: "stop" | "length";
			/** A slow model: the answer is sent only once this settles (the test releases it), the request held open meanwhile. */
			gate?: Promise<unknown>;
			/**
			 * A model writing slowly: streamed, the chunks up to the answer's first piece of content are sent and the rest
			 * once this settles, the response held open meanwhile; an answer that is not streamed waits for it whole.
			 */
			pauseMidAnswer?: Promise<unknown>;
	  }
	| { kind: "tool-calls"; calls: ToolCallSpec[]; usage?: UsageSpec }
	| { kind: "error"; status: number; message?: string; type?: string; code?: string | null; retryAfterSeconds?: number }
	/** Read the request and never answer, until the client aborts or the server closes. */
	| { kind: "hang" }
	/** A body that is not JSON, e.g. an HTML page from a proxy; status 200 and `text/html` by default. */
	| { kind: "non-json"; status?: number; body: string; contentType?: string }
	/** Destroy the socket without sending any response. */
	| { kind: "drop-connection" };

/** A running fake server; see {@link startFakeModelServer}. */
export interface FakeModelServer {
	/** e.g. "http://127.0.0.1:54321/v1" — what you pass as baseURL */
	readonly baseUrl: string;
	/** Every request received, in order (including GET /v1/models). */
	readonly requests: RecordedRequest[];
	/** Only the POST /v1/chat/completions requests' parsed bodies, in order. */
	chatRequests(): Array<Record<string, unknown>>;
	/**
	 * Resolves once `count` requests (only chat completions with `"chat"`) have been received and recorded, at once if
	 * they have: the server's own word that a client's request arrived, for a test to wait on instead of polling.
	 */
	received(count: number, which?: "any" | "chat"): Promise<void>;
	/** Queue behaviours for the next chat completion requests, used first-in first-out; when the queue is empty the default behaviour answers. */
	enqueue(...behaviours: Behaviour[]): void;
	/** Replace the behaviour used when the queue is empty; initially `{ kind: "reply", text: "OK" }`. */
	setDefault(behaviour: Behaviour): void;
	/** Closes the server and destroys any open (hanging or keep-alive) sockets. Safe to call twice. */
	close(): Promise<void>;
}

/** Options for {@link startFakeModelServer}. */
export interface FakeModelServerOptions {
	/** ids listed by GET /v1/models and accepted as `model`; default ["test-model"] */
	models?: string[];
	/** When set, any request whose Authorization is not `Bearer <apiKey>` gets the API's 401 `invalid_api_key` error. */
	apiKey?: string;
}

interface ApiError {
	message: string;
	type: string;
	param: string | null;
	code: string | null;
}

const CHAT_PATH = "/v1/chat/completions";
const MODELS_PATH = "/v1/models";
/** Content and arguments are streamed in about this many pieces, so clients must really assemble them. */
const STREAM_PIECES = 3;

/**
 * Starts a fake OpenAI-compatible server on an ephemeral port of 127.0.0.1.
 * Chat completion requests are checked (API key, JSON body, known model, messages) before a queued behaviour is consumed,
 * so a rejected request leaves the queue as it was.
 */
export async function startFakeModelServer(options: FakeModelServerOptions = {}): Promise<FakeModelServer> {
	const models = options.models ?? ["test-model"];
	const requests: RecordedRequest[] = [];
	const queue: Behaviour[] = [];
	let fallback: Behaviour = { kind: "reply", text: "OK" };
	let completionCount = 0;
	let toolCallCount = 0;
	let requestCount = 0;
	const sockets = new Set<Socket>();
	const waiters = new Set<{ count: number; which: "any" | "chat"; resolve: () => void }>();
	const chatRequests = (): Array<Record<string, unknown>> =>
		requests.filter((r) => r.method === "POST" && r.path === CHAT_PATH && isRecord(r.body)).map((r) => r.body as Record<string, unknown>);
	const countOf = (which: "any" | "chat"): number => (which === "chat" ? chatRequests().length : requests.length);
	const wakeWaiters = (): void => {
		for (const waiter of waiters) {
			if (countOf(waiter.which) < waiter.count) continue;
			waiters.delete(waiter);
			waiter.resolve();
		}
	};

	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const raw = await readBody(req);
		const method = req.method ?? "GET";
		const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
		const recorded: RecordedRequest = { method, path, headers: { ...req.headers }, body: parseBody(raw) };
		requests.push(recorded);
		wakeWaiters();
		res.setHeader("x-request-id", `req_fake${++requestCount}`);

		if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
			const given = /^Bearer (.*)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
			return sendError(res, 401, {
				message: `Incorrect API key provided: ${maskKey(given)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
				type: "invalid_request_error",
				param: null,
				code: "invalid_api_key",
			});
		}
		if (method === "GET" && path === MODELS_PATH) {
			return sendJson(res, 200, { object: "list", data: models.map(modelObject) });
		}
		if (method === "GET" && path.startsWith(`${MODELS_PATH}/`)) {
			const id = decodeURIComponent(path.slice(MODELS_PATH.length + 1));
			return models.includes(id) ? sendJson(res, 200, modelObject(id)) : sendError(res, 404, modelNotFound(id));
		}
		if (method === "POST" && path === CHAT_PATH) return chat(recorded, res);
		sendError(res, 404, { message: `Invalid URL (${method} ${path})`, type: "invalid_request_error", param: null, code: null });
	};

	const chat = async (request: RecordedRequest, res: ServerResponse): Promise<void> => {
		const body = request.body;
		if (!isRecord(body)) {
			return sendError(res, 400, {
				message: "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
				type: "invalid_request_error",
				param: null,
				code: null,
			});
		}
		if (typeof body.model !== "string") {
			return sendError(res, 400, { message: "you must provide a model parameter", type: "invalid_request_error", param: null, code: null });
		}
		if (!models.includes(body.model)) return sendError(res, 404, modelNotFound(body.model));
		if (!Array.isArray(body.messages)) {
			return sendError(res, 400, { message: "Missing required parameter: 'messages'.", type: "invalid_request_error", param: "messages", code: "missing_required_parameter" });
		}

		const behaviour = queue.shift() ?? fallback;
		const model = body.model;
		const streamed = body.stream === true;
		const includeUsage = isRecord(body.stream_options) && body.stream_options.include_usage === true;
		const head = { id: `chatcmpl-fake${++completionCount}`, created: Math.floor(Date.now() / 1000), model, system_fingerprint: "fp_fake" };
		const usageOf = (given: UsageSpec | undefined, completionChars: number): Record<string, number> => {
			const counts = given ?? { prompt_tokens: Math.ceil(promptCharacters(body.messages) / 4), completion_tokens: Math.ceil(completionChars / 4) };
			return { prompt_tokens: counts.prompt_tokens, completion_tokens: counts.completion_tokens, total_tokens: counts.prompt_tokens + counts.completion_tokens };
		};

		switch (behaviour.kind) {
			case "reply": {
				if (behaviour.gate) await behaviour.gate;
				const text = typeof behaviour.text === "function" ? behaviour.text(request) : behaviour.text;
				const reasoning = behaviour.reasoning;
				const shape = behaviour.reasoningShape ?? "deepseek";
				const finish = behaviour.finishReason ?? "stop";
				const usage = usageOf(behaviour.usage, (text ?? "").length + (reasoning ?? "").length);
				if (reasoning !== undefined && shape === "deepseek" && sendsReasoningBack(body.messages)) {
					return sendError(res, 400, {
						message: "The reasoning_content is an intermediate result for display purposes only and will not be included in the context for inference. Please remove the reasoning_content from your message to reduce network traffic.",
						type: "invalid_request_error",
						param: null,
						code: "invalid_request_error",
					});
				}
				if (!streamed) {
					if (behaviour.pauseMidAnswer) await behaviour.pauseMidAnswer;
					const thinking = reasoning === undefined ? {} : { [shape === "ollama" ? "reasoning" : "reasoning_content"]: reasoning };
					return sendJson(res, 200, {
						...head,
						object: "chat.completion",
						choices: [{ index: 0, message: { role: "assistant", content: text, ...thinking, refusal: null, annotations: [] }, logprobs: null, finish_reason: finish }],
						usage,
						service_tier: "default",
					});
				}
				const deltas = replyDeltas(text ?? "", reasoning, shape);
				const firstPiece = deltas.findIndex((delta) => typeof delta.content === "string" && delta.content !== "");
				const pause = behaviour.pauseMidAnswer && firstPiece >= 0 ? { after: firstPiece, until: behaviour.pauseMidAnswer } : undefined;
				return sendStream(res, streamChunks(head, deltas, finish, includeUsage ? usage : undefined), pause);
			}
			case "tool-calls": {
				const calls = behaviour.calls.map((call) => ({
					id: call.id ?? `call_${++toolCallCount}`,
					type: "function" as const,
					function: { name: call.name, arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments) },
				}));
				const usage = usageOf(behaviour.usage, calls.reduce((sum, call) => sum + call.function.name.length + call.function.arguments.length, 0));
				if (!streamed) {
					return sendJson(res, 200, {
						...head,
						object: "chat.completion",
						choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: calls, refusal: null, annotations: [] }, logprobs: null, finish_reason: "tool_calls" }],
						usage,
						service_tier: "default",
					});
				}
				// As OpenAI streams them: each call opens with its index, id, type, name and empty arguments, then the arguments follow in fragments.
				const deltas: Array<Record<string, unknown>> = [];
				calls.forEach((call, index) => {
					const opening = { index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } };
					deltas.push(index === 0 ? { role: "assistant", content: null, tool_calls: [opening], refusal: null } : { tool_calls: [opening] });
					for (const piece of splitPieces(call.function.arguments)) deltas.push({ tool_calls: [{ index, function: { arguments: piece } }] });
				});
				return sendStream(res, streamChunks(head, deltas, "tool_calls", includeUsage ? usage : undefined));
			}
			case "error": {
				const defaults = defaultError(behaviour.status, model);
				if (behaviour.retryAfterSeconds !== undefined) res.setHeader("retry-after", String(behaviour.retryAfterSeconds));
				return sendError(res, behaviour.status, {
					message: behaviour.message ?? defaults.message,
					type: behaviour.type ?? defaults.type,
					param: null,
					code: behaviour.code === undefined ? defaults.code : behaviour.code,
				});
			}
			case "hang":
				return;
			case "non-json": {
				const payload = Buffer.from(behaviour.body, "utf8");
				res.writeHead(behaviour.status ?? 200, { "content-type": behaviour.contentType ?? "text/html; charset=utf-8", "content-length": payload.length });
				res.end(payload);
				return;
			}
			case "drop-connection":
				res.socket?.destroy();
				return;
		}
	};

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			// A throwing reply function or an aborted upload should fail the test visibly, not leave the client waiting.
			if (res.headersSent || res.destroyed) {
				res.destroy();
				return;
			}
			const message = error instanceof Error ? error.message : String(error);
			sendError(res, 500, { message: `fake-model-server: ${message}`, type: "server_error", param: null, code: null });
		});
	});
	server.on("connection", (socket) => {
		sockets.add(socket);
		socket.once("close", () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(0, "127.0.0.1", () => {
			server.off("error", reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;

	let closing: Promise<void> | undefined;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		chatRequests,
		received: (count, which = "any") =>
			new Promise<void>((resolve) => {
				waiters.add({ count, which, resolve });
				wakeWaiters();
			}),
		enqueue: (...behaviours) => {
			queue.push(...behaviours);
		},
		setDefault: (behaviour) => {
			fallback = behaviour;
		},
		close: () => {
			closing ??= new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				// server.close() waits for open connections; hanging requests and keep-alive sockets would hold it forever.
				for (const socket of sockets) socket.destroy();
			});
			return closing;
		},
	};
}

/** The request's body as text; rejects when the client goes away before it arrived. */
export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on("data", (chunk: Buffer) => chunks.push(chunk));
		req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
		req.on("error", reject);
		req.on("close", () => {
			if (!req.complete) reject(new Error("request aborted before its body arrived"));
		});
	});
}

function parseBody(raw: string): unknown {
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return raw;
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Characters of all message contents, plain strings or text parts, as the basis of the default prompt token estimate. */
function promptCharacters(messages: unknown): number {
	if (!Array.isArray(messages)) return 0;
	let total = 0;
	for (const message of messages) {
		if (!isRecord(message)) continue;
		const content = message.content;
		if (typeof content === "string") total += content.length;
		else if (Array.isArray(content)) {
			for (const part of content) if (isRecord(part) && typeof part.text === "string") total += part.text.length;
		}
	}
	return total;
}

/** The deltas of a streamed reply: the reasoning pieces first, then the answer's, each in the shape its server sends. */
function replyDeltas(text: string, reasoning: string | undefined, shape: ReasoningShape): Array<Record<string, unknown>> {
	if (reasoning === undefined) {
		const deltas: Array<Record<string, unknown>> = [{ role: "assistant", content: "", refusal: null }];
		for (const piece of splitPieces(text)) deltas.push({ content: piece });
		return deltas;
	}
	const thinking = splitPieces(reasoning);
	const answer = splitPieces(text);
	switch (shape) {
		case "deepseek":
			return [
				{ role: "assistant", content: null, reasoning_content: "" },
				...thinking.map((piece) => ({ content: null, reasoning_content: piece })),
				...answer.map((piece) => ({ content: piece, reasoning_content: null })),
			];
		case "ollama":
			return [
				...thinking.map((piece) => ({ role: "assistant", content: "", reasoning: piece })),
				...answer.map((piece) => ({ role: "assistant", content: piece })),
			];
		case "vllm":
			return [{ role: "assistant", content: "" }, ...thinking.map((piece) => ({ reasoning_content: piece })), ...answer.map((piece) => ({ content: piece }))];
	}
}

/** Whether a request sends a message's reasoning back, which DeepSeek refuses. */
function sendsReasoningBack(messages: unknown): boolean {
	return Array.isArray(messages) && messages.some((message) => isRecord(message) && ("reasoning_content" in message || "reasoning" in message));
}

/** Splits by code point, so no piece ends inside a surrogate pair. */
function splitPieces(text: string): string[] {
	const chars = Array.from(text);
	const size = Math.max(1, Math.ceil(chars.length / STREAM_PIECES));
	const pieces: string[] = [];
	for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(""));
	return pieces;
}

function streamChunks(
	head: Record<string, unknown>,
	deltas: Array<Record<string, unknown>>,
	finishReason: string,
	usage: Record<string, number> | undefined,
): Array<Record<string, unknown>> {
	// With include_usage OpenAI adds `usage: null` to every chunk but the last, which carries the usage and no choices.
	const extra = usage ? { usage: null } : {};
	const chunk = (delta: Record<string, unknown>, finish: string | null): Record<string, unknown> => ({
		...head,
		object: "chat.completion.chunk",
		choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
		...extra,
	});
	const chunks = deltas.map((delta) => chunk(delta, null));
	chunks.push(chunk({}, finishReason));
	if (usage) chunks.push({ ...head, object: "chat.completion.chunk", choices: [], usage });
	return chunks;
}

/** `pause`: after the chunk at index `after` is sent, the rest waits for `until`. */
async function sendStream(res: ServerResponse, chunks: Array<Record<string, unknown>>, pause?: { after: number; until: Promise<unknown> }): Promise<void> {
	res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
	for (const [index, chunk] of chunks.entries()) {
		if (res.destroyed) return;
		res.write(`data: ${JSON.stringify(chunk)}\n\n`);
		if (index === pause?.after) await pause.until;
		// Yield between events so they tend to arrive in separate reads, as they do from the real API.
		await new Promise<void>((resolve) => setImmediate(resolve));
	}
	if (!res.destroyed) res.end("data: [DONE]\n\n");
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	if (res.destroyed) return;
	const payload = Buffer.from(JSON.stringify(body), "utf8");
	res.writeHead(status, { "content-type": "application/json", "content-length": payload.length });
	res.end(payload);
}

function sendError(res: ServerResponse, status: number, error: ApiError): void {
	sendJson(res, status, { error });
}

function modelObject(id: string): Record<string, unknown> {
	return { id, object: "model", created: 1_700_000_000, owned_by: "system" };
}

function modelNotFound(model: string): ApiError {
	return { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: "invalid_request_error", param: null, code: "model_not_found" };
}

/** Masks a key the way the API echoes it: first three and last four characters. */
function maskKey(key: string): string {
	return key.length > 7 ? `${key.slice(0, 3)}${"*".repeat(key.length - 7)}${key.slice(-4)}` : key;
}

/** What the API sends for a status when the test does not say. */
function defaultError(status: number, model: string): Omit<ApiError, "param"> {
	switch (status) {
		case 400:
			return { message: "Invalid request.", type: "invalid_request_error", code: null };
		case 401:
			return { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" };
		case 403:
			return { message: "You are not allowed to make this request.", type: "invalid_request_error", code: null };
		case 404:
			return { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: "invalid_request_error", code: "model_not_found" };
		case 429:
			return {
				message: `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`,
				type: "requests",
				code: "rate_limit_exceeded",
			};
		case 500:
			return { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", code: null };
		case 503:
			return { message: "The server is overloaded or not ready yet.", type: "server_error", code: null };
		default:
			return status >= 500
				? { message: "The server had an error while processing your request.", type: "server_error", code: null }
				: { message: "Invalid request.", type: "invalid_request_error", code: null };
	}
}
