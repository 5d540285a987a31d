/** Asks an OpenAI-compatible `POST {baseUrl}/embeddings` endpoint for vectors: OpenAI, Ollama's /v1, LM Studio. */
import type { FetchLike } from "../ports/fetch-like";
import { isLocalEndpoint } from "../model/model-error";
import { normalizedBaseUrl } from "../model/base-url";

export interface EmbeddingClientOptions {
	/** The model settings' base URL, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`. */
	baseUrl: string;
	/** Null for local servers that need none. */
	apiKey: string | null;
	model: string;
	/** requestUrl-based in the app, Node's in the CLI. */
	fetch: FetchLike;
	timeoutMs: number;
}

/** Vectors in the order of the texts given, or one sentence saying why there are none. */
export type EmbeddingResult = { ok: true; vectors: Float32Array[] } | { ok: false; error: string };

/**
 * Turns texts into vectors, one request per call. The request asks for `encoding_format: "float"`
 * explicitly: OpenAI's own SDK asks for base64 when none is given, which not every local server supports,
 * and every server documents the float form. The answer's `data[i].index` places each vector, since
 * the API does not promise the order of `data`.
 */
export class EmbeddingClient {
	readonly endpoint: string;

	constructor(private readonly options: EmbeddingClientOptions) {
		this.endpoint = `${normalizedBaseUrl(options.baseUrl)}/embeddings`;
	}

	get model(): string {
		return this.options.model;
	}

	async embed(texts: readonly string[]): Promise<EmbeddingResult> {
		if (texts.length === 0) return { ok: true, vectors: [] };
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
		let response: Response;
		try {
			response = await this.options.fetch(this.endpoint, {
				method: "POST",
				headers: {
					"content-type": "application/json",
					...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
				},
				body: JSON.stringify({ model: this.options.model, input: texts, encoding_format: "float" }),
				signal: controller.signal,
			});
		} catch {
			if (controller.signal.aborted) return this.failure(`did not answer within ${Math.round(this.options.timeoutMs / 1000)} s`);
			return {
				ok: false,
				error: isLocalEndpoint(this.options.baseUrl)
					? `Nothing is listening at ${this.options.baseUrl} for embeddings; is the local model server (Ollama, LM Studio) running?`
					: `Could not reach ${this.endpoint}; check the base URL and the network connection.`,
			};
		} finally {
			clearTimeout(timer);
		}
		let body: unknown;
		try {
			body = await response.json();
		} catch {
			return this.failure(`answered HTTP ${response.status} with something that is not JSON; check the base URL (it usually ends in /v1)`);
		}
		if (!response.ok) return this.failure(`refused the request with HTTP ${response.status}${detailOf(body)}`);
		return this.vectorsFrom(body, texts.length);
	}

	private vectorsFrom(body: unknown, count: number): EmbeddingResult {
		const data = (body as { data?: unknown } | null)?.data;
		if (!Array.isArray(data)) return this.failure("answered without a data list, so it may not be OpenAI-compatible (the base URL usually ends in /v1)");
		const vectors: (Float32Array | undefined)[] = new Array<Float32Array | undefined>(count);
		let dimensions = -1;
		for (const [position, item] of data.entries()) {
			const { index, embedding } = (item ?? {}) as { index?: unknown; embedding?: unknown };
			const at = typeof index === "number" ? index : position;
			if (!Array.isArray(embedding) || embedding.length === 0 || !embedding.every((n) => typeof n === "number" && Number.isFinite(n))) {
				return this.failure("answered with an embedding that is not a list of numbers");
			}
			if (dimensions !== -1 && embedding.length !== dimensions) return this.failure("answered with vectors of different lengths");
			dimensions = embedding.length;
			if (at < 0 || at >= count || vectors[at] !== undefined) return this.failure(`answered with an embedding index ${at} for ${count} texts`);
			vectors[at] = Float32Array.from(embedding as number[]);
		}
		const complete = vectors.filter((vector): vector is Float32Array => vector !== undefined);
		if (complete.length !== count) return this.failure(`answered with ${complete.length} embeddings for ${count} texts`);
		return { ok: true, vectors: complete };
	}

	private failure(what: string): EmbeddingResult {
		return { ok: false, error: `The embedding endpoint ${this.endpoint} (model "${this.options.model}") ${what}.` };
	}
}

/** The endpoint's own error message (OpenAI and Ollama put it in `error.message`; some servers in `error`). */
function detailOf(body: unknown): string {
	const error = (body as { error?: unknown } | null)?.error;
	const message = typeof error === "string" ? error : typeof (error as { message?: unknown } | undefined)?.message === "string" ? (error as { message: string }).message : "";
	const line = message.replace(/\s+/g, " ").trim();
	return line === "" ? "" : ` (it said: ${line.length > 200 ? `${line.slice(0, 197)}…` : line})`;
}
