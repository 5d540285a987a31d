/** The one file that imports `openai`: a {@link ChatModel} over any OpenAI-compatible endpoint, with retries, timeout and cancellation. */
import OpenAI from "openai";
import type { ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import type { ChatMessage, ChatModel, CompleteOptions, ModelTurn, TokenUsage, ToolCall, ToolDefinition } from "./chat-model";
import type { FetchLike } from "../ports/fetch-like";
import { ModelError, sentenceFor, type EndpointDescription, type ModelFailureKind } from "./model-error";

export interface ModelClientOptions {
	baseUrl: string;
	/** Null for endpoints that need none (Ollama, LM Studio); a placeholder is sent since the client insists on one. */
	apiKey: string | null;
	model: string;
	/** The fetch every request goes through: Obsidian's requestUrl-based one in the app, Node's in the CLI. */
	fetch: FetchLike;
	/** How long one attempt may wait for an answer (for streams: for the next piece of it). */
	timeoutMs: number;
	/** Retries after a 408, 409, 429, 5xx or dropped connection; the client waits as `retry-after` says (up to a minute) or backs off. */
	maxRetries: number;
	/**
	 * Streamed answers reset the timeout with every piece, so a slow local model is not cut off mid-answer.
	 * On in the desktop app (Node's http) and the CLI; off where the app has only requestUrl, which delivers a response when it is complete.
	 */
	stream: boolean;
}

/** Sent when no key is configured: the openai client refuses to start without one, and local servers ignore it. */
const PLACEHOLDER_KEY = "no-key";

export class ModelClient implements ChatModel {
	private readonly client: OpenAI;
	private readonly endpoint: EndpointDescription;

	constructor(private readonly options: ModelClientOptions) {
		this.endpoint = { baseUrl: options.baseUrl, model: options.model };
		this.client = new OpenAI({
			baseURL: options.baseUrl,
			apiKey: options.apiKey ?? PLACEHOLDER_KEY,
			fetch: options.fetch,
			timeout: options.timeoutMs,
			maxRetries: options.maxRetries,
			logLevel: "off",
			// Obsidian's renderer looks like a browser to the client. The key is the user's own, kept in
			// Obsidian's secret storage and sent only to the endpoint the user chose, so the browser guard does not apply.
			dangerouslyAllowBrowser: true,
		});
	}

	get modelName(): string {
		return this.options.model;
	}

	async complete(messages: ChatMessage[], options: CompleteOptions = {}): Promise<ModelTurn> {
		const request = {
			model: this.options.model,
			messages: messages.map(toOpenAiMessage),
			...(options.tools && options.tools.length > 0 ? { tools: options.tools.map(toOpenAiTool) } : {}),
		};
		try {
			return this.options.stream ? await this.completeStreamed(request, options.signal, options.onText) : await this.completeWhole(request, options.signal);
		} catch (error) {
			throw this.failure(error, options.signal);
		}
	}

	/** The ids the endpoint lists, for "Test connection"; throws {@link ModelError} like {@link complete}. */
	async listModels(signal?: AbortSignal): Promise<string[]> {
		try {
			const ids: string[] = [];
			for await (const model of this.client.models.list({ signal })) ids.push(model.id);
			return ids.sort();
		} catch (error) {
			throw this.failure(error, signal);
		}
	}

	private async completeWhole(request: OpenAiRequest, signal: AbortSignal | undefined): Promise<ModelTurn> {
		const response: unknown = await this.client.chat.completions.create({ ...request, stream: false }, { signal });
		const completion = response as Partial<OpenAI.Chat.Completions.ChatCompletion>;
		const choice = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
		if (!choice?.message) throw new ModelError("bad-response", sentenceFor("bad-response", this.endpoint, "no choices in the answer"));
		const toolCalls: ToolCall[] = [];
		for (const call of choice.message.tool_calls ?? []) {
			if (call.type === "function") toolCalls.push({ id: call.id, name: call.function.name, arguments: call.function.arguments });
		}
		return {
			// Only `content` is read: reasoning servers put the thinking in `reasoning_content` or `reasoning`, which never becomes text.
			text: typeof choice.message.content === "string" ? choice.message.content : null,
			toolCalls,
			usage: usageOf(completion.usage),
			model: completion.model ?? this.options.model,
			finishReason: choice.finish_reason ?? null,
			reasoned: carriesReasoning(choice.message),
		};
	}

	/** Streams with an idle watchdog: each piece that arrives restarts the timeout. */
	private async completeStreamed(request: OpenAiRequest, signal: AbortSignal | undefined, onText: ((textSoFar: string) => void) | undefined): Promise<ModelTurn> {
		const idle = new IdleWatchdog(this.options.timeoutMs, signal);
		try {
			const stream = await this.client.chat.completions.create(
				{ ...request, stream: true, stream_options: { include_usage: true } },
				{ signal: idle.signal },
			);
			const turn = new StreamedTurn(this.options.model);
			let chunks = 0;
			for await (const chunk of stream) {
				idle.restart();
				const before = turn.textSoFar;
				turn.add(chunk);
				chunks++;
				if (onText && turn.textSoFar !== before) onText(turn.textSoFar);
			}
			// A 200 that is not an event stream (a proxy's HTML page) yields no chunks and no error from the client.
			if (chunks === 0) throw new ModelError("bad-response", sentenceFor("bad-response", this.endpoint, "the stream held no answer"));
			return turn.finish();
		} catch (error) {
			if (idle.fired) throw new ModelError("timeout", sentenceFor("timeout", this.endpoint));
			throw error;
		} finally {
			idle.stop();
		}
	}

	private failure(error: unknown, signal: AbortSignal | undefined): ModelError {
		if (error instanceof ModelError) return error;
		const kind = classify(error, signal);
		return new ModelError(kind, sentenceFor(kind, this.endpoint, detailOf(error, kind)));
	}
}

type OpenAiRequest = { model: string; messages: ChatCompletionMessageParam[]; tools?: ChatCompletionTool[] };

/** Maps openai's error classes to the kinds a user can act on. */
function classify(error: unknown, signal: AbortSignal | undefined): ModelFailureKind {
	if (signal?.aborted || error instanceof OpenAI.APIUserAbortError) return "cancelled";
	if (error instanceof OpenAI.APIConnectionTimeoutError) return "timeout";
	if (error instanceof OpenAI.APIConnectionError) return "unreachable";
	if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError) return "auth";
	if (error instanceof OpenAI.RateLimitError) return "rate-limited";
	if (error instanceof OpenAI.APIError) {
		const text = `${error.code ?? ""} ${messageOf(error)}`;
		if (/context_length_exceeded|context length|context window|maximum context|too many tokens|prompt is too long/i.test(text)) return "context-too-long";
		if (error.status === 404 || error.code === "model_not_found") return /model/i.test(text) ? "model-not-found" : "bad-response";
		if (error.status === 400 && /model/i.test(text) && /not (found|exist)|does not exist|unknown model|invalid model/i.test(text)) return "model-not-found";
		if (error.status !== undefined && error.status >= 500) return "server";
		if (error.status !== undefined && error.status >= 400) return "refused";
	}
	return "bad-response";
}

/** The endpoint's own words, when they add something to the sentence. */
function detailOf(error: unknown, kind: ModelFailureKind): string {
	if (kind === "cancelled" || kind === "timeout" || kind === "unreachable") return "";
	if (error instanceof OpenAI.APIError) return messageOf(error);
	return error instanceof Error ? error.message : String(error);
}

/** openai puts "404 …" before the endpoint's message; the status is noise to a user. */
function messageOf(error: { error?: unknown; message: string }): string {
	const body = error.error as { message?: unknown } | undefined;
	if (body && typeof body.message === "string") return body.message;
	return error.message.replace(/^\d{3}\s+/, "");
}

/** Whether a message or delta holds reasoning in the fields reasoning servers use (DeepSeek, vLLM, llama.cpp: `reasoning_content`; Ollama: `reasoning`). */
function carriesReasoning(part: object): boolean {
	const fields = part as { reasoning_content?: unknown; reasoning?: unknown };
	return (typeof fields.reasoning_content === "string" && fields.reasoning_content !== "") || (typeof fields.reasoning === "string" && fields.reasoning !== "");
}

function usageOf(usage: OpenAI.Completions.CompletionUsage | null | undefined): TokenUsage | null {
	if (!usage) return null;
	const promptTokens = usage.prompt_tokens ?? 0;
	const completionTokens = usage.completion_tokens ?? 0;
	return { promptTokens, completionTokens, totalTokens: usage.total_tokens ?? promptTokens + completionTokens };
}

function toOpenAiMessage(message: ChatMessage): ChatCompletionMessageParam {
	switch (message.role) {
		case "system":
		case "user":
			return { role: message.role, content: message.content };
		case "assistant":
			return {
				role: "assistant",
				content: message.content,
				...(message.toolCalls && message.toolCalls.length > 0
					? { tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: "function" as const, function: { name: call.name, arguments: call.arguments } })) }
					: {}),
			};
		case "tool":
			return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
	}
}

function toOpenAiTool(tool: ToolDefinition): ChatCompletionTool {
	return { type: "function", function: { name: tool.name, description: tool.description, parameters: tool.parameters } };
}

/** Assembles a streamed answer: text pieces in order, tool-call pieces by their index. */
class StreamedTurn {
	private text = "";
	private sawText = false;
	private readonly calls = new Map<number, ToolCall>();
	private usage: TokenUsage | null = null;
	private model: string;
	private finishReason: string | null = null;
	private reasoned = false;

	constructor(requestedModel: string) {
		this.model = requestedModel;
	}

	get textSoFar(): string {
		return this.text;
	}

	add(chunk: ChatCompletionChunk): void {
		if (chunk.model) this.model = chunk.model;
		if (chunk.usage) this.usage = usageOf(chunk.usage);
		for (const choice of chunk.choices ?? []) {
			if (choice.index !== 0) continue;
			// Reasoning deltas come first, with `content` null, "" or absent; only `content` is kept.
			if (choice.delta && carriesReasoning(choice.delta)) this.reasoned = true;
			if (typeof choice.delta?.content === "string") {
				this.text += choice.delta.content;
				this.sawText = true;
			}
			for (const piece of choice.delta?.tool_calls ?? []) {
				const call = this.calls.get(piece.index) ?? { id: "", name: "", arguments: "" };
				if (piece.id) call.id = piece.id;
				if (piece.function?.name) call.name += piece.function.name;
				if (piece.function?.arguments) call.arguments += piece.function.arguments;
				this.calls.set(piece.index, call);
			}
			if (choice.finish_reason) this.finishReason = choice.finish_reason;
		}
	}

	finish(): ModelTurn {
		const toolCalls = [...this.calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
		return { text: this.sawText ? this.text : null, toolCalls, usage: this.usage, model: this.model, finishReason: this.finishReason, reasoned: this.reasoned };
	}
}

/** Aborts a stream when nothing arrives for `timeoutMs`, and passes a caller's cancellation through. */
class IdleWatchdog {
	private readonly controller = new AbortController();
	private timer: ReturnType<typeof setTimeout> | undefined;
	private readonly onCallerAbort = (): void => this.controller.abort();
	fired = false;

	constructor(
		private readonly timeoutMs: number,
		private readonly callerSignal: AbortSignal | undefined,
	) {
		if (callerSignal?.aborted) this.controller.abort();
		callerSignal?.addEventListener("abort", this.onCallerAbort);
		this.restart();
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	restart(): void {
		clearTimeout(this.timer);
		this.timer = setTimeout(() => {
			this.fired = true;
			this.controller.abort();
		}, this.timeoutMs);
	}

	stop(): void {
		clearTimeout(this.timer);
		this.callerSignal?.removeEventListener("abort", this.onCallerAbort);
	}
}
