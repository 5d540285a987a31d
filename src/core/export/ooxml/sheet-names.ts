/** Worksheet names as Excel accepts them, each distinct (Excel compares names without regard to case). */

const MAX_LENGTH = 31;
const FORBIDDEN = ":\\/?*[]";
/** Excel keeps this name for itself (the change-history sheet). */
const RESERVED = "history";

/**
 * The names for the sheets, in order: forbidden characters become spaces, at most 31 characters, no apostrophe
 * at either end, never empty (`fallback`), and a name already taken gets " (2)", " (3)", … as Excel's own copies do.
 */
export function sheetNames(wanted: readonly string[], fallback = "Sheet"): string[] {
	const taken = new Set<string>();
	return wanted.map((name) => {
		const base = validName(name) || fallback;
		let unique = base;
		for (let n = 2; taken.has(unique.toLowerCase()) || unique.toLowerCase() === RESERVED; n++) {
			const suffix = ` (${n})`;
			unique = `${cut(base, MAX_LENGTH - suffix.length).trimEnd()}${suffix}`;
		}
		taken.add(unique.toLowerCase());
		return unique;
	});
}

function validName(name: string): string {
	// A forbidden character or control becomes a space, merged with the spaces around it ("Q3: revenue" → "Q3 revenue").
	const allowed = Array.from(name, (ch) => (ch.charCodeAt(0) < 0x20 || FORBIDDEN.includes(ch) ? "\0" : ch)).join("");
	return cut(allowed.replace(/\s*\0[\s\0]*/g, " ").trim().replace(/^'+|'+$/g, "").trim(), MAX_LENGTH).replace(/'+$/, "").trim();
}

/** At most `length` UTF-16 units (Excel counts those), never half of a surrogate pair. */
function cut(text: string, length: number): string {
	const cutText = text.slice(0, length);
	return /[\uD800-\uDBFF]$/.test(cutText) ? cutText.slice(0, -1) : cutText;
}
