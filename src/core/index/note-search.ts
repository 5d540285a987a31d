/** Turns MiniSearch's per-section results into one hit per note, ranked by the note's best sections. */
import type { SearchResult } from "minisearch";

/** One note found by a search, at its best-matching section. */
export interface SearchHit {
	/** Vault-relative path of the note. */
	path: string;
	title: string;
	/** The heading of the best-matching section; null when it is the text before the first heading. */
	heading: string | null;
	/** 0-based file line where that section starts. */
	line: number;
	score: number;
	/** A short excerpt around the match; empty until filled from the note's text. */
	snippet: string;
	/** Which of the note's indexed parts matched best (to find its text again). */
	ordinal: number;
	/** The index terms that matched, to place the snippet. */
	terms: string[];
}

// A note whose second and third sections also match is a little more likely the right one, but a long
// note must not beat a focused one just by having many sections that mention the words in passing.
const OTHER_SECTION_WEIGHT = 0;

export function groupHitsByNote(results: readonly SearchResult[], limit: number, titleOf: (path: string) => string): SearchHit[] {
	const byNote = new Map<string, { best: SearchResult; score: number }>();
	for (const result of results) {
		const path = result.path as string;
		const seen = byNote.get(path);
		// MiniSearch returns results best first, so the first one of a note is its best section.
		if (seen) seen.score += result.score * OTHER_SECTION_WEIGHT;
		else byNote.set(path, { best: result, score: result.score });
	}
	return [...byNote.entries()]
		.sort((a, b) => b[1].score - a[1].score)
		.slice(0, limit)
		.map(([path, { best, score }]) => ({
			path,
			title: titleOf(path),
			heading: (best.heading as string | null) ?? null,
			line: best.line as number,
			score: Math.round(score * 1000) / 1000,
			snippet: "",
			ordinal: best.ordinal as number,
			terms: best.terms,
		}));
}
