/** Every file of a vault folder with its bytes, to show a failed run left the vault exactly as it was. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** Path → content (base64), the plugin's run records left out: a failed run may add its record and nothing else. */
export async function snapshotVault(root: string, skip: (path: string) => boolean = (path) => path.startsWith(".obsidian/plugins/ai-coworker/")): Promise<Record<string, string>> {
	const files: Record<string, string> = {};
	const walk = async (folder: string): Promise<void> => {
		for (const entry of await readdir(join(root, folder), { withFileTypes: true })) {
			const path = folder === "" ? entry.name : `${folder}/${entry.name}`;
			if (skip(path)) continue;
			if (entry.isDirectory()) await walk(path);
			else files[path] = (await readFile(join(root, path))).toString("base64");
		}
	};
	await walk("");
	return files;
}
