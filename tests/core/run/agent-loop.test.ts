/** converse with a scripted model: reasoning kept out of the text and the history, and a cut-off answer continued, joined and marked. */
import { describe, expect, it } from "vitest";
import { converse, CONTINUE_PROMPT, MAX_CONTINUATIONS } from "../../../src/core/run/agent-loop";
import type { ChatMessage, ChatModel, ModelTurn } from "../../../src/core/model/chat-model";
import { ModelError } from "../../../src/core/model/model-error";
import type { SourceReaders } from "../../../src/core/context/gather-sources";
import type { ToolSession } from "../../../src/core/tools/tool-session";

/** A model that answers with the given turns in order and records what it was sent. */
function scripted(turns: Partial<ModelTurn>[]): ChatModel & { sent: ChatMessage[][] } {
	const sent: ChatMessage[][] = [];
	return {
		modelName: "thinker",
		sent,
		complete: (messages) => {
			sent.push(messages.map((message) => ({ ...message })));
			const next = turns.shift();
			if (!next) return Promise.reject(new Error("the script ran out"));
			return Promise.resolve({ text: null, toolCalls: [], usage: { promptTokens: 100, completionTokens: 10, totalTokens: 110 }, model: "thinker", finishReason: "stop", ...next });
		},
	};
}

const MESSAGES: ChatMessage[] = [
	{ role: "system", content: "Write deliverables." },
	{ role: "user", content: "A report, please." },
];
/** No agent mode and no external tools: the readers are never touched. */
const NO_READERS = {} as SourceReaders;
const OPTIONS = { agentMode: false, maxSteps: 3, budgetTokens: 8000 };

async function failure(promise: Promise<unknown>): Promise<ModelError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(ModelError);
		return error as ModelError;
	}
	throw new Error("expected a failure");
}

describe("converse and reasoning", () => {
	it("returns the answer without its <think> block", async () => {
		const model = scripted([{ text: "<think>plan</think>\n\n# Report\n\nBody." }]);
		const result = await converse(model, MESSAGES, NO_READERS, OPTIONS);
		expect(result.text).toBe("# Report\n\nBody.");
		expect(result.truncated).toBe(false);
	});

	it("sends no reasoning back in the history of a tool-calling conversation", async () => {
		const external = {
			definitions: () => [{ name: "cal_list", description: "Lists events.", parameters: { type: "object" } }],
			handles: () => true,
			call: () => Promise.resolve("No events."),
			records: [],
		} as unknown as ToolSession;
		const model = scripted([
			{ text: "<think>I should look at the calendar</think>", toolCalls: [{ id: "c1", name: "cal_list", arguments: "{}" }] },
			{ text: "Let me check.</think># Brief" },
		]);
		const result = await converse(model, MESSAGES, NO_READERS, { ...OPTIONS, external });
		expect(result.text).toBe("# Brief");
		const assistant = model.sent[1]?.find((message) => message.role === "assistant");
		expect(assistant).toMatchObject({ role: "assistant", content: null });
		expect(JSON.stringify(model.sent)).not.toContain("calendar</think>");
	});

	it("fails with one sentence when the answer is only reasoning, in the content or in a field of its own", async () => {
		const inContent = await failure(converse(scripted([{ text: "<think>Hmm, the user wants…</think>" }]), MESSAGES, NO_READERS, OPTIONS));
		expect(inContent.message).toBe('The model "thinker" answered with reasoning only and no deliverable; nothing was written.');
		const inField = await failure(converse(scripted([{ text: "", reasoned: true }]), MESSAGES, NO_READERS, OPTIONS));
		expect(inField.message).toBe('The model "thinker" answered with reasoning only and no deliverable; nothing was written.');
		const empty = await failure(converse(scripted([{ text: "  " }]), MESSAGES, NO_READERS, OPTIONS));
		expect(empty.message).toBe('The model "thinker" returned an empty answer; nothing was written.');
	});

	it("fails with one sentence, without continuing, when the output limit came while the model was still reasoning", async () => {
		const model = scripted([{ text: "<think>Long deliberation that never", finishReason: "length" }]);
		const error = await failure(converse(model, MESSAGES, NO_READERS, OPTIONS));
		expect(error.message).toBe('The model "thinker" reached its output limit while still reasoning and wrote no deliverable; nothing was written.');
		expect(model.sent).toHaveLength(1);
		const inField = await failure(converse(scripted([{ text: null, reasoned: true, finishReason: "length" }]), MESSAGES, NO_READERS, OPTIONS));
		expect(inField.message).toMatch(/reached its output limit while still reasoning/);
	});
});

describe("converse and a cut-off answer", () => {
	it("continues the answer where it stopped, joins the parts, and adds up the usage of every request", async () => {
		const model = scripted([
			{ text: "# Report\n\nThe renewal is at ri", finishReason: "length" },
			{ text: "<think>continue the sentence</think>sk because of the", finishReason: "length" },
			{ text: " vendor review.", finishReason: "stop" },
		]);
		const result = await converse(model, MESSAGES, NO_READERS, OPTIONS);
		expect(result.text).toBe("# Report\n\nThe renewal is at risk because of the vendor review.");
		expect(result.truncated).toBe(false);
		expect(result.requests).toBe(3);
		expect(result.usage).toEqual({ promptTokens: 300, completionTokens: 30, totalTokens: 330 });
		// Each follow-up sends the whole answer so far, then asks for the rest.
		expect(model.sent[1]?.slice(-2)).toEqual([
			{ role: "assistant", content: "# Report\n\nThe renewal is at ri" },
			{ role: "user", content: CONTINUE_PROMPT },
		]);
		expect(model.sent[2]?.slice(-2)).toEqual([
			{ role: "assistant", content: "# Report\n\nThe renewal is at risk because of the" },
			{ role: "user", content: CONTINUE_PROMPT },
		]);
		expect(model.sent[2]?.slice(0, 2)).toEqual(MESSAGES);
	});

	it(`stops after ${MAX_CONTINUATIONS} continuations and marks the answer truncated`, async () => {
		const model = scripted([
			{ text: "Part one, ", finishReason: "length" },
			{ text: "part two, ", finishReason: "length" },
			{ text: "part three", finishReason: "length" },
			{ text: "never asked for" },
		]);
		const result = await converse(model, MESSAGES, NO_READERS, OPTIONS);
		expect(result.text).toBe("Part one, part two, part three");
		expect(result.truncated).toBe(true);
		expect(result.requests).toBe(1 + MAX_CONTINUATIONS);
	});

	it("keeps the part already written, marked cut off, when asking for the rest fails; a cancellation still cancels", async () => {
		const failing: ChatModel = {
			modelName: "thinker",
			complete: (() => {
				let calls = 0;
				return () => {
					calls++;
					if (calls === 1) return Promise.resolve({ text: "# Report\n\nHalf of it", toolCalls: [], usage: null, model: "thinker", finishReason: "length" });
					return Promise.reject(new ModelError("context-too-long", 'The request is longer than the model "thinker" accepts.'));
				};
			})(),
		};
		const result = await converse(failing, MESSAGES, NO_READERS, OPTIONS);
		expect(result).toMatchObject({ text: "# Report\n\nHalf of it", truncated: true, requests: 1, continuationFailure: 'The request is longer than the model "thinker" accepts.' });
		const cancelled: ChatModel = {
			modelName: "thinker",
			complete: (() => {
				let calls = 0;
				return () => (++calls === 1 ? Promise.resolve({ text: "Half", toolCalls: [], usage: null, model: "thinker", finishReason: "length" }) : Promise.reject(new ModelError("cancelled", "The task was cancelled.")));
			})(),
		};
		expect((await failure(converse(cancelled, MESSAGES, NO_READERS, OPTIONS))).kind).toBe("cancelled");
	});
});
