/** Whether a query names a note: every word of the note's title, two words or more, is in the query. */
import { termsOf } from "./text-analysis";

/**
 * A query that holds all the words of a note's title ("who owns the data pipeline migration", "imported
 * everything from apple notes") most likely names that note, in whatever order or with other words between
 * them. One-word titles are left to the title field's weight: there, "naming" is just another term match.
 */
export function namesTitle(queryTerms: ReadonlySet<string>, title: string): boolean {
	const titleTerms = termsOf(title);
	return titleTerms.length >= 2 && titleTerms.every((term) => queryTerms.has(term));
}
