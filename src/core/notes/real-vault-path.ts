/** Where a file really lies: the pure half of following symbolic links, shared by the app and the command line. */

/**
 * The vault path of a location whose links are all resolved (Node's `realpath`), judged against the vault folder
 * resolved the same way: `""` for the vault folder itself, null when it lies outside the vault — a link, or a
 * linked folder on the way, that leaves it — or in a hidden folder (the config folder, `.git`), which Obsidian
 * leaves out of the vault. `separator` is the platform's (`\` on Windows, `/` elsewhere).
 *
 * The comparison is exact: a spelling of the vault folder that differs only in case counts as outside, so a
 * doubt refuses the file rather than reading it.
 */
export function vaultPathOfRealPath(realRoot: string, realPath: string, separator: "/" | "\\"): string | null {
	if (realPath === realRoot) return "";
	const prefix = realRoot.endsWith(separator) ? realRoot : realRoot + separator;
	if (!realPath.startsWith(prefix)) return null;
	const parts = realPath.slice(prefix.length).split(separator);
	// Hidden ones included, so an empty, "." or ".." segment (which a resolved path never has) is refused too.
	if (parts.some((part) => part === "" || part.startsWith("."))) return null;
	return parts.join("/");
}
