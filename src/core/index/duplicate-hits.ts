/** Copies of one text in several notes take one place among the best hits, not several. */

/**
 * Moves every later copy of a hit after the distinct hits among the first `window`, keeping each group's order.
 * Vaults hold the same text twice: an export beside its source, a compiled chapter repeating entries that also
 * have notes of their own (the D&D SRD wiki's "(Alt)" letter notes). Two copies of a wrong answer then push the
 * right one down two places instead of one; a copy is still listed, only later. `keyOf` returns null for a hit
 * that is nobody's copy. Measured in bench/retrieval (see its README).
 */
export function copiesLast<T>(ranked: readonly T[], keyOf: (hit: T) => string | null, window: number): T[] {
	const seen = new Set<string>();
	const distinct: T[] = [];
	const copies: T[] = [];
	for (const hit of ranked.slice(0, window)) {
		const key = keyOf(hit);
		if (key !== null && seen.has(key)) copies.push(hit);
		else {
			if (key !== null) seen.add(key);
			distinct.push(hit);
		}
	}
	return [...distinct, ...copies, ...ranked.slice(window)];
}
