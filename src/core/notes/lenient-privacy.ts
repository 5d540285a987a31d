/** Finds `coworker: private` in frontmatter lines that YAML could not parse, so a typo elsewhere never unmarks a private note. */

/** The words a `coworker:` value may be and still say plainly that the note is not private. */
const PLAIN_ROLES = /^(deliverable|workflow|memory|task|draft|none|)$/;

/**
 * True when any `coworker:` line (quoted key or not, any indentation, any duplicate) says `private`, or says
 * something that cannot be read as a plain role: privacy that cannot be established counts as private.
 */
export function leniencyFindsPrivate(lines: readonly string[]): boolean {
	for (const line of lines) {
		const match = /^\s*["']?coworker["']?\s*:(.*)$/i.exec(line);
		if (!match) continue;
		const value = (match[1] ?? "")
			.replace(/\s+#.*$/, "")
			.trim()
			.replace(/^["']|["']$/g, "")
			.trim()
			.toLowerCase();
		if (value === "private" || !PLAIN_ROLES.test(value)) return true;
	}
	return false;
}
