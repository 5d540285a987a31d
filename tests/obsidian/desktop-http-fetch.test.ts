/** The desktop app's fetch over Node's http, against a local server: bytes arrive as they are sent, aborting stops them, the request goes as given. */
import { afterEach, describe, expect, it } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Platform } from "obsidian";
import { desktopHttpFetch } from "../../src/obsidian/adapters/desktop-http-fetch";

interface Received {
	method: string;
	url: string;
	headers: IncomingMessage["headers"];
	body: string;
}

let server: Server | null = null;

afterEach(async () => {
	const running = server;
	server = null;
	if (running) {
		running.closeAllConnections();
		await new Promise((resolve) => running.close(resolve));
	}
});

/** A server on 127.0.0.1 that records each request and answers it with `answer`. */
async function serve(answer: (req: IncomingMessage, res: ServerResponse, received: Received) => void | Promise<void>): Promise<{ url: string; received: Received[] }> {
	const received: Received[] = [];
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on("data", (chunk: Buffer) => chunks.push(chunk));
		req.on("end", () => {
			const one = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
			received.push(one);
			void answer(req, res, one);
		});
	});
	await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

function gate(): { opened: Promise<void>; open: () => void } {
	let open: () => void = () => undefined;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { opened, open };
}

async function readText(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
	const { value } = await reader.read();
	return new TextDecoder().decode(value);
}

describe("desktopHttpFetch", () => {
	it("hands over the first bytes of an answer while the server still holds the rest", async () => {
		const rest = gate();
		const { url } = await serve(async (_req, res) => {
			res.writeHead(200, { "content-type": "text/event-stream" });
			res.write("data: first\n\n");
			await rest.opened;
			res.end("data: second\n\n");
		});
		const response = await desktopHttpFetch()(`${url}/v1/chat/completions`, { method: "POST", body: "{}" });
		expect(response.status).toBe(200);
		expect(response.headers.get("content-type")).toBe("text/event-stream");
		const reader = (response.body as ReadableStream<Uint8Array>).getReader();
		// The server has not sent the second event yet: this read can only succeed if the first one is passed on alone.
		expect(await readText(reader)).toBe("data: first\n\n");
		rest.open();
		expect(await readText(reader)).toBe("data: second\n\n");
		expect((await reader.read()).done).toBe(true);
	});

	it("sends the method, headers and body as given, and returns error statuses as responses", async () => {
		const { url, received } = await serve((_req, res) => {
			res.writeHead(429, { "content-type": "application/json", "retry-after": "3" });
			res.end('{"error":{"message":"slow down"}}');
		});
		const response = await desktopHttpFetch()(`${url}/v1/chat/completions?x=1`, {
			method: "POST",
			headers: { authorization: "Bearer sk-test", "content-type": "application/json", "x-stainless-retry-count": "0" },
			body: JSON.stringify({ model: "m", stream: true }),
		});
		expect(response.status).toBe(429);
		expect(response.headers.get("retry-after")).toBe("3");
		expect(await response.json()).toEqual({ error: { message: "slow down" } });
		expect(received).toHaveLength(1);
		expect(received[0]).toMatchObject({ method: "POST", url: "/v1/chat/completions?x=1", body: '{"model":"m","stream":true}' });
		expect(received[0]?.headers).toMatchObject({ authorization: "Bearer sk-test", "content-type": "application/json", "x-stainless-retry-count": "0", "content-length": "27" });
	});

	it("stops a streamed answer when aborted mid-way: the read rejects as fetch's does and the connection closes", async () => {
		const closed = gate();
		const { url } = await serve((req, res) => {
			res.writeHead(200, { "content-type": "text/event-stream" });
			res.write("data: first\n\n");
			res.on("close", closed.open);
		});
		const controller = new AbortController();
		const response = await desktopHttpFetch()(url, { signal: controller.signal });
		const reader = (response.body as ReadableStream<Uint8Array>).getReader();
		expect(await readText(reader)).toBe("data: first\n\n");
		controller.abort();
		await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
		// The server sees the socket go: the abort reached the network, not only the reader.
		await closed.opened;
	});

	it("rejects as aborted while waiting for the answer's head, and at once when already aborted", async () => {
		const arrived = gate();
		const { url } = await serve(() => arrived.open());
		const controller = new AbortController();
		const pending = desktopHttpFetch()(url, { signal: controller.signal });
		// The request is at the server, which never answers: only the abort can end the wait.
		await arrived.opened;
		controller.abort();
		await expect(pending).rejects.toMatchObject({ name: "AbortError" });
		await expect(desktopHttpFetch()(url, { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
	});

	it("follows a 307 with the same request, as fetch does", async () => {
		const { url, received } = await serve((req, res) => {
			if (req.url === "/old") {
				res.writeHead(307, { location: "/new" });
				res.end();
			} else {
				res.writeHead(200, { "content-type": "text/plain" });
				res.end("moved here");
			}
		});
		const response = await desktopHttpFetch()(`${url}/old`, { method: "POST", body: "payload" });
		expect(await response.text()).toBe("moved here");
		expect(received.map((one) => `${one.method} ${one.url} ${one.body}`)).toEqual(["POST /old payload", "POST /new payload"]);
	});

	it("fails as fetch does when nothing listens, and refuses off the desktop app", async () => {
		const { url } = await serve(() => undefined);
		await new Promise((resolve) => server?.close(resolve));
		server = null;
		await expect(desktopHttpFetch()(url)).rejects.toThrow(TypeError);
		const platform = Platform as { isDesktopApp: boolean };
		platform.isDesktopApp = false;
		try {
			await expect(desktopHttpFetch()(url)).rejects.toThrow(/only in the desktop app/);
		} finally {
			platform.isDesktopApp = true;
		}
	});
});
