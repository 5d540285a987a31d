/** `coworker search`: refreshes the index (cheap when the cache is current) and prints the best notes for a query. */
import type { VaultContext } from "../vault-context";
import type { Output } from "../output";
import { saveIndexCache } from "../save-index-cache";
import { semanticSearchFor } from "../semantic-config";
import { embeddingCostSentence } from "../../core/embeddings/semantic-settings";

export async function runSearchCommand(
	vault: VaultContext,
	options: { json: boolean; limit: number; query: string; env: Readonly<Record<string, string | undefined>> },
	out: Output,
): Promise<number> {
	await vault.index.refresh();
	await saveIndexCache(vault, out);
	await useSemanticSearch(vault, options.env, out);
	const hits = await vault.index.searchWithSnippets(options.query, options.limit);
	if (options.json) {
		out.json(hits.map(({ path, title, heading, line, score, snippet }) => ({ path, heading, score, snippet, title, line })));
		return 0;
	}
	for (const warning of vault.warnings) out.error(`warning: ${warning}`);
	if (hits.length === 0) {
		out.line(`No notes match "${options.query}".`);
		return 0;
	}
	hits.forEach((hit, i) => {
		out.line(`${i + 1}. ${hit.path}${hit.heading ? ` › ${hit.heading}` : ""}  (${hit.score.toFixed(2)})`);
		if (hit.snippet) out.line(`   ${hit.snippet}`);
	});
	return 0;
}

/**
 * With semantic search on, embeds what changed since the last run (never the first full embedding, whose cost
 * `coworker index --yes` shows and accepts) and lets the index merge the ranking by meaning in. Any failure is
 * said once on stderr; the search goes on with words only.
 */
async function useSemanticSearch(vault: VaultContext, env: Readonly<Record<string, string | undefined>>, out: Output): Promise<void> {
	const semantic = semanticSearchFor(vault, env, (sentence) => out.error(`warning: ${sentence}`));
	if (semantic.kind === "off") return;
	if (semantic.kind === "unusable") {
		out.error(`warning: ${semantic.problem}`);
		return;
	}
	const plan = await semantic.search.plan(vault.index);
	if (plan.firstFull && plan.sections > 0) {
		out.error(`warning: semantic search has embedded nothing yet, so this search uses words only. ${embeddingCostSentence(plan, semantic.model, semantic.baseUrl)} Run coworker index --yes to send them.`);
		return;
	}
	if (plan.sections > 0 || plan.removed.length > 0) {
		const outcome = await semantic.search.update(plan);
		// The failure was said once already; the endpoint is not asked again for the query.
		if (outcome.error !== null) return;
	}
	semantic.search.attach(vault.index);
}
