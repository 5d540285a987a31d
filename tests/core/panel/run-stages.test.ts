/** converse reports its stages as it goes: each model request (with the tokens so far) and each tool call. */
import { describe, expect, it } from "vitest";
import { converse } from "../../../src/core/run/agent-loop";
import type { ChatModel, ModelTurn } from "../../../src/core/model/chat-model";
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
});
