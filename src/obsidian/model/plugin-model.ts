/** Builds the model client inside the app: the key from secret storage, requests through the fetch it is given (Node's http on desktop, requestUrl elsewhere). */
import type { App } from "obsidian";
import { ModelClient } from "../../core/model/model-client";
import { PROVIDER_PRESETS } from "../../core/model/provider-presets";
import type { ModelSettings } from "../../core/settings/plugin-settings";
import type { FetchLike } from "../../core/ports/fetch-like";
import { isHttpUrl, normalizedBaseUrl } from "../../core/model/base-url";

export type PluginModel = { ok: true; client: ModelClient } | { ok: false; error: string };

/** How the model is reached: `stream` only where the fetch hands over an answer as it arrives. */
export interface ModelTransport {
	fetch: FetchLike;
	stream: boolean;
}

/**
 * The key lives in Obsidian's secret storage under the name the settings hold; only an Obsidian
 * without secret storage keeps it in data.json (`apiKey`).
 */
export function apiKeyFrom(app: App, settings: ModelSettings): string | null {
	const storage = (app as Partial<Pick<App, "secretStorage">>).secretStorage;
	if (storage && settings.apiKeySecret !== "") return storage.getSecret(settings.apiKeySecret);
	return settings.apiKey !== "" ? settings.apiKey : null;
}

export function createPluginModel(app: App, settings: ModelSettings, transport: ModelTransport): PluginModel {
	const baseUrl = normalizedBaseUrl(settings.baseUrl);
	if (!isHttpUrl(baseUrl)) return { ok: false, error: "Set the model's base URL in the AI Coworker settings (it starts with http:// or https://)." };
	if (settings.model.trim() === "") return { ok: false, error: "Choose a model in the AI Coworker settings (Test connection lists what the endpoint offers)." };
	const apiKey = apiKeyFrom(app, settings);
	if (apiKey === null && PROVIDER_PRESETS[settings.provider].needsKey) {
		return { ok: false, error: `${PROVIDER_PRESETS[settings.provider].label} needs an API key; choose or create one in the AI Coworker settings.` };
	}
	const client = new ModelClient({
		baseUrl,
		apiKey,
		model: settings.model.trim(),
		fetch: transport.fetch,
		timeoutMs: settings.requestTimeoutSeconds * 1000,
		maxRetries: settings.maxRetries,
		stream: transport.stream,
	});
	return { ok: true, client };
}
