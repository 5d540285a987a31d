/** `coworker search`: refreshes the index (cheap when the cache is current) and prints the best notes for a query. */
import type { VaultContext } from "../composition-root";
import type { Output } from "../output";
import { saveIndexCache } from "../save-index-cache";
import { useSemanticSearch } from "../semantic-config";

export async function runSearchCommand(
	vault: VaultContext,
	options: { json: boolean; limit: number; query: string; env: Readonly<Record<string, string | undefined>> },
	out: Output,
): Promise<number> {
	// Only what this query can match is read from a current cache: the whole index is most of a search's cost.
	await vault.index.refreshForQuery(options.query);
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
