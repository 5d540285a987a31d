/** A path the user typed must name a file of the vault exactly, letter case included, even where the disk ignores case. */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { vaultPathOf } from "../core/notes/note-path";
import { closestName } from "./did-you-mean";
import { UsageError } from "./usage-error";

/**
 * The vault path `raw` names (with `.md` added when `allowBareName` and only that exists), or a
 * {@link UsageError} saying it does not exist and naming the closest existing file. Each folder's real
 * listing is compared, since on macOS and Windows `stat` would find `reports/a.md` for `Reports/A.md`
 * while Obsidian and the links in notes would not.
 */
export async function requireVaultFile(root: string, raw: string, listFiles: () => Promise<string[]>, options: { what: string; allowBareName: boolean }): Promise<string> {
	const path = vaultPathOf(raw);
	if (path === null || path === "") throw new UsageError(`${raw} is not a path inside the vault.`);
	const candidates = options.allowBareName && !/\.md$/i.test(path) ? [path, `${path}.md`] : [path];
	for (const candidate of candidates) if (await existsExactly(root, candidate)) return candidate;
	const files = await listFiles();
	const wanted = candidates[candidates.length - 1] ?? path;
	const sameButCase = files.find((file) => file.toLowerCase() === wanted.toLowerCase() || file.toLowerCase() === path.toLowerCase());
	// Compared without ".md", so "Workflows/weekly" finds "Workflows/Weekly status.md" by its start.
	const stem = (file: string): string => file.replace(/\.md$/i, "");
	const closestStem = closestName(stem(wanted), files.map(stem));
	const closest = sameButCase ?? files.find((file) => closestStem !== null && stem(file) === closestStem);
	throw new UsageError(`The ${options.what} ${raw} does not exist in the vault${closest ? `; the closest is ${closest}` : ""}.`);
}

async function existsExactly(root: string, path: string): Promise<boolean> {
	let folder = root;
	for (const part of path.split("/")) {
		const names = await readdir(folder).catch(() => null);
		if (names === null || !names.includes(part)) return false;
		folder = join(folder, part);
	}
	return true;
}
