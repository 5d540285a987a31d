/** Reciprocal rank fusion: merges rankings from different scorers by rank alone, since their scores are not comparable. */

/** The constant of Cormack, Clarke and Büttcher (2009); it keeps one list's top hit from outweighing agreement between lists. */
export const RRF_K = 60;

export interface FusedItem {
	id: string;
	/** Sum over the rankings holding the item of 1 / (k + rank), rank counted from 1. */
	score: number;
}

/**
 * Every id of every ranking, best fused score first. Ties keep the order of first appearance, earlier
 * rankings first (callers put the lexical ranking first, so an exact match keeps its place on a tie).
 */
export function fuseRankings(rankings: readonly (readonly string[])[], k = RRF_K): FusedItem[] {
	const scores = new Map<string, number>();
	for (const ranking of rankings) {
		const seen = new Set<string>();
		ranking.forEach((id, i) => {
			// An id listed twice in one ranking counts at its best rank only.
			if (seen.has(id)) return;
			seen.add(id);
			scores.set(id, (scores.get(id) ?? 0) + 1 / (k + i + 1));
		});
	}
	const order = [...scores.keys()];
	return order.map((id, position) => ({ id, score: scores.get(id) ?? 0, position })).sort((a, b) => b.score - a.score || a.position - b.position).map(({ id, score }) => ({ id, score }));
}
