/** The endpoints users pick from: each is an OpenAI-compatible base URL with a sensible default model. */

export const PROVIDER_IDS = ["openai", "ollama", "lmstudio", "openrouter", "custom"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export interface ProviderPreset {
	label: string;
	/** Empty for "custom": the user types it. */
	baseUrl: string;
	defaultModel: string;
	/** Local servers accept any key or none. */
	needsKey: boolean;
}

export const PROVIDER_PRESETS: Record<ProviderId, ProviderPreset> = {
	openai: { label: "OpenAI", baseUrl: "https://api.openai.com/v1", defaultModel: "gpt-4.1-mini", needsKey: true },
	ollama: { label: "Ollama", baseUrl: "http://localhost:11434/v1", defaultModel: "llama3.1", needsKey: false },
	lmstudio: { label: "LM Studio", baseUrl: "http://localhost:1234/v1", defaultModel: "", needsKey: false },
	openrouter: { label: "OpenRouter", baseUrl: "https://openrouter.ai/api/v1", defaultModel: "openai/gpt-4.1-mini", needsKey: true },
	custom: { label: "Custom (OpenAI-compatible)", baseUrl: "", defaultModel: "", needsKey: false },
};

export function isProviderId(value: string): value is ProviderId {
	return (PROVIDER_IDS as readonly string[]).includes(value);
}
