/** A `fetch` for the openai client made of Obsidian's `requestUrl`, so local model servers work without CORS set-up. */
import type { RequestUrlParam, RequestUrlResponse } from "obsidian";
import type { FetchLike } from "../../core/ports/fetch-like";

type RequestUrl = (request: RequestUrlParam) => Promise<RequestUrlResponse>;

/**
 * Headers the network layer sets itself: Electron refuses a request that sets one of Chromium's restricted headers
 * (net::ERR_INVALID_ARGUMENT, electron/electron#21148); connection and accept-encoding are its business too.
 */
const DROPPED_HEADERS = new Set(["content-length", "host", "connection", "accept-encoding", "trailer", "te", "upgrade", "cookie2", "keep-alive", "transfer-encoding"]);
/** Statuses whose response may not have a body (the Response constructor throws otherwise). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The one place where requests leave the app. `requestUrl` goes through Obsidian's own network stack,
 * so Ollama or LM Studio on localhost answer without any CORS configuration, which the renderer's
 * `fetch` would need. It cannot stream or be aborted: the whole answer arrives at once (the client is
 * told not to stream), and cancelling stops waiting for it (the late answer is dropped).
 */
export function requestUrlFetch(requestUrl: RequestUrl): FetchLike {
	return async (input, init) => {
		const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
		const signal = init?.signal ?? undefined;
		if (signal?.aborted) throw abortError();
		const headers: Record<string, string> = {};
		new Headers(init?.headers).forEach((value, key) => {
			if (!DROPPED_HEADERS.has(key)) headers[key] = value;
		});
		const body = await bodyOf(init?.body);
		const pending = requestUrl({
			url,
			method: init?.method ?? "GET",
			headers,
			...(body !== undefined ? { body } : {}),
			...(headers["content-type"] ? { contentType: headers["content-type"] } : {}),
			// Error statuses become responses, so the client reads the endpoint's error body and retries 429/5xx itself.
			throw: false,
		});
		const response = await untilAborted(pending, signal);
		return new Response(NULL_BODY_STATUSES.has(response.status) ? null : response.arrayBuffer, { status: response.status, headers: response.headers });
	};
}

async function bodyOf(body: BodyInit | null | undefined): Promise<string | ArrayBuffer | undefined> {
	if (body === undefined || body === null) return undefined;
	if (typeof body === "string" || body instanceof ArrayBuffer) return body;
	// FormData, streams and blobs: let the platform serialise them, then send the bytes.
	return new Response(body).arrayBuffer();
}

function untilAborted<T>(pending: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
	if (!signal) return pending;
	return new Promise<T>((resolve, reject) => {
		const onAbort = (): void => reject(abortError());
		signal.addEventListener("abort", onAbort, { once: true });
		pending.then(
			(value) => {
				signal.removeEventListener("abort", onAbort);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener("abort", onAbort);
				reject(new TypeError(`Failed to fetch: ${error instanceof Error ? error.message : String(error)}`));
			},
		);
	});
}

/** What a spec-compliant fetch throws when aborted; the openai client recognises it by its name. */
function abortError(): Error {
	return new DOMException("The operation was aborted.", "AbortError");
}
