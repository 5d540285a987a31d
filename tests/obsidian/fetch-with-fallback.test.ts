import { describe, expect, it } from "vitest";
import { fetchWithFallback } from "../../src/obsidian/adapters/fetch-with-fallback";
import type { FetchLike } from "../../src/core/ports/fetch-like";

/** A fetch that records what it was asked and answers (or fails) as told. */
function recording(answer: () => Promise<Response>): FetchLike & { calls: string[] } {
	const calls: string[] = [];
	const fetch = (input: string | URL | Request): Promise<Response> => {
		calls.push(input instanceof Request ? input.url : input.toString());
		return answer();
	};
	return Object.assign(fetch, { calls });
}

describe("the desktop model fetch's fallback to requestUrl", () => {
	it("sends a request that could not connect through Node's http again through requestUrl", async () => {
		const node = recording(() => Promise.reject(new TypeError("Failed to fetch: connect ECONNREFUSED 10.0.0.1:443")));
		const requestUrl = recording(() => Promise.resolve(new Response("data: {}\n\n", { status: 200 })));
		const response = await fetchWithFallback(node, requestUrl)("https://api.example.com/v1/chat/completions", { method: "POST", body: "{}" });
		expect(await response.text()).toBe("data: {}\n\n");
		expect(node.calls).toEqual(["https://api.example.com/v1/chat/completions"]);
		expect(requestUrl.calls).toEqual(["https://api.example.com/v1/chat/completions"]);
	});

	it("returns an HTTP error as the answer, without sending the request again", async () => {
		const node = recording(() => Promise.resolve(new Response("{}", { status: 401 })));
		const requestUrl = recording(() => Promise.resolve(new Response("{}", { status: 200 })));
		const response = await fetchWithFallback(node, requestUrl)("https://api.example.com/v1/models");
		expect(response.status).toBe(401);
		expect(requestUrl.calls).toEqual([]);
	});

	it("does not send a cancelled request again", async () => {
		const controller = new AbortController();
		controller.abort();
		const node = recording(() => Promise.reject(new TypeError("Failed to fetch: socket hang up")));
		const requestUrl = recording(() => Promise.resolve(new Response("{}", { status: 200 })));
		await expect(fetchWithFallback(node, requestUrl)("https://api.example.com/v1/models", { signal: controller.signal })).rejects.toThrow(TypeError);
		expect(requestUrl.calls).toEqual([]);
	});
});
