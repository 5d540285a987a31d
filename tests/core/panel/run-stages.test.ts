/** converse reports its stages as it goes: each model request (with the tokens so far), each tool call, a streamed answer as it is written. */
import { describe, expect, it } from "vitest";
import { converse } from "../../../src/core/run/agent-loop";
import type { ChatModel, CompleteOptions, ModelTurn } from "../../../src/core/model/chat-model";
import type { SourceReaders } from "../../../src/core/context/gather-sources";
import type { ToolSession } from "../../../src/core/tools/tool-session";
import { describeStage, type RunStage } from "../../../src/core/run/run-stage";

function scripted(turns: Partial<ModelTurn>[]): ChatModel {
	return {
		modelName: "m",
		complete: () => {
			const next = turns.shift();
			if (!next) return Promise.reject(new Error("the script ran out"));
			return Promise.resolve({ text: null, toolCalls: [], usage: { promptTokens: 100, completionTokens: 10, totalTokens: 110 }, model: "m", finishReason: "stop", ...next });
		},
	};
}

const external = {
	definitions: () => [{ name: "cal_list", description: "Lists events.", parameters: { type: "object" } }],
	handles: () => true,
	call: () => Promise.resolve("No events."),
	records: [],
} as unknown as ToolSession;

describe("run stages", () => {
	it("tells each request, with the tokens used before it, and each tool call by number and name", async () => {
		const stages: RunStage[] = [];
		const model = scripted([{ toolCalls: [{ id: "c1", name: "cal_list", arguments: "{}" }, { id: "c2", name: "cal_list", arguments: "{}" }] }, { text: "# Brief" }]);
		await converse(model, [{ role: "user", content: "Brief" }], {} as SourceReaders, { agentMode: false, maxSteps: 3, budgetTokens: 8000, external, onStage: (stage) => stages.push(stage) });
		expect(stages.map(describeStage)).toEqual(["Waiting for the model", "Tool call 1: cal_list", "Tool call 2: cal_list", "Waiting for the model (request 2)"]);
		expect(stages[0]).toMatchObject({ usage: { totalTokens: 0 } });
		expect(stages[3]).toMatchObject({ usage: { totalTokens: 110 } });
	});

	it("tells a continuation of a cut-off answer as another request", async () => {
		const stages: RunStage[] = [];
		const model = scripted([{ text: "# Part", finishReason: "length" }, { text: " two" }]);
		await converse(model, [{ role: "user", content: "Brief" }], {} as SourceReaders, { agentMode: false, maxSteps: 3, budgetTokens: 8000, onStage: (stage) => stages.push(stage) });
		expect(stages.map(describeStage)).toEqual(["Waiting for the model", "Waiting for the model (request 2)"]);
	});

	describe("a streamed answer", () => {
		/** A model that streams `pieces` through onText, moving the run's clock by `stepMs` before each, then answers with all of it. */
		function streaming(answers: { pieces: string[]; finishReason?: string }[], clock: { at: number }, stepMs: number): ChatModel {
			return {
				modelName: "m",
				complete: (_messages, options: CompleteOptions = {}) => {
					const next = answers.shift();
					if (!next) return Promise.reject(new Error("the script ran out"));
					let text = "";
					for (const piece of next.pieces) {
						clock.at += stepMs;
						text += piece;
						options.onText?.(text);
					}
					return Promise.resolve({ text, toolCalls: [], usage: null, model: "m", finishReason: next.finishReason ?? "stop" });
				},
			};
		}

		async function answeringTexts(answers: { pieces: string[]; finishReason?: string }[], stepMs: number): Promise<{ texts: string[]; described: string[] }> {
			const stages: RunStage[] = [];
			const clock = { at: 0 };
			await converse(streaming(answers, clock, stepMs), [{ role: "user", content: "Brief" }], {} as SourceReaders, {
				agentMode: false,
				maxSteps: 3,
				budgetTokens: 8000,
				onStage: (stage) => stages.push(stage),
				now: () => clock.at,
			});
			return { texts: stages.flatMap((stage) => (stage.kind === "answering" ? [stage.text] : [])), described: stages.map(describeStage) };
		}

		it("tells the text so far as it arrives, and never the reasoning written into it, nor a reasoning tag half written", async () => {
			const { texts, described } = await answeringTexts([{ pieces: ["<thi", "nk>SECRET plan", "</think>\n\n# Acme", "\n\nOn track <", "think>MORE SECRET"] }], 200);
			expect(texts).toEqual(["# Acme", "# Acme\n\nOn track "]);
			expect(described).toEqual(["Waiting for the model", "The model is writing", "The model is writing"]);
		});

		it("tells at most one stage per 100 ms of the run's clock, the first piece at once", async () => {
			const pieces = Array.from({ length: 10 }, (_, i) => `word${i} `);
			const { texts } = await answeringTexts([{ pieces }], 30);
			// The clock reads 30, 60, …, 300: stages at 30, 150 and 270.
			expect(texts).toEqual(["word0 ", "word0 word1 word2 word3 word4 ", "word0 word1 word2 word3 word4 word5 word6 word7 word8 "]);
		});

		it("shows a continuation after the part already written", async () => {
			const { texts, described } = await answeringTexts([{ pieces: ["# Part"], finishReason: "length" }, { pieces: [" two"] }], 200);
			expect(texts).toEqual(["# Part", "# Part two"]);
			expect(described).toEqual(["Waiting for the model", "The model is writing", "Waiting for the model (request 2)", "The model is writing (request 2)"]);
		});
	});
});
