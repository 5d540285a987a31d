/** Talks with the model until it writes the deliverable: one request, or in agent mode a few rounds of tool calls. */
import { addUsage, NO_USAGE, type ChatMessage, type ChatModel, type TokenUsage } from "../model/chat-model";
import { ModelError } from "../model/model-error";
import type { SourceReaders } from "../context/gather-sources";
import { estimateTokens, TOKENS_PER_MESSAGE } from "../context/token-estimate";
import { AGENT_TOOLS, callAgentTool } from "./agent-tools";
import type { ToolCallRecord, ToolSession } from "../tools/tool-session";

export interface ConversationOptions {
	agentMode: boolean;
	/** Rounds of tool calls before the model must write. */
	maxSteps: number;
	/** The request's budget; tool results share what the first request left over. */
	budgetTokens: number;
	signal?: AbortSignal;
	/** External (MCP) tools of this run; offered whenever there are any, agent mode or not. */
	external?: ToolSession | null;
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
}

/** A tool result never takes more than this share of what is left, so one call cannot use up every later step's room. */
const TOOL_RESULT_SHARE = 0.5;

/** An empty result to hand to {@link converse}; the caller keeps it, so a failed step still leaves what came before. */
export function newConversation(model: ChatModel): ConversationResult {
	return { text: "", usage: NO_USAGE, requests: 0, model: model.modelName, toolCalls: [], externalCalls: [], read: [] };
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
		const turn = await model.complete(history, { ...(toolsAllowed ? { tools: offered } : {}), ...(options.signal ? { signal: options.signal } : {}) });
		result.requests++;
		result.usage = addUsage(result.usage, turn.usage);
		result.model = turn.model || result.model;
		if (!toolsAllowed || turn.toolCalls.length === 0) {
			if (turn.text === null || turn.text.trim() === "") {
				throw new ModelError("bad-response", `The model "${model.modelName}" returned an empty answer; nothing was written.`);
			}
			result.text = turn.text;
			return result;
		}
		history.push({ role: "assistant", content: turn.text, toolCalls: turn.toolCalls });
		for (const call of turn.toolCalls) {
			result.toolCalls.push({ name: call.name, arguments: call.arguments });
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
