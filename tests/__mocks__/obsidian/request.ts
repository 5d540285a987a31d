/** requestUrl and request of the Obsidian double: real HTTP through node:http/https, so plugin tests can talk to a fake server on 127.0.0.1. */
import * as http from "node:http";
import * as https from "node:https";
import { URL } from "node:url";
import { TextDecoder } from "node:util";
import * as zlib from "node:zlib";

/** Shape of Obsidian's RequestUrlParam — see Reference/TypeScript API/RequestUrlParam.md */
export interface RequestUrlParam {
	url: string;
	method?: string;
	contentType?: string;
	body?: string | ArrayBuffer;
	headers?: Record<string, string>;
	/** Whether to throw an error when the status code is 400+ (default true) — see Reference/TypeScript API/RequestUrlParam/throw.md */
	throw?: boolean;
}

/** Shape of Obsidian's RequestUrlResponse — see Reference/TypeScript API/RequestUrlResponse.md */
export interface RequestUrlResponse {
	status: number;
	/** Response headers, keys lowercase (as Node and Chromium report them). */
	headers: Record<string, string>;
	arrayBuffer: ArrayBuffer;
	json: unknown;
	text: string;
}

/** Shape of Obsidian's RequestUrlResponsePromise — see Reference/TypeScript API/RequestUrlResponsePromise.md */
export interface RequestUrlResponsePromise extends Promise<RequestUrlResponse> {
	arrayBuffer: Promise<ArrayBuffer>;
	json: Promise<unknown>;
	text: Promise<string>;
}

/** Test-only record of one requestUrl call. */
export interface RequestUrlLogEntry {
	method: string;
	url: string;
}

/**
 * Test-only: every requestUrl (and request) call, oldest first, recorded when the call is made, so a
 * test can assert the plugin went through requestUrl rather than `fetch`. Empty it with
 * `requestUrlLog.length = 0` (or clearRequestUrlLog in tests/helpers/fake-obsidian-app.ts).
 */
export const requestUrlLog: RequestUrlLogEntry[] = [];

/** Chromium gives up after 20 redirects (net::ERR_TOO_MANY_REDIRECTS). */
const MAX_REDIRECTS = 20;

/**
 * No keep-alive: Electron would pool connections, but a pooled socket would keep a test's fake
 * server from closing. Nothing a plugin can observe changes.
 */
const httpAgent = new http.Agent({ keepAlive: false });
const httpsAgent = new https.Agent({ keepAlive: false });

/** The Chromium error names Electron reports for Node's socket error codes. */
const NET_ERRORS: Record<string, string> = {
	ECONNREFUSED: "net::ERR_CONNECTION_REFUSED",
	ECONNRESET: "net::ERR_CONNECTION_RESET",
	EPIPE: "net::ERR_CONNECTION_RESET",
	ECONNABORTED: "net::ERR_CONNECTION_ABORTED",
	ETIMEDOUT: "net::ERR_CONNECTION_TIMED_OUT",
	ENOTFOUND: "net::ERR_NAME_NOT_RESOLVED",
	EAI_AGAIN: "net::ERR_NAME_NOT_RESOLVED",
	EHOSTUNREACH: "net::ERR_ADDRESS_UNREACHABLE",
	ENETUNREACH: "net::ERR_INTERNET_DISCONNECTED",
};

function netError(code: string): Error {
	return new Error(code);
}

function netErrorFrom(error: unknown): Error {
	const code = (error as { code?: string } | null)?.code;
	if (code && code in NET_ERRORS) return netError(NET_ERRORS[code] ?? "net::ERR_FAILED");
	if (code?.startsWith("ERR_TLS") || code?.includes("CERT")) return netError("net::ERR_CERT_INVALID");
	return netError("net::ERR_FAILED");
}

/**
 * Headers Electron's net module refuses to let an app set (Chromium's restricted headers, Electron ≥ 7; see
 * electron/electron#21148 and ClientRequest.setHeader's docs): setting one fails the request with
 * net::ERR_INVALID_ARGUMENT. A `Connection: upgrade` is refused too.
 */
const RESTRICTED_HEADERS = new Set(["content-length", "host", "trailer", "te", "upgrade", "cookie2", "keep-alive", "transfer-encoding"]);

function refusedHeader(headers: Record<string, string> | undefined): string | null {
	for (const [name, value] of Object.entries(headers ?? {})) {
		const lower = name.toLowerCase();
		if (RESTRICTED_HEADERS.has(lower) || (lower === "connection" && value.trim().toLowerCase() === "upgrade")) return name;
	}
	return null;
}

/** fetch's method normalization: the standard methods are upper-cased, others are sent as given. */
function normalizeMethod(method: string | undefined): string {
	const upper = (method ?? "GET").toUpperCase();
	return ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"].includes(upper) ? upper : (method ?? "GET");
}

function bodyBytes(body: string | ArrayBuffer | undefined): Buffer | undefined {
	if (body === undefined) return undefined;
	return typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(new Uint8Array(body));
}

/** `headers` with `contentType`, if given, as Content-Type (replacing any content-type in `headers`, whatever its case), and the Content-Length the network layer adds. */
function requestHeaders(param: RequestUrlParam, body: Buffer | undefined): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(param.headers ?? {})) {
		if (param.contentType !== undefined && name.toLowerCase() === "content-type") continue;
		headers[name] = value;
	}
	if (param.contentType !== undefined) headers["Content-Type"] = param.contentType;
	if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === "content-length")) headers["Content-Length"] = String(body.length);
	return headers;
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(raw)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
	}
	return headers;
}

/** Chromium decodes gzip/deflate/br bodies transparently; so does the double. */
function decode(body: Buffer, encoding: string | undefined): Buffer {
	switch (encoding?.trim().toLowerCase()) {
		case "gzip":
		case "x-gzip":
			return zlib.gunzipSync(body);
		case "deflate":
			return zlib.inflateSync(body);
		case "br":
			return zlib.brotliDecompressSync(body);
		default:
			return body;
	}
}

interface RawResponse {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
}

function send(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const secure = url.protocol === "https:";
		const req = (secure ? https : http).request(url, { method, headers, agent: secure ? httpsAgent : httpAgent }, (res) => {
			const chunks: Buffer[] = [];
			res.on("data", (chunk: Buffer) => chunks.push(chunk));
			res.on("error", (error) => reject(netErrorFrom(error)));
			res.on("aborted", () => reject(netError("net::ERR_CONNECTION_CLOSED")));
			res.on("end", () => {
				const responseHeaders = flattenHeaders(res.headers);
				try {
					resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body: decode(Buffer.concat(chunks), responseHeaders["content-encoding"]) });
				} catch {
					reject(netError("net::ERR_CONTENT_DECODING_FAILED"));
				}
			});
		});
		req.on("error", (error) => reject(netErrorFrom(error)));
		req.end(body);
	});
}

/** Sends the request, following redirects as Chromium does (303, and 301/302 after a POST, turn into a body-less GET). */
async function perform(param: RequestUrlParam): Promise<RawResponse> {
	let url: URL;
	try {
		url = new URL(param.url);
	} catch {
		throw netError("net::ERR_INVALID_URL");
	}
	if (refusedHeader(param.headers) !== null) throw netError("net::ERR_INVALID_ARGUMENT");
	let method = normalizeMethod(param.method);
	let body = bodyBytes(param.body);
	let headers = requestHeaders(param, body);
	for (let redirects = 0; ; redirects++) {
		if (url.protocol !== "http:" && url.protocol !== "https:") throw netError("net::ERR_UNKNOWN_URL_SCHEME");
		const response = await send(url, method, headers, body);
		const location = response.headers.location;
		if (![301, 302, 303, 307, 308].includes(response.status) || location === undefined) return response;
		if (redirects >= MAX_REDIRECTS) throw netError("net::ERR_TOO_MANY_REDIRECTS");
		url = new URL(location, url);
		const becomesGet = response.status === 303 ? method !== "HEAD" : (response.status === 301 || response.status === 302) && method === "POST";
		if (becomesGet) {
			method = "GET";
			body = undefined;
			headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !["content-type", "content-length"].includes(name.toLowerCase())));
		}
	}
}

function toResponse(raw: RawResponse): RequestUrlResponse {
	const arrayBuffer = raw.body.buffer.slice(raw.body.byteOffset, raw.body.byteOffset + raw.body.byteLength) as ArrayBuffer;
	const text = new TextDecoder().decode(raw.body);
	return {
		status: raw.status,
		headers: raw.headers,
		arrayBuffer,
		text,
		// A getter, as in Obsidian: parsed on each access, and throws (SyntaxError) if the body is not JSON.
		get json(): unknown {
			return JSON.parse(text) as unknown;
		},
	};
}

/**
 * Fake of requestUrl — see Reference/TypeScript API/requestUrl.md: "Similar to fetch(), request a URL
 * using HTTP/HTTPS, without any CORS restrictions." `method` defaults to GET; `contentType` is sent
 * as Content-Type (it wins over a content-type in `headers`); `body` may be a string (UTF-8) or an
 * ArrayBuffer. The response is buffered whole; `json` is a getter that throws if the body is not JSON.
 *
 * As Obsidian's app does: unless `throw` is false, a status >= 400 rejects with an Error whose message
 * is `Request failed, status ${status}` and which carries `status` and `headers`; the body is not
 * attached. A network failure rejects with an Error named as Electron reports it, e.g.
 * `net::ERR_CONNECTION_REFUSED`; a header Electron does not let an app set (Content-Length, Host, Transfer-Encoding…)
 * rejects with `net::ERR_INVALID_ARGUMENT` before anything is sent.
 *
 * Like the real one it buffers the whole response (it cannot stream) and cannot be aborted
 * (RequestUrlParam has no signal). It is built on Node's http/https, URL and TextDecoder rather than
 * the globals: under `@vitest-environment happy-dom` the global fetch is happy-dom's, which applies
 * browser CORS rules — exactly what requestUrl does not (it runs in Electron's main process).
 *
 * The `arrayBuffer`, `json` and `text` promises are made on first access, so a failed request whose
 * caller only awaits the main promise leaves no unhandled rejection behind.
 */
export function requestUrl(request: RequestUrlParam | string): RequestUrlResponsePromise {
	const param: RequestUrlParam = typeof request === "string" ? { url: request } : request;
	requestUrlLog.push({ method: normalizeMethod(param.method), url: param.url });
	const promise = perform(param).then((raw) => {
		const response = toResponse(raw);
		if (param.throw !== false && response.status >= 400) {
			throw Object.assign(new Error(`Request failed, status ${response.status}`), { status: response.status, headers: response.headers });
		}
		return response;
	});
	const derived = new Map<string, Promise<unknown>>();
	const lazy = <T>(name: keyof RequestUrlResponse, pick: (response: RequestUrlResponse) => T) => ({
		get(): Promise<T> {
			let result = derived.get(name);
			if (!result) derived.set(name, (result = promise.then(pick)));
			return result as Promise<T>;
		},
		enumerable: true,
	});
	return Object.defineProperties(promise, {
		arrayBuffer: lazy("arrayBuffer", (response) => response.arrayBuffer),
		json: lazy("json", (response) => response.json),
		text: lazy("text", (response) => response.text),
	}) as RequestUrlResponsePromise;
}

/** Fake of request — see Reference/TypeScript API/request.md: requestUrl, resolving to the response text. */
export function request(request: RequestUrlParam | string): Promise<string> {
	return requestUrl(request).text;
}
