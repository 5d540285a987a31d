/** Talks with the model until it writes the deliverable: one request, or in agent mode a few rounds of tool calls. */
import { addUsage, NO_USAGE, type ChatMessage, type ChatModel, type CompleteOptions, type ModelTurn, type TokenUsage } from "../model/chat-model";
import { ModelError } from "../model/model-error";
import { stripReasoning } from "../model/reasoning";
import type { SourceReaders } from "../context/gather-sources";
import { estimateTokens, TOKENS_PER_MESSAGE } from "../context/token-estimate";
import { AGENT_TOOLS, callAgentTool } from "./agent-tools";
import type { ToolCallRecord, ToolSession } from "../tools/tool-session";
import type { RunStage } from "./run-stage";
import { answerStages } from "./answer-progress";

export interface ConversationOptions {
	agentMode: boolean;
	/** Rounds of tool calls before the model must write. */
	maxSteps: number;
	/** The request's budget; tool results share what the first request left over. */
	budgetTokens: number;
	signal?: AbortSignal;
	/** External (MCP) tools of this run; offered whenever there are any, agent mode or not. */
	external?: ToolSession | null;
	/** Told before each model request and each tool call, and as a streamed answer is written; for display only. */
	onStage?: (stage: RunStage) => void;
	/** The run's clock, which spaces out the stages of a streamed answer; default `Date.now`. */
	now?: () => number;
}

export interface ConversationResult {
	text: string;
	usage: TokenUsage;
	requests: number;
	model: string;
	toolCalls: { name: string; arguments: string }[];
	/** External tool calls with their outcome (the vault tools are in `toolCalls` only). */
	externalCalls: ToolCallRecord[];
	/** Files the tools read for the model (its sources besides the assembled context). */
	read: string[];
	/** True when the answer still stopped at the model's output limit after every continuation. */
	truncated: boolean;
	/** Why asking for the rest of a cut-off answer failed (the part already paid for is kept, marked cut off); null otherwise. */
	continuationFailure: string | null;
}

/** A tool result never takes more than this share of what is left, so one call cannot use up every later step's room. */
const TOOL_RESULT_SHARE = 0.5;

/**
 * Follow-up requests for an answer that stopped at the output limit (`finish_reason: "length"`). Each sends the
 * answer so far back and asks for the rest; two more outputs triple what a model can write, and a bound keeps
 * a model that never stops from running up the bill.
 */
export const MAX_CONTINUATIONS = 2;

export const CONTINUE_PROMPT =
	"Your answer was cut off at the output limit. Continue exactly where you stopped: do not repeat anything, do not start over, add no preamble; write only the rest of the deliverable.";

/** An empty result to hand to {@link converse}; the caller keeps it, so a failed step still leaves what came before. */
export function newConversation(model: ChatModel): ConversationResult {
	return { text: "", usage: NO_USAGE, requests: 0, model: model.modelName, toolCalls: [], externalCalls: [], read: [], truncated: false, continuationFailure: null };
}

/**
 * Fills `result` as the conversation goes: when a later step throws, the requests, tokens and tool calls
 * of the steps before it are still in `result` for the run record.
 */
export async function converse(
	model: ChatModel,
	messages: ChatMessage[],
	readers: SourceReaders,
	options: ConversationOptions,
	result: ConversationResult = newConversation(model),
): Promise<ConversationResult> {
	const history = [...messages];
	let used = history.reduce((sum, message) => sum + TOKENS_PER_MESSAGE + estimateTokens(message.content ?? ""), 0);
	for (let step = 0; ; step++) {
		const offered = [...(options.agentMode ? AGENT_TOOLS : []), ...(options.external?.definitions() ?? [])];
		const toolsAllowed = offered.length > 0 && step < options.maxSteps;
		options.onStage?.({ kind: "waiting-for-model", request: result.requests + 1, usage: result.usage });
		const turn = await model.complete(history, { ...(toolsAllowed ? { tools: offered } : {}), ...requestOptions(options, result) });
		count(result, turn);
		if (!toolsAllowed || turn.toolCalls.length === 0) {
			await finishAnswer(model, history, turn, options, result);
			return result;
		}
		// The thinking of a tool-calling turn is not sent back either: DeepSeek refuses it, and it is no deliverable.
		const said = turn.text === null ? null : stripReasoning(turn.text).text.trim() || null;
		history.push({ role: "assistant", content: said, toolCalls: turn.toolCalls });
		for (const call of turn.toolCalls) {
			result.toolCalls.push({ name: call.name, arguments: call.arguments });
			options.onStage?.({ kind: "tool-call", n: result.toolCalls.length, name: call.name, usage: result.usage });
			const room = Math.max(0, options.budgetTokens - used);
			const share = Math.floor(room * TOOL_RESULT_SHARE);
			const external = options.external;
			const outcome =
				share < 50
					? { content: "The context budget is used up; write the deliverable now with what you have.", read: [] }
					: external?.handles(call.name)
						? { content: await external.call(call.name, call.arguments, share, options.signal), read: [] }
						: options.agentMode
							? await callAgentTool(call.name, call.arguments, readers, share)
							: { content: `There is no tool named ${call.name}.`, read: [] };
			if (external) result.externalCalls = [...external.records];
			for (const path of outcome.read) if (!result.read.includes(path)) result.read.push(path);
			history.push({ role: "tool", toolCallId: call.id, content: outcome.content });
			used += TOKENS_PER_MESSAGE + estimateTokens(outcome.content) + estimateTokens(call.arguments);
		}
		if (step + 1 >= options.maxSteps) {
			history.push({ role: "user", content: "That was the last tool step. Write the deliverable now from what you have." });
		}
	}
}

/** The cancellation and, when someone watches the stages, the streamed answer's progress; `before` is the answer's earlier parts. */
function requestOptions(options: ConversationOptions, result: ConversationResult, before = ""): CompleteOptions {
	const onStage = options.onStage;
	const onText = onStage ? answerStages(result.requests + 1, result.usage, options.now ?? Date.now, onStage) : undefined;
	return {
		...(options.signal ? { signal: options.signal } : {}),
		...(onText ? { onText: (textSoFar: string) => onText(before + textSoFar) } : {}),
	};
}

function count(result: ConversationResult, turn: ModelTurn): void {
	result.requests++;
	result.usage = addUsage(result.usage, turn.usage);
	result.model = turn.model || result.model;
}

/**
 * The deliverable's text from the final turn, without reasoning; an answer cut off at the output limit is
 * continued up to {@link MAX_CONTINUATIONS} times and the parts joined as written (a part may end mid-word).
 * Throws when there is nothing but reasoning, so nothing is written.
 */
async function finishAnswer(model: ChatModel, history: ChatMessage[], first: ModelTurn, options: ConversationOptions, result: ConversationResult): Promise<void> {
	let turn = first;
	let text = answerOf(model, turn, "");
	for (let continuation = 0; turn.finishReason === "length" && continuation < MAX_CONTINUATIONS; continuation++) {
		const followUp: ChatMessage[] = [...history, { role: "assistant", content: text }, { role: "user", content: CONTINUE_PROMPT }];
		options.onStage?.({ kind: "waiting-for-model", request: result.requests + 1, usage: result.usage });
		try {
			turn = await model.complete(followUp, requestOptions(options, result, text));
		} catch (error) {
			// A cancellation still cancels; any other failure (the longer request no longer fits, an outage) keeps what was written.
			if (!(error instanceof ModelError) || error.kind === "cancelled") throw error;
			result.continuationFailure = error.message;
			break;
		}
		count(result, turn);
		text += answerOf(model, turn, text);
	}
	result.text = text;
	result.truncated = turn.finishReason === "length";
}

/** One turn's text without reasoning; `before` is what earlier parts of the same answer already hold. */
function answerOf(model: ChatModel, turn: ModelTurn, before: string): string {
	const stripped = turn.text === null ? { text: "", removed: false } : stripReasoning(turn.text);
	if (before.trim() !== "" || stripped.text.trim() !== "") return stripped.text;
	const name = model.modelName;
	if (turn.finishReason === "length" && (stripped.removed || turn.reasoned === true)) {
		throw new ModelError("bad-response", `The model "${name}" reached its output limit while still reasoning and wrote no deliverable; nothing was written.`);
	}
	if (stripped.removed || turn.reasoned === true) {
		throw new ModelError("bad-response", `The model "${name}" answered with reasoning only and no deliverable; nothing was written.`);
	}
	throw new ModelError("bad-response", `The model "${name}" returned an empty answer; nothing was written.`);
}
