/**
 * A `fetch` for the model client in the desktop app, over Node's `http` and `https`: the answer's bytes reach the
 * client as they arrive, so a streamed answer can be shown as it is written (`requestUrl` hands over a response
 * only when it is complete), and like `requestUrl` it needs no CORS set-up on a local server. Node's modules are
 * loaded at the first request, never at plugin load: they do not exist on mobile, where the plugin must still load
 * (the composition root uses this only when `Platform.isDesktopApp`).
 */
import { Platform } from "obsidian";
import type { FetchLike } from "../../core/ports/fetch-like";

type NodeHttp = typeof import("http");
type IncomingMessage = import("http").IncomingMessage;

interface NodeClients {
	http: NodeHttp;
	https: typeof import("https");
}

/** Statuses whose response may not have a body (the Response constructor throws otherwise). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
/** Redirects followed as fetch follows them (`redirect: "follow"`), up to its own limit. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
/** Node sends no `accept-encoding` of its own and decompresses nothing: the answer must come as it is. */
const DROPPED_HEADERS = new Set(["accept-encoding", "host", "connection", "content-length"]);

export function desktopHttpFetch(): FetchLike {
	let clients: Promise<NodeClients> | null = null;
	const nodeClients = (): Promise<NodeClients> => {
		clients ??= loadClients();
		return clients.catch((error: unknown) => {
			clients = null;
			throw error;
		});
	};
	return async (input, init) => {
		const signal = init?.signal ?? undefined;
		if (signal?.aborted) throw abortError();
		const base = input instanceof Request ? input : null;
		let url = new URL(input instanceof Request ? input.url : input instanceof URL ? input.href : input);
		let method = (init?.method ?? base?.method ?? "GET").toUpperCase();
		const headers: Record<string, string> = {};
		new Headers(init?.headers ?? base?.headers).forEach((value, key) => {
			if (!DROPPED_HEADERS.has(key)) headers[key] = value;
		});
		let body = await bodyOf(init?.body ?? (base?.body ? await base.arrayBuffer() : undefined));
		const node = await nodeClients();
		for (let redirects = 0; ; redirects++) {
			const response = await send(node, url, method, headers, body, signal);
			const location = response.headers.location;
			if (!REDIRECT_STATUSES.has(response.statusCode ?? 0) || location === undefined || (init?.redirect ?? "follow") !== "follow") {
				return toResponse(response, signal);
			}
			response.resume();
			if (redirects >= MAX_REDIRECTS) throw new TypeError("Failed to fetch: too many redirects");
			url = new URL(location, url);
			// As fetch does: a 303, or a 301/302 after a POST, is followed with a GET and no body.
			if (response.statusCode === 303 || ((response.statusCode === 301 || response.statusCode === 302) && method === "POST")) {
				method = "GET";
				body = undefined;
				delete headers["content-type"];
			}
		}
	};
}

async function loadClients(): Promise<NodeClients> {
	if (Platform.isDesktop && Platform.isDesktopApp) {
		const [{ default: http }, { default: https }] = await Promise.all([import("http"), import("https")]);
		return { http, https };
	}
	throw new TypeError("Failed to fetch: Node's http exists only in the desktop app");
}

/** Resolves with the response as soon as its head has arrived; the body follows through {@link toResponse}. */
function send(node: NodeClients, url: URL, method: string, headers: Record<string, string>, body: Uint8Array | undefined, signal: AbortSignal | undefined): Promise<IncomingMessage> {
	const client = url.protocol === "https:" ? node.https : url.protocol === "http:" ? node.http : null;
	if (!client) return Promise.reject(new TypeError(`Failed to fetch: ${url.protocol} is not http or https`));
	// Loading Node's modules or reading the body took a turn or two: the caller may have given up meanwhile.
	if (signal?.aborted) return Promise.reject(abortError());
	return new Promise<IncomingMessage>((resolve, reject) => {
		const request = client.request(url, { method, headers: body ? { ...headers, "content-length": String(body.byteLength) } : headers });
		const onAbort = (): void => {
			request.destroy();
			reject(abortError());
		};
		signal?.addEventListener("abort", onAbort, { once: true });
		request.on("response", (response) => {
			signal?.removeEventListener("abort", onAbort);
			resolve(response);
		});
		request.on("error", (error) => {
			signal?.removeEventListener("abort", onAbort);
			// What fetch throws for a network failure; the openai client treats it as a connection error.
			reject(new TypeError(`Failed to fetch: ${error.message}`));
		});
		request.end(body);
	});
}

/** A standard Response whose body is a stream of the bytes as they arrive; aborting errors the stream and closes the socket. */
function toResponse(response: IncomingMessage, signal: AbortSignal | undefined): Response {
	const headers = new Headers();
	for (const [name, value] of Object.entries(response.headers)) {
		if (Array.isArray(value)) for (const one of value) headers.append(name, one);
		else if (value !== undefined) headers.set(name, value);
	}
	const status = response.statusCode ?? 0;
	const init = { status, statusText: response.statusMessage ?? "", headers };
	if (NULL_BODY_STATUSES.has(status)) {
		response.resume();
		return new Response(null, init);
	}
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			let done = false;
			const finish = (error?: Error): void => {
				if (done) return;
				done = true;
				signal?.removeEventListener("abort", onAbort);
				if (error) controller.error(error);
				else controller.close();
			};
			const onAbort = (): void => {
				finish(abortError());
				response.destroy();
			};
			if (signal?.aborted) return onAbort();
			signal?.addEventListener("abort", onAbort, { once: true });
			response.on("data", (chunk: Uint8Array) => {
				if (done) return;
				controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
				if ((controller.desiredSize ?? 1) <= 0) response.pause();
			});
			response.on("end", () => finish());
			response.on("error", (error) => finish(new TypeError(`Failed to fetch: ${error.message}`)));
			response.on("close", () => finish(response.complete ? undefined : new TypeError("Failed to fetch: the connection closed before the answer ended")));
		},
		pull() {
			response.resume();
		},
		cancel() {
			response.destroy();
		},
	});
	return new Response(body, init);
}

async function bodyOf(body: BodyInit | null | undefined): Promise<Uint8Array | undefined> {
	if (body === undefined || body === null) return undefined;
	if (typeof body === "string") return new TextEncoder().encode(body);
	if (body instanceof ArrayBuffer) return new Uint8Array(body);
	if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
	// FormData, streams and blobs: let the platform serialise them, then send the bytes.
	return new Uint8Array(await new Response(body).arrayBuffer());
}

/** What a spec-compliant fetch throws when aborted; the openai client recognises it by its name. */
function abortError(): Error {
	return new DOMException("The operation was aborted.", "AbortError");
}
