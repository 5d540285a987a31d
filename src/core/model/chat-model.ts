/** The model port: plain chat messages in, one assistant turn out. The openai-backed client is one implementation. */

/** A tool call the model asked for; `arguments` is the JSON text the model wrote (it may be malformed). */
export interface ToolCall {
	id: string;
	name: string;
	arguments: string;
}

export type ChatMessage =
	| { role: "system"; content: string }
	| { role: "user"; content: string }
	| { role: "assistant"; content: string | null; toolCalls?: ToolCall[] }
	| { role: "tool"; toolCallId: string; content: string };

/** A function the model may call, described by a JSON schema for its arguments. */
export interface ToolDefinition {
	name: string;
	description: string;
	parameters: Record<string, unknown>;
}

/** Tokens as the endpoint counted them. */
export interface TokenUsage {
	promptTokens: number;
	completionTokens: number;
	totalTokens: number;
}

/** One answer from the model: text, tool calls, or both. */
export interface ModelTurn {
	text: string | null;
	toolCalls: ToolCall[];
	/** Null when the endpoint reported none (some local servers do not). */
	usage: TokenUsage | null;
	/** The model that answered, as the endpoint named it. */
	model: string;
	/** `length` when the answer stopped at the output limit. */
	finishReason: string | null;
	/**
	 * True when the endpoint sent reasoning in a field of its own (`reasoning_content`, `reasoning`). Its text is
	 * never kept: this only lets a reply with no content be told apart from one that was all thinking.
	 */
	reasoned?: boolean;
}

export interface CompleteOptions {
	tools?: ToolDefinition[];
	signal?: AbortSignal;
	/**
	 * Told the answer's `content` so far each time a streamed answer grows (reasoning written into it included: the
	 * caller strips it); never called when the answer arrives whole. For display only.
	 */
	onText?: (textSoFar: string) => void;
}

/** What the run pipeline needs from a model; throws {@link ModelError} when it cannot answer. */
export interface ChatModel {
	readonly modelName: string;
	complete(messages: ChatMessage[], options?: CompleteOptions): Promise<ModelTurn>;
}

/** Adds one response's usage to a running total. */
export function addUsage(total: TokenUsage, usage: TokenUsage | null): TokenUsage {
	if (!usage) return total;
	return {
		promptTokens: total.promptTokens + usage.promptTokens,
		completionTokens: total.completionTokens + usage.completionTokens,
		totalTokens: total.totalTokens + usage.totalTokens,
	};
}

export const NO_USAGE: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
