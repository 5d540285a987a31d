/**
 * Sets of query terms shared by the sections and notes one search scores. A term in a third of a vault's
 * sections finds thousands of them, nearly all matching the same one or two terms; two new Sets for each section
 * (and one more for each note) were most of such a search's 30–43 ms on 10,000 notes, much of it the collector's.
 * A set from here is never changed: adding a term gives the set that also holds it, made once.
 *
 * Each set is reached by the terms added in their order, so it iterates in the order a Set of its own would
 * have: what is built from it (a hit's matched terms, a coverage summed term by term) comes out the same.
 */
export class TermSets {
	readonly empty: ReadonlySet<string> = new Set<string>();
	private readonly larger = new Map<ReadonlySet<string>, Map<string, ReadonlySet<string>>>();
	/** The last step taken: the sections of one posting list take the same step one after another. */
	private lastFrom: ReadonlySet<string> | null = null;
	private lastTerm = "";
	private lastTo: ReadonlySet<string> = this.empty;

	/** `set` with `term` added (the same set when it holds it already). */
	with(set: ReadonlySet<string>, term: string): ReadonlySet<string> {
		if (set === this.lastFrom && term === this.lastTerm) return this.lastTo;
		let to: ReadonlySet<string>;
		if (set.has(term)) to = set;
		else {
			let byTerm = this.larger.get(set);
			if (!byTerm) this.larger.set(set, (byTerm = new Map<string, ReadonlySet<string>>()));
			const known = byTerm.get(term);
			if (known) to = known;
			else {
				to = new Set(set).add(term);
				byTerm.set(term, to);
			}
		}
		this.lastFrom = set;
		this.lastTerm = term;
		this.lastTo = to;
		return to;
	}

	/** `set` with every term of `terms` added, in their order. */
	withAll(set: ReadonlySet<string>, terms: Iterable<string>): ReadonlySet<string> {
		let result = set;
		for (const term of terms) result = this.with(result, term);
		return result;
	}
}
