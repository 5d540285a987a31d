/** The settings of semantic search (off by default), and the one sentence that says why it cannot start. */
import type { EmbeddingPlan } from "./embedding-sync";
import { isHttpUrl } from "../model/base-url";

export interface SemanticSettings {
	/** Off by default: when on, note sections are sent to the model endpoint to be embedded. */
	semanticSearch: boolean;
	/** The embedding model at the model settings' endpoint (`text-embedding-3-small`, `nomic-embed-text`); empty until chosen. */
	embeddingModel: string;
}

export const DEFAULT_SEMANTIC_SETTINGS: SemanticSettings = { semanticSearch: false, embeddingModel: "" };

/** Null when semantic search is on and can start, else why not (null too when it is off: nothing to say). */
export function semanticSearchProblem(settings: SemanticSettings & { baseUrl: string }): string | null {
	if (!settings.semanticSearch) return null;
	if (settings.embeddingModel.trim() === "") return "Semantic search is on but no embedding model is set (for example text-embedding-3-small or nomic-embed-text), so search uses words only.";
	if (!isHttpUrl(settings.baseUrl.trim())) return "Semantic search is on but the model's base URL does not start with http:// or https://, so search uses words only.";
	return null;
}

/** The figures shown before the first full embedding (and with every update): sections, estimated tokens, where they go. */
export function embeddingCostSentence(plan: Pick<EmbeddingPlan, "sections" | "estimatedTokens">, model: string, baseUrl: string): string {
	return (
		`Semantic search will send ${plural(plan.sections, "section")} (about ${plan.estimatedTokens.toLocaleString("en-US")} tokens, ` +
		`estimated from their length at about four characters a token) to ${baseUrl} to be embedded by ${model}.`
	);
}

function plural(count: number, noun: string): string {
	return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}

/** The vectors live beside the index cache, in this folder of the plugin's folder (both faces). */
export const EMBEDDINGS_FOLDER = "embeddings";
