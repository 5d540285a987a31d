import { afterEach, describe, expect, it } from "vitest";
import { EmbeddingClient } from "../../../src/core/embeddings/embedding-client";
import type { FetchLike } from "../../../src/core/ports/fetch-like";
import { startFakeEmbeddingServer, vectorOf, type FakeEmbeddingServer } from "../../helpers/fake-embedding-server";

let server: FakeEmbeddingServer | null = null;
afterEach(async () => {
	await server?.close();
	server = null;
});

function clientFor(fetch: FetchLike, baseUrl = "https://api.example.test/v1", model = "test-embed"): EmbeddingClient {
	return new EmbeddingClient({ baseUrl, apiKey: "sk-test", model, fetch, timeoutMs: 5_000 });
}

function answering(body: unknown, status = 200): FetchLike {
	return () => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));
}

describe("EmbeddingClient", () => {
	it("sends model, the texts as `input` and encoding_format float, with the key as a bearer token", async () => {
		server = await startFakeEmbeddingServer({ apiKey: "sk-test" });
		const result = await clientFor(globalThis.fetch, server.baseUrl).embed(["first text", "second text"]);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.vectors.map((v) => Array.from(v))).toEqual([vectorOf("first text", 256), vectorOf("second text", 256)].map((v) => Array.from(Float32Array.from(v))));
		expect(server.requests).toEqual([{ model: "test-embed", input: ["first text", "second text"], encoding_format: "float" }]);
	});

	it("places each vector by its `index`, not by its position in `data`", async () => {
		const result = await clientFor(
			answering({ object: "list", model: "m", data: [{ object: "embedding", index: 1, embedding: [0, 1] }, { object: "embedding", index: 0, embedding: [1, 0] }] }),
		).embed(["a", "b"]);
		expect(result.ok && result.vectors.map((v) => Array.from(v))).toEqual([
			[1, 0],
			[0, 1],
		]);
	});

	it("says in one sentence what was wrong with the answer", async () => {
		const endpoint = 'The embedding endpoint https://api.example.test/v1/embeddings (model "test-embed")';
		expect(await clientFor(answering({ data: [{ index: 0, embedding: [1] }] })).embed(["a", "b"])).toEqual({ ok: false, error: `${endpoint} answered with 1 embeddings for 2 texts.` });
		expect(await clientFor(answering({ data: [{ index: 0, embedding: "AAAA" }] })).embed(["a"])).toEqual({ ok: false, error: `${endpoint} answered with an embedding that is not a list of numbers.` });
		expect(await clientFor(answering({ choices: [] })).embed(["a"])).toEqual({ ok: false, error: `${endpoint} answered without a data list, so it may not be OpenAI-compatible (the base URL usually ends in /v1).` });
	});

	it("names an unknown model with the endpoint's own words", async () => {
		server = await startFakeEmbeddingServer();
		const result = await clientFor(globalThis.fetch, server.baseUrl, "nomic-embed-text").embed(["a"]);
		expect(result).toEqual({
			ok: false,
			error: `The embedding endpoint ${server.baseUrl}/embeddings (model "nomic-embed-text") refused the request with HTTP 404 (it said: The model \`nomic-embed-text\` does not exist or you do not have access to it.).`,
		});
	});

	it("reports a dropped connection as unreachable", async () => {
		server = await startFakeEmbeddingServer();
		server.setFailure({ kind: "drop-connection" });
		const result = await clientFor(globalThis.fetch, server.baseUrl).embed(["a"]);
		expect(result).toEqual({ ok: false, error: `Nothing is listening at ${server.baseUrl} for embeddings; is the local model server (Ollama, LM Studio) running?` });
	});
});
