/** proposeInstruction against the fake model server: what it asks, and how it cleans or refuses the answer. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeModelServer, type FakeModelServer } from "../../helpers/fake-model-server";
import { ModelClient } from "../../../src/core/model/model-client";
import { ModelError } from "../../../src/core/model/model-error";
import { parseWorkflow } from "../../../src/core/workflow/parse-workflow";
import type { Workflow } from "../../../src/core/workflow/workflow";
import { proposeInstruction } from "../../../src/core/review/refine-workflow";

interface WireRequest {
	model: string;
	messages: { role: string; content: string }[];
}

let server: FakeModelServer;

beforeEach(async () => {
	server = await startFakeModelServer({ models: ["test-model"] });
});

afterEach(async () => {
	await server.close();
});

function model(): ModelClient {
	return new ModelClient({ baseUrl: server.baseUrl, apiKey: null, model: "test-model", fetch: globalThis.fetch, timeoutMs: 5000, maxRetries: 0, stream: false });
}

function workflow(body: string): Workflow {
	const read = parseWorkflow("Workflows/Weekly status.md", `---\ncoworker: workflow\n---\n${body}`, { resolve: () => null, folderExists: () => false }, { outputFolder: "Coworker/Deliverables", localZone: "UTC" });
	if (!read.workflow) throw new Error(read.problems.map((problem) => problem.message).join(" "));
	return read.workflow;
}

const WITH_LESSONS = workflow("Write a short status update.\n\nMention the risks.\n\n## Lessons\n- Keep it short.\n- 2026-11-24: Lead with the decisions. (review of [[Weekly status 2026-11-23]])\n");

/** One line, one sentence, no stack trace. */
function expectOneSentence(message: string): void {
	expect(message).not.toMatch(/\n/);
	expect(message).not.toMatch(/\bat .+:\d+:\d+/);
	expect(message).toMatch(/[.?]$/);
	expect(message.replace(/"[^"]*"/g, "")).not.toMatch(/[.?!] [A-Z]/);
}

async function rejection(promise: Promise<unknown>): Promise<ModelError> {
	const error: unknown = await promise.then(
		() => null,
		(reason: unknown) => reason,
	);
	expect(error).toBeInstanceOf(ModelError);
	return error as ModelError;
}

describe("proposeInstruction", () => {
	it("sends the instruction and the lessons, and returns the answer", async () => {
		server.enqueue({ kind: "reply", text: "Write a five-line status update that leads with the decisions, then the risks." });
		const proposal = await proposeInstruction(model(), WITH_LESSONS);
		expect(proposal).toBe("Write a five-line status update that leads with the decisions, then the risks.");
		const requests = server.chatRequests() as unknown as WireRequest[];
		expect(requests).toHaveLength(1);
		expect(requests[0]?.model).toBe("test-model");
		expect(requests[0]?.messages.map((message) => message.role)).toEqual(["system", "user"]);
		expect(requests[0]?.messages[0]?.content).toMatch(/Answer with the new instruction only/);
		const user = requests[0]?.messages[1]?.content ?? "";
		expect(user).toBe(`Instruction:\n${WITH_LESSONS.instruction}\n\nLessons:\n${WITH_LESSONS.lessons}`);
		expect(user).toContain("Write a short status update.\n\nMention the risks.");
		expect(user).toContain("- Keep it short.\n- 2026-11-24: Lead with the decisions.");
	});

	it("removes a wrapping ```markdown fence and surrounding blank lines", async () => {
		server.enqueue({ kind: "reply", text: "\n```markdown\nWrite five lines.\n\n- Decisions first.\n```\n" });
		expect(await proposeInstruction(model(), WITH_LESSONS)).toBe("Write five lines.\n\n- Decisions first.");
		server.enqueue({ kind: "reply", text: "```\nWrite four lines.\n```" });
		expect(await proposeInstruction(model(), WITH_LESSONS)).toBe("Write four lines.");
	});

	it("leaves a reasoning model's thinking out of the proposal, in the content or in a field of its own", async () => {
		server.enqueue({ kind: "reply", text: "<think>The lessons say short.</think>\n\nWrite five lines." });
		expect(await proposeInstruction(model(), WITH_LESSONS)).toBe("Write five lines.");
		server.enqueue({ kind: "reply", text: "Write four lines.", reasoning: "Shorter is better.", reasoningShape: "ollama" });
		expect(await proposeInstruction(model(), WITH_LESSONS)).toBe("Write four lines.");
	});

	it("keeps a fence inside the instruction", async () => {
		const text = "Write five lines, for example:\n\n```\n- Decision: ship.\n```";
		server.enqueue({ kind: "reply", text });
		expect(await proposeInstruction(model(), WITH_LESSONS)).toBe(text);
	});

	it("throws a ModelError with one sentence for an empty answer", async () => {
		server.enqueue({ kind: "reply", text: "```markdown\n\n```" });
		const error = await rejection(proposeInstruction(model(), WITH_LESSONS));
		expect(error.kind).toBe("bad-response");
		expect(error.message).toBe('The model "test-model" proposed an empty instruction; nothing was changed.');
		expectOneSentence(error.message);

		server.enqueue({ kind: "reply", text: "   \n " });
		const blank = await rejection(proposeInstruction(model(), WITH_LESSONS));
		expectOneSentence(blank.message);
	});

	it("throws a ModelError with one sentence for a workflow without lessons, before any request", async () => {
		for (const body of ["Write a short status update.\n", "Write a short status update.\n\n## Lessons\n\n"]) {
			const error = await rejection(proposeInstruction(model(), workflow(body)));
			expect(error.kind).toBe("config");
			expect(error.message).toBe("Workflows/Weekly status.md has no lessons yet; review its deliverables first.");
			expectOneSentence(error.message);
		}
		expect(server.requests).toHaveLength(0);
	});

	it("passes a server failure on as the client's ModelError", async () => {
		server.enqueue({ kind: "error", status: 500 });
		const error = await rejection(proposeInstruction(model(), WITH_LESSONS));
		expect(error.kind).toBe("server");
	});

	it("stops when the signal is aborted", async () => {
		server.enqueue({ kind: "hang" });
		const controller = new AbortController();
		const pending = proposeInstruction(model(), WITH_LESSONS, controller.signal);
		await server.received(1);
		controller.abort();
		expect((await rejection(pending)).kind).toBe("cancelled");
	});
});
