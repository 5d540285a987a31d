/**
 * A fake OpenAI-compatible embeddings server on 127.0.0.1, shaped after OpenAI's `POST /v1/embeddings` (which
 * Ollama's /v1 and LM Studio copy): `input` a string or a list of at most 2,048 non-empty strings, `encoding_format`
 * `float` (default) or `base64`, and an answer `{ object: "list", data: [{ object: "embedding", index, embedding }],
 * model, usage }`. Unknown models get the API's 404 `model_not_found`, an empty input its 400.
 *
 * Vectors are made from the words of the text, so texts sharing words (or words the test declares synonyms) are close.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { readBody } from "./fake-model-server";

export interface FakeEmbeddingServerOptions {
	/** Models accepted; default ["test-embed"]. */
	models?: string[];
	/** Length of every vector; default 256 (few words share a dimension in a test vault). */
	dimensions?: number;
	/** Words that count as the same word (e.g. { automobile: "car" }), so a test can show a match no shared word explains. */
	synonyms?: Record<string, string>;
	/** When set, a request whose Authorization is not `Bearer <apiKey>` gets the API's 401. */
	apiKey?: string;
}

/** How the server answers while a failure is set. */
export type EmbeddingFailure = { kind: "error"; status: number; message: string } | { kind: "drop-connection" };

export interface FakeEmbeddingServer {
	/** e.g. "http://127.0.0.1:54321/v1" */
	readonly baseUrl: string;
	/** Every POST /v1/embeddings body, as parsed JSON, in order (failed ones too). */
	readonly requests: Array<{ model?: unknown; input?: unknown; encoding_format?: unknown }>;
	/** Every text sent for embedding, across all requests. */
	inputs(): string[];
	/** Answer every request this way until cleared with null. */
	setFailure(failure: EmbeddingFailure | null): void;
	close(): Promise<void>;
}

const MAX_INPUTS = 2048;

export async function startFakeEmbeddingServer(options: FakeEmbeddingServerOptions = {}): Promise<FakeEmbeddingServer> {
	const models = options.models ?? ["test-embed"];
	const dimensions = options.dimensions ?? 256;
	const synonyms = options.synonyms ?? {};
	const requests: FakeEmbeddingServer["requests"] = [];
	let failure: EmbeddingFailure | null = null;
	const sockets = new Set<Socket>();

	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const raw = await readBody(req);
		const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
		if (req.method !== "POST" || path !== "/v1/embeddings") return sendError(res, 404, `Invalid URL (${req.method ?? "GET"} ${path})`, null);
		let body: Record<string, unknown>;
		try {
			body = JSON.parse(raw) as Record<string, unknown>;
		} catch {
			return sendError(res, 400, "We could not parse the JSON body of your request.", null);
		}
		requests.push(body);
		if (failure?.kind === "drop-connection") {
			req.socket.destroy();
			return;
		}
		if (failure) return sendError(res, failure.status, failure.message, null);
		if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) return sendError(res, 401, "Incorrect API key provided.", "invalid_api_key");
		const model = body.model;
		if (typeof model !== "string" || !models.includes(model)) {
			return sendError(res, 404, `The model \`${String(model)}\` does not exist or you do not have access to it.`, "model_not_found");
		}
		const input = typeof body.input === "string" ? [body.input] : body.input;
		if (!Array.isArray(input) || input.length === 0 || input.length > MAX_INPUTS || !input.every((text) => typeof text === "string" && text !== "")) {
			return sendError(res, 400, "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", null);
		}
		const format = body.encoding_format ?? "float";
		if (format !== "float" && format !== "base64") return sendError(res, 400, `${JSON.stringify(format)} is not one of ['float', 'base64'] - 'encoding_format'`, null);
		let tokens = 0;
		const data = (input as string[]).map((text, index) => {
			tokens += Math.ceil(text.length / 4);
			const vector = vectorOf(text, dimensions, synonyms);
			return { object: "embedding", index, embedding: format === "base64" ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector };
		});
		sendJson(res, 200, { object: "list", data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
	};

	const server = createServer((req, res) => void handle(req, res));
	server.on("connection", (socket) => {
		sockets.add(socket);
		socket.on("close", () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	let closed: Promise<void> | null = null;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		inputs: () => requests.flatMap((body) => (typeof body.input === "string" ? [body.input] : Array.isArray(body.input) ? body.input.filter((t): t is string => typeof t === "string") : [])),
		setFailure: (next) => (failure = next),
		close: () => {
			closed ??= new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			});
			return closed;
		},
	};
}

/** Each word (lower case, synonyms folded) adds weight to the dimension its hash picks; the vector is then scaled to length 1, as OpenAI's are. */
export function vectorOf(text: string, dimensions: number, synonyms: Record<string, string> = {}): number[] {
	const vector = new Array<number>(dimensions).fill(0);
	for (const raw of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
		const word = synonyms[raw] ?? raw;
		let hash = 2166136261;
		for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 16777619) >>> 0;
		vector[hash % dimensions] = (vector[hash % dimensions] ?? 0) + 1;
	}
	const length = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0)) || 1;
	return vector.map((x) => x / length);
}


function sendJson(res: ServerResponse, status: number, body: unknown): void {
	if (res.destroyed) return;
	const payload = Buffer.from(JSON.stringify(body), "utf8");
	res.writeHead(status, { "content-type": "application/json", "content-length": payload.length });
	res.end(payload);
}

function sendError(res: ServerResponse, status: number, message: string, code: string | null): void {
	sendJson(res, status, { error: { message, type: "invalid_request_error", param: null, code } });
}
