/** The OpenAI client as both bundles build it (only the chat and model-list APIs kept, without the chat helpers), against the fake model server. */
import { afterEach, describe, expect, it } from "vitest";
import { openAiChatHelpersLeftOut, openAiUsedApisOnly } from "../../esbuild.config.mjs";
import { bundledModule } from "../helpers/bundled-module";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import type { ModelClient, ModelClientOptions } from "../../src/core/model/model-client";

let cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
	await Promise.all(cleanups.map((cleanup) => cleanup()));
	cleanups = [];
});

/** ModelClient bundled with the build's own plugins, written to a temporary folder and required from there. */
async function bundledModelClient(): Promise<{ ModelClient: new (options: ModelClientOptions) => ModelClient; code: string }> {
	const built = await bundledModule<{ ModelClient: new (options: ModelClientOptions) => ModelClient }>('export { ModelClient } from "./src/core/model/model-client";', {
		plugins: [openAiUsedApisOnly, openAiChatHelpersLeftOut],
		platform: "node",
	});
	cleanups.push(built.remove);
	return { ModelClient: built.module.ModelClient, code: built.code };
}

async function start(): Promise<FakeModelServer> {
	const server = await startFakeModelServer({ models: ["test-model", "other-model"] });
	cleanups.push(() => server.close());
	return server;
}

describe("the OpenAI client in our bundles", () => {
	it("lists models and answers chat, streamed or whole, with every other API left out", async () => {
		const { ModelClient, code } = await bundledModelClient();
		// Paths of APIs we never call: present in the full client, absent once they are left out.
		expect(code).not.toContain("/fine_tuning/jobs");
		expect(code).not.toContain("/vector_stores");
		expect(code).toContain("/chat/completions");
		// The client-side stream assembler's partial JSON parser goes with the chat helpers.
		expect(code).not.toContain("MalformedJSON");
		const server = await start();
		const options = { baseUrl: server.baseUrl, apiKey: null, model: "test-model", fetch: globalThis.fetch, timeoutMs: 5000, maxRetries: 0 };
		expect(await new ModelClient({ ...options, stream: false }).listModels()).toEqual(["other-model", "test-model"]);
		server.enqueue({ kind: "reply", text: "Whole answer" });
		expect((await new ModelClient({ ...options, stream: false }).complete([{ role: "user", content: "Hello" }])).text).toBe("Whole answer");
		server.enqueue({ kind: "reply", text: "Streamed answer" });
		expect((await new ModelClient({ ...options, stream: true }).complete([{ role: "user", content: "Hello" }])).text).toBe("Streamed answer");
	});

	it("says in one sentence that an API was left out when code reaches one", async () => {
		const { ModelClient } = await bundledModelClient();
		const model = new ModelClient({ baseUrl: "http://127.0.0.1:9/v1", apiKey: null, model: "m", fetch: globalThis.fetch, timeoutMs: 1000, maxRetries: 0, stream: false });
		const openai = Reflect.get(model, "client") as { embeddings: { create: unknown }; fineTuning: { jobs: unknown } };
		expect(() => openai.embeddings.create).toThrow("AI Coworker leaves the OpenAI client's embeddings API out of its bundle (esbuild.config.mjs).");
		expect(() => openai.fineTuning.jobs).toThrow("AI Coworker leaves the OpenAI client's fine-tuning API out of its bundle (esbuild.config.mjs).");
	});

	it("says in one sentence that a chat helper was left out when code reaches one", async () => {
		const { ModelClient } = await bundledModelClient();
		const model = new ModelClient({ baseUrl: "http://127.0.0.1:9/v1", apiKey: null, model: "m", fetch: globalThis.fetch, timeoutMs: 1000, maxRetries: 0, stream: false });
		const openai = Reflect.get(model, "client") as { chat: { completions: { stream: (body: unknown) => unknown; runTools: (body: unknown) => unknown } } };
		const body = { model: "m", messages: [{ role: "user", content: "Hello" }] };
		expect(() => openai.chat.completions.stream(body)).toThrow("AI Coworker leaves the OpenAI client's ChatCompletionStream out of its bundle (esbuild.config.mjs).");
		expect(() => openai.chat.completions.runTools({ ...body, stream: true, tools: [] })).toThrow("AI Coworker leaves the OpenAI client's ChatCompletionStreamingRunner out of its bundle (esbuild.config.mjs).");
		expect(() => openai.chat.completions.runTools({ ...body, tools: [] })).toThrow("AI Coworker leaves the OpenAI client's ChatCompletionRunner out of its bundle (esbuild.config.mjs).");
	});
});
