/** Helpers for vault-relative note paths (always `/`-separated, as Obsidian names files). */

/** `Meetings/2026-11-16 Weekly sync.md` → `2026-11-16 Weekly sync`. */
export function basenameOf(path: string): string {
	const name = path.slice(path.lastIndexOf("/") + 1);
	const dot = name.lastIndexOf(".");
	return dot > 0 ? name.slice(0, dot) : name;
}

/** True when `path` lies inside `folder` (or is the folder); folder given with or without trailing slash. */
export function isInFolder(path: string, folder: string): boolean {
	const trimmed = folder.replace(/^\/+|\/+$/g, "");
	if (trimmed === "") return true;
	return path === trimmed || path.startsWith(trimmed + "/");
}
