/** Drives the fake model server with the real `openai` client, so its answers are proven to look like the API's to that client. */
import { request as httpRequest } from "node:http";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeModelServer, type FakeModelServer, type FakeModelServerOptions } from "./fake-model-server";

const MODEL = "test-model";
const USER = [{ role: "user" as const, content: "Say hello to the vault" }];

let server: FakeModelServer | undefined;

afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function start(options?: FakeModelServerOptions): Promise<FakeModelServer> {
	server = await startFakeModelServer(options);
	return server;
}

function clientFor(fake: FakeModelServer, options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}): OpenAI {
	return new OpenAI({ baseURL: fake.baseUrl, apiKey: "k", maxRetries: 0, ...options });
}

/** The rejection of a promise, failing the test if it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error("expected the promise to reject");
}

/** A raw POST, for checking the wire format the SDK would hide. */
function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; contentType: string; text: string }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method: "POST", headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on("data", (chunk: Buffer) => chunks.push(chunk));
			res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: res.headers["content-type"] ?? "", text: Buffer.concat(chunks).toString("utf8") }));
			res.on("error", reject);
		});
		req.on("error", reject);
		req.end(body);
	});
}

describe("fake model server with the openai client", () => {
	it("answers a plain chat completion with the given text and usage, echoing the model", async () => {
		const fake = await start();
		fake.enqueue({ kind: "reply", text: "Hello, vault.", usage: { prompt_tokens: 12, completion_tokens: 4 } });
		const completion = await clientFor(fake).chat.completions.create({ model: MODEL, messages: USER });
		expect(completion.object).toBe("chat.completion");
		expect(completion.model).toBe(MODEL);
		expect(completion.choices[0]?.message).toMatchObject({ role: "assistant", content: "Hello, vault." });
		expect(completion.choices[0]?.finish_reason).toBe("stop");
		expect(completion.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 });
		expect(completion._request_id).toMatch(/^req_/);
	});

	it("falls back to the default reply and estimates usage at four characters a token", async () => {
		const fake = await start();
		const client = clientFor(fake);
		const messages = [
			{ role: "system" as const, content: "12345678" },
			{ role: "user" as const, content: [{ type: "text" as const, text: "123" }] },
		];
		const first = await client.chat.completions.create({ model: MODEL, messages });
		expect(first.choices[0]?.message.content).toBe("OK");
		expect(first.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 });
		fake.setDefault({ kind: "reply", text: (request) => `seen ${String((request.body as { messages: unknown[] }).messages.length)} messages` });
		const second = await client.chat.completions.create({ model: MODEL, messages });
		expect(second.choices[0]?.message.content).toBe("seen 2 messages");
	});

	it("uses queued behaviours first-in first-out before the default", async () => {
		const fake = await start();
		const client = clientFor(fake);
		fake.enqueue({ kind: "reply", text: "one" }, { kind: "reply", text: "two" });
		const texts: Array<string | null | undefined> = [];
		for (let i = 0; i < 3; i++) texts.push((await client.chat.completions.create({ model: MODEL, messages: USER })).choices[0]?.message.content);
		expect(texts).toEqual(["one", "two", "OK"]);
	});

	it("streams a reply in several chunks that assemble to the text, then a usage chunk", async () => {
		const fake = await start();
		const text = "The quick brown fox jumps over the lazy dog — twice 🦊.";
		fake.enqueue({ kind: "reply", text, usage: { prompt_tokens: 7, completion_tokens: 11 } });
		const stream = await clientFor(fake).chat.completions.create({
			model: MODEL,
			messages: USER,
			stream: true,
			stream_options: { include_usage: true },
		});
		let assembled = "";
		let contentChunks = 0;
		const finishReasons: string[] = [];
		let usage: OpenAI.CompletionUsage | null | undefined;
		let lastChoices = -1;
		for await (const chunk of stream) {
			expect(chunk.object).toBe("chat.completion.chunk");
			const choice = chunk.choices[0];
			if (choice?.delta.content) {
				assembled += choice.delta.content;
				contentChunks++;
			}
			if (choice?.finish_reason) finishReasons.push(choice.finish_reason);
			usage = chunk.usage;
			lastChoices = chunk.choices.length;
		}
		expect(assembled).toBe(text);
		expect(contentChunks).toBeGreaterThanOrEqual(3);
		expect(finishReasons).toEqual(["stop"]);
		expect(lastChoices).toBe(0);
		expect(usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 11, total_tokens: 18 });
	});

	it("pauses mid-answer: streamed, the reasoning and the first piece come before the pause, the rest after it; plain, the whole answer after it", async () => {
		const fake = await start();
		let release: () => void = () => undefined;
		const pause = new Promise<void>((resolve) => (release = resolve));
		fake.enqueue({ kind: "reply", text: "aaaa bbbb cccc", reasoning: "thinking", reasoningShape: "vllm", pauseMidAnswer: pause });
		const stream = await clientFor(fake).chat.completions.create({ model: MODEL, messages: USER, stream: true });
		const iterator = stream[Symbol.asyncIterator]();
		let content = "";
		let reasoned = false;
		while (content === "") {
			const step = await iterator.next();
			if (step.done === true) throw new Error("the stream ended before any content");
			const delta = step.value.choices[0]?.delta;
			if (delta && "reasoning_content" in delta) reasoned = true;
			content += delta?.content ?? "";
		}
		expect(reasoned).toBe(true);
		expect(content).toBe("aaaa ");
		const next = iterator.next();
		let settled = false;
		void next.then(() => (settled = true));
		// The server holds the rest: the next chunk cannot have come while the pause lasts (a turn of the event loop is given to it).
		await new Promise((resolve) => setImmediate(resolve));
		expect(settled).toBe(false);
		release();
		for (let step = await next; !step.done; step = await iterator.next()) content += step.value.choices[0]?.delta.content ?? "";
		expect(content).toBe("aaaa bbbb cccc");

		let releasePlain: () => void = () => undefined;
		fake.enqueue({ kind: "reply", text: "whole", pauseMidAnswer: new Promise<void>((resolve) => (releasePlain = resolve)) });
		const plain = clientFor(fake).chat.completions.create({ model: MODEL, messages: USER });
		await fake.received(2, "chat");
		releasePlain();
		expect((await plain).choices[0]?.message.content).toBe("whole");
	});

	it("sends OpenAI's SSE wire format: role chunk first, [DONE] last, no usage chunk unless asked", async () => {
		const fake = await start();
		const response = await post(`${fake.baseUrl}/chat/completions`, JSON.stringify({ model: MODEL, messages: USER, stream: true }), {
			"content-type": "application/json",
			authorization: "Bearer k",
		});
		expect(response.contentType).toMatch(/^text\/event-stream/);
		const events = response.text.split("\n\n").filter(Boolean);
		expect(events.every((event) => event.startsWith("data: "))).toBe(true);
		expect(events.at(-1)).toBe("data: [DONE]");
		const chunks = events.slice(0, -1).map((event) => JSON.parse(event.slice("data: ".length)) as Record<string, unknown>);
		expect(chunks[0]).toMatchObject({ choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
		expect(chunks.at(-1)).toMatchObject({ choices: [{ delta: {}, finish_reason: "stop" }] });
		expect(chunks.some((chunk) => "usage" in chunk)).toBe(false);
	});

	it("sends reasoning in its own field beside the content, as DeepSeek, Ollama and vLLM do", async () => {
		const fake = await start();
		const client = clientFor(fake);
		fake.enqueue(
			{ kind: "reply", text: "The answer.", reasoning: "Let me think.", reasoningShape: "deepseek" },
			{ kind: "reply", text: "", reasoning: "Thinking only.", reasoningShape: "ollama" },
			{ kind: "reply", text: null, reasoning: "Still thinking", reasoningShape: "vllm", finishReason: "length" },
		);
		const first = await client.chat.completions.create({ model: MODEL, messages: USER });
		expect(first.choices[0]).toMatchObject({ message: { content: "The answer.", reasoning_content: "Let me think." }, finish_reason: "stop" });
		const second = await client.chat.completions.create({ model: MODEL, messages: USER });
		expect(second.choices[0]?.message).toMatchObject({ content: "", reasoning: "Thinking only." });
		expect(second.choices[0]?.message).not.toHaveProperty("reasoning_content");
		const third = await client.chat.completions.create({ model: MODEL, messages: USER });
		expect(third.choices[0]).toMatchObject({ message: { content: null, reasoning_content: "Still thinking" }, finish_reason: "length" });
	});

	it("streams reasoning deltas before the content deltas, each server with its own null, empty or absent content", async () => {
		const fake = await start();
		const raw = async (): Promise<Array<Record<string, unknown>>> => {
			const response = await post(`${fake.baseUrl}/chat/completions`, JSON.stringify({ model: MODEL, messages: USER, stream: true }), { "content-type": "application/json" });
			const events = response.text.split("\n\n").filter((event) => event.startsWith("data: {"));
			return events.map((event) => ((JSON.parse(event.slice(6)) as { choices: Array<{ delta: Record<string, unknown> }> }).choices[0]?.delta ?? {}));
		};
		fake.enqueue({ kind: "reply", text: "Answer text", reasoning: "Some long reasoning", reasoningShape: "deepseek" });
		const deepseek = await raw();
		const firstContent = deepseek.findIndex((delta) => typeof delta.content === "string");
		const thinking = deepseek.slice(0, firstContent).filter((delta) => typeof delta.reasoning_content === "string");
		expect(thinking.every((delta) => delta.content === null)).toBe(true);
		expect(thinking.map((delta) => delta.reasoning_content).join("")).toBe("Some long reasoning");
		expect(deepseek.slice(firstContent).filter((delta) => "content" in delta).every((delta) => delta.reasoning_content === null)).toBe(true);
		expect(deepseek.map((delta) => (typeof delta.content === "string" ? delta.content : "")).join("")).toBe("Answer text");

		fake.enqueue({ kind: "reply", text: "Answer text", reasoning: "Some long reasoning", reasoningShape: "ollama" });
		const ollama = await raw();
		const ollamaThinking = ollama.filter((delta) => "reasoning" in delta);
		expect(ollamaThinking.length).toBeGreaterThan(1);
		expect(ollamaThinking.every((delta) => delta.content === "" && delta.role === "assistant")).toBe(true);
		expect(ollama.findIndex((delta) => delta.content !== "" && delta.content !== undefined)).toBeGreaterThan(ollama.findLastIndex((delta) => "reasoning" in delta));

		fake.enqueue({ kind: "reply", text: "", reasoning: "Some long reasoning", reasoningShape: "vllm", finishReason: "length" });
		const vllm = await raw();
		expect(vllm.filter((delta) => "reasoning_content" in delta).every((delta) => !("content" in delta))).toBe(true);
		expect(vllm.filter((delta) => typeof delta.content === "string" && delta.content !== "")).toEqual([]);
	});

	it("ends a cut-off answer with finish_reason length, streamed and not", async () => {
		const fake = await start();
		const client = clientFor(fake);
		fake.enqueue({ kind: "reply", text: "The report starts and then", finishReason: "length" }, { kind: "reply", text: "The report starts and then", finishReason: "length" });
		const whole = await client.chat.completions.create({ model: MODEL, messages: USER });
		expect(whole.choices[0]?.finish_reason).toBe("length");
		const stream = await client.chat.completions.create({ model: MODEL, messages: USER, stream: true });
		const reasons: Array<string | null> = [];
		for await (const chunk of stream) for (const choice of chunk.choices) reasons.push(choice.finish_reason);
		expect(reasons.filter((reason) => reason !== null)).toEqual(["length"]);
	});

	it("refuses, as DeepSeek does, a request that sends reasoning_content back in a message", async () => {
		const fake = await start();
		fake.setDefault({ kind: "reply", text: "x", reasoning: "y" });
		const messages = [...USER, { role: "assistant", content: "Earlier", reasoning_content: "old thoughts" }] as unknown as OpenAI.Chat.ChatCompletionMessageParam[];
		const error = await rejectionOf(clientFor(fake).chat.completions.create({ model: MODEL, messages }));
		expect(error).toBeInstanceOf(OpenAI.BadRequestError);
	});

	it("returns tool calls with JSON-string arguments and unique default ids", async () => {
		const fake = await start();
		fake.enqueue({
			kind: "tool-calls",
			calls: [
				{ name: "search_vault", arguments: { query: "roadmap", limit: 5 } },
				{ name: "read_note", arguments: { path: "Projects/Plan.md" } },
			],
		});
		const completion = await clientFor(fake).chat.completions.create({ model: MODEL, messages: USER });
		const choice = completion.choices[0];
		expect(choice?.finish_reason).toBe("tool_calls");
		expect(choice?.message.content).toBeNull();
		const calls = (choice?.message.tool_calls ?? []).map((call) => {
			if (call.type !== "function") throw new Error("expected a function call");
			return { id: call.id, name: call.function.name, args: JSON.parse(call.function.arguments) as unknown };
		});
		expect(calls).toEqual([
			{ id: "call_1", name: "search_vault", args: { query: "roadmap", limit: 5 } },
			{ id: "call_2", name: "read_note", args: { path: "Projects/Plan.md" } },
		]);
		expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
	});

	it("streams tool calls the way OpenAI does, so the client's stream helper assembles them", async () => {
		const fake = await start();
		fake.enqueue({
			kind: "tool-calls",
			calls: [
				{ name: "search_vault", arguments: { query: "weekly review notes", tags: ["work", "review"] } },
				{ name: "write_note", arguments: { path: "Out.md", content: "Summary of the week" }, id: "call_custom" },
			],
		});
		const runner = clientFor(fake).chat.completions.stream({ model: MODEL, messages: USER, stream_options: { include_usage: true } });
		const final = await runner.finalChatCompletion();
		const choice = final.choices[0];
		expect(choice?.finish_reason).toBe("tool_calls");
		const calls = (choice?.message.tool_calls ?? []).map((call) => {
			if (call.type !== "function") throw new Error("expected a function call");
			return { id: call.id, name: call.function.name, args: JSON.parse(call.function.arguments) as unknown };
		});
		expect(calls).toEqual([
			{ id: "call_1", name: "search_vault", args: { query: "weekly review notes", tags: ["work", "review"] } },
			{ id: "call_custom", name: "write_note", args: { path: "Out.md", content: "Summary of the week" } },
		]);
		expect(final.usage?.total_tokens).toBeGreaterThan(0);
	});

	it("lists and retrieves the configured models", async () => {
		const fake = await start({ models: ["alpha", "beta"] });
		const client = clientFor(fake);
		const ids: string[] = [];
		for await (const model of client.models.list()) ids.push(model.id);
		expect(ids).toEqual(["alpha", "beta"]);
		expect(await client.models.retrieve("beta")).toMatchObject({ id: "beta", object: "model", owned_by: "system" });
		expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/models", "GET /v1/models/beta"]);
	});

	it("records every request with lowercased headers and parsed bodies before answering", async () => {
		const fake = await start();
		fake.enqueue({ kind: "hang" });
		const client = clientFor(fake, { timeout: 2000 });
		const pending = client.chat.completions.create({ model: MODEL, messages: USER, temperature: 0.2 }).catch((error: unknown) => error);
		await fake.received(1);
		const [request] = fake.requests;
		expect(request).toMatchObject({ method: "POST", path: "/v1/chat/completions" });
		expect(request?.headers.authorization).toBe("Bearer k");
		expect(request?.headers["content-type"]).toBe("application/json");
		expect(fake.chatRequests()).toEqual([{ model: MODEL, messages: USER, temperature: 0.2 }]);
		await fake.close();
		await pending;
	});

	it("rejects a wrong API key with 401 invalid_api_key without consuming the queue", async () => {
		const fake = await start({ apiKey: "sk-right-key-1234" });
		fake.enqueue({ kind: "reply", text: "queued" });
		const error = await rejectionOf(clientFor(fake, { apiKey: "sk-wrong-key-9999" }).chat.completions.create({ model: MODEL, messages: USER }));
		expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
		const apiError = error as InstanceType<typeof OpenAI.AuthenticationError>;
		expect(apiError.status).toBe(401);
		expect(apiError.code).toBe("invalid_api_key");
		expect(apiError.type).toBe("invalid_request_error");
		expect(apiError.message).toContain("Incorrect API key provided: sk-**********9999.");
		const completion = await clientFor(fake, { apiKey: "sk-right-key-1234" }).chat.completions.create({ model: MODEL, messages: USER });
		expect(completion.choices[0]?.message.content).toBe("queued");
	});

	it("rejects an unknown model with 404 model_not_found without consuming the queue", async () => {
		const fake = await start();
		fake.enqueue({ kind: "reply", text: "queued" });
		const client = clientFor(fake);
		const error = await rejectionOf(client.chat.completions.create({ model: "gpt-nope", messages: USER }));
		expect(error).toBeInstanceOf(OpenAI.NotFoundError);
		const apiError = error as InstanceType<typeof OpenAI.NotFoundError>;
		expect(apiError.code).toBe("model_not_found");
		expect(apiError.error).toEqual({
			message: "The model `gpt-nope` does not exist or you do not have access to it.",
			type: "invalid_request_error",
			param: null,
			code: "model_not_found",
		});
		expect((await client.chat.completions.create({ model: MODEL, messages: USER })).choices[0]?.message.content).toBe("queued");
	});

	it("retries a 429 after the retry-after delay and then succeeds", async () => {
		const fake = await start();
		fake.enqueue({ kind: "error", status: 429, retryAfterSeconds: 0 }, { kind: "reply", text: "after the limit" });
		const started = Date.now();
		const completion = await clientFor(fake, { maxRetries: 1 }).chat.completions.create({ model: MODEL, messages: USER });
		expect(completion.choices[0]?.message.content).toBe("after the limit");
		expect(fake.chatRequests()).toHaveLength(2);
		// The client's own back-off is at least 375 ms; being well under it shows retry-after was obeyed.
		expect(Date.now() - started).toBeLessThan(300);
	});

	it("sends OpenAI's rate limit error shape and retry-after header", async () => {
		const fake = await start();
		fake.enqueue({ kind: "error", status: 429, retryAfterSeconds: 7 });
		const error = await rejectionOf(clientFor(fake).chat.completions.create({ model: MODEL, messages: USER }));
		expect(error).toBeInstanceOf(OpenAI.RateLimitError);
		const apiError = error as InstanceType<typeof OpenAI.RateLimitError>;
		expect(apiError.headers.get("retry-after")).toBe("7");
		expect(apiError.error).toMatchObject({ type: "requests", param: null, code: "rate_limit_exceeded" });
		expect(apiError.message).toContain("Rate limit reached for test-model");
	});

	it("raises InternalServerError for a 500 and passes a caller's context_length_exceeded through", async () => {
		const fake = await start();
		const client = clientFor(fake);
		fake.enqueue({ kind: "error", status: 500 }, { kind: "error", status: 400, message: "This model's maximum context length is 8192 tokens.", code: "context_length_exceeded" });
		const serverError = await rejectionOf(client.chat.completions.create({ model: MODEL, messages: USER }));
		expect(serverError).toBeInstanceOf(OpenAI.InternalServerError);
		expect((serverError as InstanceType<typeof OpenAI.InternalServerError>).type).toBe("server_error");
		const badRequest = await rejectionOf(client.chat.completions.create({ model: MODEL, messages: USER }));
		expect(badRequest).toBeInstanceOf(OpenAI.BadRequestError);
		expect(badRequest).toMatchObject({ status: 400, code: "context_length_exceeded", type: "invalid_request_error", param: null });
		expect(fake.chatRequests()).toHaveLength(2);
	});

	it("answers unknown routes and unparseable bodies with OpenAI-style errors", async () => {
		const fake = await start();
		const notFound = await post(`${fake.baseUrl}/embeddingz`, "{}");
		expect(notFound.status).toBe(404);
		expect(JSON.parse(notFound.text)).toEqual({ error: { message: "Invalid URL (POST /v1/embeddingz)", type: "invalid_request_error", param: null, code: null } });
		const badJson = await post(`${fake.baseUrl}/chat/completions`, "{not json");
		expect(badJson.status).toBe(400);
		expect(JSON.parse(badJson.text)).toMatchObject({ error: { type: "invalid_request_error", param: null, code: null } });
		expect(fake.requests.map((r) => r.body)).toEqual([{}, "{not json"]);
	});

	it("times out a hanging request with APIConnectionTimeoutError", async () => {
		const fake = await start();
		fake.enqueue({ kind: "hang" });
		const error = await rejectionOf(clientFor(fake, { timeout: 300 }).chat.completions.create({ model: MODEL, messages: USER }));
		expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
	});

	it("lets an AbortController end a hanging request with APIUserAbortError", async () => {
		const fake = await start();
		fake.enqueue({ kind: "hang" });
		const controller = new AbortController();
		const pending = clientFor(fake).chat.completions.create({ model: MODEL, messages: USER }, { signal: controller.signal });
		await fake.received(1);
		controller.abort();
		expect(await rejectionOf(pending)).toBeInstanceOf(OpenAI.APIUserAbortError);
	});

	it("a non-JSON 200 body does not throw: the client resolves with the raw text (and a stream yields nothing)", async () => {
		const fake = await start();
		const client = clientFor(fake);
		const html = "<html><body>Proxy login required</body></html>";
		fake.enqueue({ kind: "non-json", body: html }, { kind: "non-json", body: html });
		// The SDK only parses bodies whose content-type is JSON; anything else comes back as a string typed as ChatCompletion.
		const completion: unknown = await client.chat.completions.create({ model: MODEL, messages: USER });
		expect(completion).toBe(html);
		const stream = await client.chat.completions.create({ model: MODEL, messages: USER, stream: true });
		const chunks: unknown[] = [];
		for await (const chunk of stream) chunks.push(chunk);
		expect(chunks).toEqual([]);
	});

	it("a non-JSON error page raises the status error with the page as message and no error body", async () => {
		const fake = await start();
		fake.enqueue({ kind: "non-json", status: 502, body: "<html>Bad gateway</html>" });
		const error = await rejectionOf(clientFor(fake).chat.completions.create({ model: MODEL, messages: USER }));
		expect(error).toBeInstanceOf(OpenAI.InternalServerError);
		expect(error).toMatchObject({ status: 502, error: undefined, message: "502 <html>Bad gateway</html>" });
	});

	it("a JSON content-type with a non-JSON body makes the client throw a SyntaxError", async () => {
		const fake = await start();
		fake.enqueue({ kind: "non-json", body: "<html>", contentType: "application/json" });
		expect(await rejectionOf(clientFor(fake).chat.completions.create({ model: MODEL, messages: USER }))).toBeInstanceOf(SyntaxError);
	});

	it("raises APIConnectionError when the connection drops without a response", async () => {
		const fake = await start();
		fake.enqueue({ kind: "drop-connection" });
		const error = await rejectionOf(clientFor(fake).chat.completions.create({ model: MODEL, messages: USER }));
		expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
		expect(error).not.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
	});

	it("closes within a second while a request hangs, failing that request", async () => {
		const fake = await start();
		fake.enqueue({ kind: "hang" });
		const pending = clientFor(fake, { timeout: 10_000 }).chat.completions.create({ model: MODEL, messages: USER });
		const outcome = rejectionOf(pending);
		await fake.received(1);
		const started = Date.now();
		await fake.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(await outcome).toBeInstanceOf(OpenAI.APIConnectionError);
	});
});
