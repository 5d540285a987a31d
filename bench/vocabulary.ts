/** Real English vocabulary for the synthetic vault: word frequencies counted from public Obsidian vaults. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { unpackOnce } from "./corpora";
import { SHARED_CORPORA } from "./paths";

/** Words best first with how often each occurs in the source text (per million words): sampling by it gives Zipf's law for free. */
export interface Vocabulary {
	words: string[];
	counts: number[];
	/** Where the words came from, for the generator's marker file. */
	source: string;
}

/**
 * The archives counted: the Obsidian help vault (documentation prose), the Obsidian Hub (community prose) and
 * the D&D SRD (long-form rules prose, a hobby's vocabulary), so the vocabulary is wider than one topic.
 */
const SOURCES = ["obsidian-help-en", "obsidian-hub", "dnd-srd-wiki"];
/**
 * The Hub's plugin, theme and author pages are thousands of copies of one template ("stars", "download",
 * "github"): counted, they would make boilerplate the commonest English. Its guides and roundups are prose.
 */
const TEMPLATED = /\/(02 - Community Expansions|People|\.github)\//;
const MAX_WORDS = 30_000;
const MIN_COUNT = 2;

export async function loadVocabulary(): Promise<Vocabulary> {
	// Each source gets the same weight, so the largest one does not set the topic of every note.
	const weights = new Map<string, number>();
	for (const name of SOURCES) {
		const dir = await unpackOnce(join(SHARED_CORPORA, `${name}.tar.gz`), name);
		const counts = new Map<string, number>();
		for (const file of await markdownFilesUnder(dir)) countWords(await readFile(file, "utf8"), counts);
		let total = 0;
		for (const count of counts.values()) total += count;
		for (const [word, count] of counts) {
			if (count >= MIN_COUNT) weights.set(word, (weights.get(word) ?? 0) + (count / total) * 1_000_000);
		}
	}
	const ranked = [...weights.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_WORDS);
	return { words: ranked.map(([word]) => word), counts: ranked.map(([, weight]) => weight), source: SOURCES.join("+") };
}

/** Adds the prose words of a markdown text to `counts`: code, comments, URLs and frontmatter are not prose. */
export function countWords(text: string, counts: Map<string, number>): void {
	const prose = text
		.replace(/^---\n[\s\S]*?\n---\n/, "")
		.replace(/```[\s\S]*?```/g, " ")
		.replace(/`[^`\n]*`/g, " ")
		.replace(/<!--[\s\S]*?-->/g, " ")
		.replace(/%%[\s\S]*?%%/g, " ")
		.replace(/\b(?:https?|obsidian):\/\/\S+/g, " ")
		.replace(/\[\[[^\]]*\]\]/g, " ");
	for (const match of prose.toLowerCase().matchAll(/[a-z]+(?:'[a-z]+)?/g)) {
		const word = match[0];
		if (word.length > 18) continue;
		counts.set(word, (counts.get(word) ?? 0) + 1);
	}
}

async function markdownFilesUnder(dir: string): Promise<string[]> {
	const files: string[] = [];
	for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
		const path = join(entry.parentPath, entry.name);
		if (entry.isFile() && entry.name.endsWith(".md") && !TEMPLATED.test(path)) files.push(path);
	}
	return files.sort();
}
