/** Why a model call failed, as a kind the caller can act on and one plain sentence the user can read. */

export type ModelFailureKind =
	| "auth"
	| "unreachable"
	| "model-not-found"
	| "context-too-long"
	| "rate-limited"
	| "server"
	| "timeout"
	| "cancelled"
	| "bad-response"
	| "refused"
	| "config";

/** A failed model call. `message` is already the sentence to show; there is never a stack trace to print. */
export class ModelError extends Error {
	constructor(
		readonly kind: ModelFailureKind,
		message: string,
	) {
		super(message);
		this.name = "ModelError";
	}
}

/** What the sentences name: where the request went and which model it asked for. */
export interface EndpointDescription {
	baseUrl: string;
	model: string;
}

/** True for endpoints on this machine, where "nothing is listening" usually means the local server is not started. */
export function isLocalEndpoint(baseUrl: string): boolean {
	try {
		const host = new URL(baseUrl).hostname;
		return host === "localhost" || host === "127.0.0.1" || host === "::1" || host === "[::1]";
	} catch {
		return false;
	}
}

/** The sentence for each kind; `detail` is the endpoint's own message where it helps. */
export function sentenceFor(kind: ModelFailureKind, endpoint: EndpointDescription, detail = ""): string {
	const said = detail ? ` (the endpoint said: ${oneLine(detail)})` : "";
	switch (kind) {
		case "auth":
			return `The API key was rejected by ${endpoint.baseUrl}; check the key in the AI Coworker settings${said}.`;
		case "unreachable":
			return isLocalEndpoint(endpoint.baseUrl)
				? `Nothing is listening at ${endpoint.baseUrl}; is the local model server (Ollama, LM Studio) running?`
				: `Could not reach ${endpoint.baseUrl}; check the base URL and the network connection.`;
		case "model-not-found":
			return `The model "${endpoint.model}" was not found at ${endpoint.baseUrl}; check the model name (Test connection lists the available ones)${said}.`;
		case "context-too-long":
			return `The request is longer than the model "${endpoint.model}" accepts; lower the context budget in the settings or choose fewer sources${said}.`;
		case "rate-limited":
			return `${endpoint.baseUrl} is rate limiting requests and still refused after retrying; wait a minute and try again${said}.`;
		case "server":
			return `${endpoint.baseUrl} failed with a server error after retrying; try again later${said}.`;
		case "timeout":
			return `The model at ${endpoint.baseUrl} did not answer within the request timeout; raise the timeout in the settings or try a smaller request.`;
		case "cancelled":
			return "The task was cancelled.";
		case "bad-response":
			return `${endpoint.baseUrl} answered with something that is not an OpenAI-compatible response${said}; check the base URL (it usually ends in /v1).`;
		case "refused":
			return `${endpoint.baseUrl} refused the request${said}.`;
		case "config":
			return detail ? oneLine(detail) : "The model settings are incomplete.";
	}
}

/** Endpoint messages can be long or multi-line (an HTML error page); keep one short line. */
function oneLine(text: string): string {
	const line = text.replace(/\s+/g, " ").trim();
	return line.length > 200 ? `${line.slice(0, 197)}…` : line;
}
