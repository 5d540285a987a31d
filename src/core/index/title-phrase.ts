/** Whether a query names a note: the note's whole title, two words or more, appears in the query as a phrase. */
import { termsOf } from "./text-analysis";

/**
 * A query that holds a note's full title word for word ("who owns the data pipeline migration") names that
 * note; a query that holds the same words scattered, or only a one-word title, may not. One-word titles
 * are left to the title field's weight: as a "phrase" they would be just another term match.
 */
export function namesTitle(queryTerms: readonly string[], title: string): boolean {
	const titleTerms = termsOf(title);
	if (titleTerms.length < 2 || titleTerms.length > queryTerms.length) return false;
	for (let start = 0; start + titleTerms.length <= queryTerms.length; start++) {
		if (titleTerms.every((term, i) => queryTerms[start + i] === term)) return true;
	}
	return false;
}
