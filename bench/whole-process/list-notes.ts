/** The markdown files of a vault folder, as a plain script would find them (hidden folders left out, as Obsidian does). */
import { readdirSync } from "node:fs";
import { join } from "node:path";

export function listNotes(root: string): string[] {
	const paths: string[] = [];
	const walk = (folder: string): void => {
		for (const entry of readdirSync(folder, { withFileTypes: true })) {
			if (entry.name.startsWith(".")) continue;
			const path = join(folder, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.isFile() && entry.name.toLowerCase().endsWith(".md")) paths.push(path);
		}
	};
	walk(root);
	return paths;
}
