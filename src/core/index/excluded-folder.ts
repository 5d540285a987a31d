/** Reads an excluded folder however it was written (`Secret`, `./Secret/`, `/Secret`, `Secret\`, `Secret/*`), or refuses it with a sentence. */
import { vaultPathOf } from "../notes/note-path";

export type ExcludedFolderRead = { ok: true; folder: string } | { ok: false; error: string };

/**
 * The vault folder an exclusion means. A trailing `/*` or `/**` means the folder itself; other wildcards,
 * `..`, a drive letter and the vault root are refused, since none can be read as one folder of the vault.
 */
export function readExcludedFolder(raw: string): ExcludedFolderRead {
	const written = raw.trim();
	const withoutStar = written.replace(/[\\/]+\*{1,2}$/, "");
	if (/[*?[\]]/.test(withoutStar)) return { ok: false, error: `the excluded folder "${written}" holds a wildcard; write the folder itself, such as "Secret"` };
	const folder = vaultPathOf(withoutStar);
	if (folder === null) return { ok: false, error: `the excluded folder "${written}" is outside the vault` };
	if (folder === "") return { ok: false, error: `the excluded folder "${written}" names no folder (the whole vault cannot be excluded)` };
	return { ok: true, folder };
}

const NO_FOLDERS: readonly string[] = Object.freeze([]);

/** The last exclusions read and what they mean: every note of a vault is checked against the same few lines. */
let lastRead: { key: string; folders: readonly string[] } | null = null;

/**
 * The folders the exclusions mean; a blank line means nothing, and a refused spelling counts as nothing here (the
 * settings refuse it loudly). Keyed by the text itself, not the array, so an array changed in place is read anew.
 */
export function excludedFolderPaths(raw: readonly string[]): readonly string[] {
	// The usual case, asked once per note of the vault: no exclusions, nothing to serialise and compare.
	if (raw.length === 0) return NO_FOLDERS;
	const key = JSON.stringify(raw);
	if (lastRead?.key === key) return lastRead.folders;
	const folders: string[] = [];
	for (const entry of raw) {
		if (entry.trim() === "") continue;
		const read = readExcludedFolder(entry);
		if (read.ok) folders.push(read.folder);
	}
	lastRead = { key, folders };
	return folders;
}
