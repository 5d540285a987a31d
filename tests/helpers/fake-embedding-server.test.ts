/** The fake embeddings server answers as OpenAI's documented POST /v1/embeddings does. */
import { afterEach, describe, expect, it } from "vitest";
import { startFakeEmbeddingServer, vectorOf, type FakeEmbeddingServer } from "./fake-embedding-server";

let server: FakeEmbeddingServer;
afterEach(async () => {
	await server.close();
});

async function post(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
	const response = await globalThis.fetch(`${server.baseUrl}/embeddings`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("fake embedding server", () => {
	it("answers a list of texts with one unit vector each, by index, and the usage", async () => {
		server = await startFakeEmbeddingServer({ dimensions: 8 });
		const { status, json } = await post({ model: "test-embed", input: ["a b", "c"] });
		expect(status).toBe(200);
		expect(json).toMatchObject({ object: "list", model: "test-embed", usage: { prompt_tokens: 2, total_tokens: 2 } });
		expect(json.data).toEqual([
			{ object: "embedding", index: 0, embedding: vectorOf("a b", 8) },
			{ object: "embedding", index: 1, embedding: vectorOf("c", 8) },
		]);
		expect(Math.hypot(...vectorOf("a b", 8))).toBeCloseTo(1);
	});

	it("accepts a single string, and base64 of little-endian float32 when asked", async () => {
		server = await startFakeEmbeddingServer({ dimensions: 4 });
		const { json } = await post({ model: "test-embed", input: "word", encoding_format: "base64" });
		const encoded = (json.data as { embedding: string }[])[0]?.embedding ?? "";
		expect(Array.from(new Float32Array(Uint8Array.from(Buffer.from(encoded, "base64")).buffer))).toEqual(Array.from(Float32Array.from(vectorOf("word", 4))));
	});

	it("refuses an empty string, more than 2,048 inputs and an unknown model as the API does", async () => {
		server = await startFakeEmbeddingServer();
		expect((await post({ model: "test-embed", input: ["ok", ""] })).status).toBe(400);
		expect((await post({ model: "test-embed", input: Array.from({ length: 2049 }, () => "x") })).status).toBe(400);
		const unknown = await post({ model: "nope", input: ["x"] });
		expect(unknown.status).toBe(404);
		expect(unknown.json.error).toMatchObject({ code: "model_not_found" });
	});
});
