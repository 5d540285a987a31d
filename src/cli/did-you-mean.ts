/** "Did you mean …": the known name closest to a mistyped one, by edit distance. */

/** Levenshtein distance (insert, delete, substitute), case-insensitive. */
export function editDistance(a: string, b: string): number {
	const left = a.toLowerCase();
	const right = b.toLowerCase();
	let previous = Array.from({ length: right.length + 1 }, (_, i) => i);
	for (let i = 1; i <= left.length; i++) {
		const current = [i];
		for (let j = 1; j <= right.length; j++) {
			const substitution = (previous[j - 1] ?? 0) + (left[i - 1] === right[j - 1] ? 0 : 1);
			current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
		}
		previous = current;
	}
	return previous[right.length] ?? 0;
}

/**
 * The closest known name, or null when none is close enough to be a plausible typo. A name that starts with
 * what was typed wins (`--dry` meant `--dry-run`, not `--due`); else the nearest within a third of the
 * word's length (at least 2).
 */
export function closestName(typed: string, known: readonly string[]): string | null {
	const start = typed.toLowerCase();
	const prefixed = typed.length >= 3 ? known.filter((name) => name.toLowerCase().startsWith(start)).sort((a, b) => a.length - b.length)[0] : undefined;
	if (prefixed !== undefined) return prefixed;
	let best: string | null = null;
	let bestDistance = Infinity;
	for (const name of known) {
		const distance = editDistance(typed, name);
		if (distance < bestDistance) {
			best = name;
			bestDistance = distance;
		}
	}
	return best !== null && bestDistance <= Math.max(2, Math.floor(typed.length / 3)) ? best : null;
}
