/** The CLI's model client: the vault's plugin settings, overridden by flags and environment variables. */
import type { PluginSettings } from "../core/settings/plugin-settings";
import { ModelClient } from "../core/model/model-client";
import { PROVIDER_PRESETS } from "../core/model/provider-presets";
import type { ChatModel } from "../core/model/chat-model";
import type { FetchLike } from "../core/ports/fetch-like";
import { ModelError } from "../core/model/model-error";
import { UsageError } from "./usage-error";
import { modelWithProgress, type Progress } from "./progress";
import { isHttpUrl, normalizedBaseUrl } from "../core/model/base-url";

export interface ModelOverrides {
	baseUrl?: string | undefined;
	model?: string | undefined;
	/** `--timeout SECONDS`: how long one model call may wait for an answer; else the settings' request timeout. */
	timeoutSeconds?: number | undefined;
	/** Shows the model calls as stages on a terminal. */
	progress?: Progress | undefined;
}

/** What every command that calls a model takes from its flags and the environment. */
export interface ModelEnvironment {
	overrides: ModelOverrides;
	env: Readonly<Record<string, string | undefined>>;
	/** `--mcp-config FILE`: replaces the vault's MCP setting for the run. */
	mcpConfig?: string | undefined;
	/** `--allow-tool SERVER/TOOL`, repeated. */
	allowTools?: string[];
	/** `--trust-vault-mcp SHA256` and `--allow-env NAME`, repeated (see mcp-trust.ts). */
	trustVaultMcp?: string[] | undefined;
	allowEnv?: string[] | undefined;
}

export interface CliModel {
	client: ChatModel;
	baseUrl: string;
	model: string;
	/** Sentences about the configuration worth saying (a key the CLI cannot read). */
	notes: string[];
}

/**
 * Precedence: flag, then environment (`OPENAI_BASE_URL`, `COWORKER_MODEL`, `OPENAI_API_KEY`), then the
 * plugin's data.json. The key the plugin keeps in Obsidian's secret storage lives in the app's local
 * storage, out of the command line's reach, so on a server it comes from `OPENAI_API_KEY`.
 */
export function modelFromSettings(settings: PluginSettings, overrides: ModelOverrides, env: Readonly<Record<string, string | undefined>>, fetch: FetchLike): CliModel {
	const baseUrl = normalizedBaseUrl(overrides.baseUrl ?? env.OPENAI_BASE_URL ?? settings.baseUrl);
	const model = (overrides.model ?? env.COWORKER_MODEL ?? settings.model).trim();
	if (!isHttpUrl(baseUrl)) throw new UsageError(`The base URL "${baseUrl}" must start with http:// or https:// (--base-url, OPENAI_BASE_URL or the plugin settings).`);
	if (model === "") throw new UsageError("No model is set: pass --model, set COWORKER_MODEL, or choose one in the plugin settings.");
	const notes: string[] = [];
	let apiKey: string | null = env.OPENAI_API_KEY?.trim() || settings.apiKey || null;
	if (apiKey === null && settings.apiKeySecret !== "" && PROVIDER_PRESETS[settings.provider].needsKey) {
		notes.push(`The API key is kept in Obsidian's secret storage ("${settings.apiKeySecret}"), which the command line cannot read; set OPENAI_API_KEY.`);
	}
	if (apiKey === "") apiKey = null;
	const client = new ModelClient({
		baseUrl,
		apiKey,
		model,
		fetch,
		timeoutMs: (overrides.timeoutSeconds ?? settings.requestTimeoutSeconds) * 1000,
		maxRetries: settings.maxRetries,
		stream: true,
	});
	const timed = overrides.timeoutSeconds === undefined ? client : withTimeoutSentence(client, baseUrl, overrides.timeoutSeconds);
	return { client: overrides.progress ? modelWithProgress(timed, overrides.progress) : timed, baseUrl, model, notes };
}

/** The client's timeout sentence points at the settings; with `--timeout` the flag is what to change. */
function withTimeoutSentence(model: ChatModel, baseUrl: string, seconds: number): ChatModel {
	return {
		get modelName() {
			return model.modelName;
		},
		async complete(messages, options) {
			try {
				return await model.complete(messages, options);
			} catch (error) {
				if (error instanceof ModelError && error.kind === "timeout") {
					throw new ModelError("timeout", `The model at ${baseUrl} did not answer within ${seconds} s (--timeout ${seconds}); raise --timeout or try a smaller request.`);
				}
				throw error;
			}
		},
	};
}
