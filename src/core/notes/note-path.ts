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

/**
 * A path as the user typed it (`./Projects\Alpha.md`, `/Meetings/`) in the vault's own form, or null
 * when it would leave the vault (`..`, a drive letter) — no source is read and no file written outside it.
 */
export function vaultPathOf(input: string): string | null {
	const slashed = input.trim().replace(/\\/g, "/");
	if (/^[a-zA-Z]:/.test(slashed)) return null;
	const parts: string[] = [];
	for (const part of slashed.split("/")) {
		if (part === "" || part === ".") continue;
		if (part === "..") return null;
		parts.push(part);
	}
	return parts.join("/");
}
