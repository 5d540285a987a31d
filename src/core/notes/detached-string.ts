/**
 * Strings cut from a note that outlive the note's text (headings, titles, tags, index terms) are copied first.
 * V8 makes a cut of 13 or more characters (`slice`, `trim`, a regular expression's match) a view that keeps the
 * whole string it was cut from alive: one heading stored by the index held its note's whole text, and after a
 * cold build of 10,000 notes half the heap (about 50 MB) was file text nothing would read again.
 */

/** Shorter cuts are copied by V8 itself. */
const SHORTEST_VIEW = 13;

/**
 * `text`, as a string that keeps nothing else alive. Joining makes a pair that slicing must first flatten into a new
 * string of its own, and the slice is then a view of that copy (one character longer) instead of the source.
 */
export function detached(text: string): string {
	return text.length < SHORTEST_VIEW ? text : (" " + text).slice(1);
}
