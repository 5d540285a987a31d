/** The command line's semantic search: on when the plugin settings turn it on, over the model settings' endpoint and key. */
import type { VaultContext } from "./composition-root";
import { SemanticSearch } from "../core/embeddings/semantic-search";
import { embeddingCostSentence, semanticSearchProblem } from "../core/embeddings/semantic-settings";
import type { Output } from "./output";
import { normalizedBaseUrl } from "../core/model/base-url";

export type CliSemanticSearch = { kind: "off" } | { kind: "unusable"; problem: string } | { kind: "on"; search: SemanticSearch; baseUrl: string; model: string };


/**
 * Same endpoint and key as the model: `OPENAI_BASE_URL` over the settings' base URL, `OPENAI_API_KEY` over a key kept
 * in data.json (the app's secret storage is out of the command line's reach).
 */
export function semanticSearchFor(vault: VaultContext, env: Readonly<Record<string, string | undefined>>, say: (sentence: string) => void): CliSemanticSearch {
	const settings = vault.settings;
	if (!settings.semanticSearch) return { kind: "off" };
	const baseUrl = normalizedBaseUrl(env.OPENAI_BASE_URL ?? settings.baseUrl);
	const problem = semanticSearchProblem({ ...settings, baseUrl });
	if (problem !== null) return { kind: "unusable", problem };
	const model = settings.embeddingModel.trim();
	const apiKey = env.OPENAI_API_KEY?.trim() || settings.apiKey || null;
	const search = new SemanticSearch({
		store: vault.embeddingsStore,
		endpoint: { baseUrl, apiKey, model, fetch: globalThis.fetch, timeoutMs: settings.requestTimeoutSeconds * 1000 },
		reader: vault.reader,
		settings,
		say,
	});
	return { kind: "on", search, baseUrl, model };
}

/**
 * For `search`, `delegate` and `run`: with semantic search on, embeds what changed since the last run (never the
 * first full embedding, whose cost `coworker index --yes` shows and accepts) and lets the index merge the ranking
 * by meaning in. Any failure is said once on stderr; searches go on with words only.
 */
export async function useSemanticSearch(vault: VaultContext, env: Readonly<Record<string, string | undefined>>, out: Output): Promise<void> {
	const semantic = semanticSearchFor(vault, env, (sentence) => out.error(`warning: ${sentence}`));
	if (semantic.kind === "off") return;
	if (semantic.kind === "unusable") {
		out.error(`warning: ${semantic.problem}`);
		return;
	}
	const plan = await semantic.search.plan(vault.index);
	if (plan.firstFull && plan.sections > 0) {
		out.error(`warning: semantic search has embedded nothing yet, so searches use words only. ${embeddingCostSentence(plan, semantic.model, semantic.baseUrl)} Run coworker index --yes to send them.`);
		return;
	}
	if (plan.sections > 0 || plan.removed.length > 0) {
		const outcome = await semantic.search.update(plan);
		// The failure was said once already; the endpoint is not asked again for the query.
		if (outcome.error !== null) return;
	}
	semantic.search.attach(vault.index);
}
