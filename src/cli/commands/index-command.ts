/** `coworker index`: builds or refreshes the persisted index and prints what it did (and, with semantic search on, embeds what changed). */
import type { VaultContext } from "../composition-root";
import type { Output } from "../output";
import { semanticSearchFor } from "../semantic-config";
import { embeddingCostSentence } from "../../core/embeddings/semantic-settings";

export interface IndexCommandOptions {
	json: boolean;
	rebuild: boolean;
	/** Sends the sections for the first full embedding; without it that step only prints its cost. */
	yes: boolean;
	env: Readonly<Record<string, string | undefined>>;
}

export async function runIndexCommand(vault: VaultContext, options: IndexCommandOptions, out: Output): Promise<number> {
	// With no vectors to update, the search index need not even be loaded (nothing changed) or made (a build from nothing).
	const summary = vault.settings.semanticSearch ? await (options.rebuild ? vault.index.rebuild() : vault.index.refresh()) : await (options.rebuild ? vault.index.rebuildNotes() : vault.index.refreshNotes());
	const cacheBytes = await vault.index.save();
	const embedding = await embedChanges(vault, options, out);
	if (options.json) {
		out.json({ ...summary, cacheBytes, warnings: vault.warnings, ...(embedding ? { embeddings: embedding } : {}) });
		return embedding?.error ? 1 : 0;
	}
	for (const warning of vault.warnings) out.error(`warning: ${warning}`);
	out.line(
		`Indexed ${plural(summary.notes, "note")} (${plural(summary.sections, "section")}) in ${summary.milliseconds} ms: ` +
			`${summary.reindexed} read, ${summary.unchanged} unchanged, ${summary.removed} removed, ${summary.excluded} excluded.`,
	);
	out.line(`Cache: ${summary.cache}${cacheBytes > 0 ? `; saved ${(cacheBytes / 1024).toFixed(0)} KiB` : "; nothing to save"}.`);
	if (summary.problems.length > 0) {
		out.line(`${plural(summary.problems.length, "problem")}:`);
		for (const problem of summary.problems) out.line(`- ${problem.message}`);
	}
	if (embedding?.said) out.line(embedding.said);
	return embedding?.error ? 1 : 0;
}

interface EmbeddingReport {
	sections: number;
	estimatedTokens: number;
	embedded: number;
	removed: number;
	/** True when the first full embedding waits for --yes. */
	waitingForYes: boolean;
	error: string | null;
	/** The closing line for people (the cost line comes before the work, on stderr). */
	said: string;
}

/** With semantic search on: the cost first (on stderr, before anything is sent), then the update. */
async function embedChanges(vault: VaultContext, options: IndexCommandOptions, out: Output): Promise<EmbeddingReport | null> {
	const semantic = semanticSearchFor(vault, options.env, () => undefined);
	if (semantic.kind === "off") return null;
	if (semantic.kind === "unusable") {
		out.error(`warning: ${semantic.problem}`);
		return null;
	}
	const plan = await semantic.search.plan(vault.index);
	if (semantic.search.store.discarded) out.error(`warning: semantic search: ${semantic.search.store.discarded}.`);
	const base = { sections: plan.sections, estimatedTokens: plan.estimatedTokens, removed: 0, embedded: 0 };
	if (plan.sections > 0) out.error(embeddingCostSentence(plan, semantic.model, semantic.baseUrl));
	if (plan.firstFull && plan.sections > 0 && !options.yes) {
		return { ...base, waitingForYes: true, error: null, said: "Nothing was sent: run coworker index --yes to embed them (search uses words only until then)." };
	}
	const outcome = await semantic.search.update(plan);
	const said =
		outcome.error !== null
			? `Semantic search: ${outcome.error} ${plural(outcome.embedded, "section")} were embedded before it; the rest wait for the next run.`
			: `Semantic search: embedded ${plural(outcome.embedded, "section")}, dropped ${plural(outcome.removed, "note")}; ${plural(semantic.search.store.sectionCount, "section")} stored.`;
	return { ...base, embedded: outcome.embedded, removed: outcome.removed, waitingForYes: false, error: outcome.error, said };
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
