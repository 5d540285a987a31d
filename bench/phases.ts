/** The measured phases: the floor (read + parse), the naive baseline, and our index cold, warm, updated, queried. */
import { readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type MiniSearch from "minisearch";
import { NodeVaultReader } from "../src/cli/node-vault-reader";
import { NodeFileStore } from "../src/cli/node-file-store";
import { readAhead } from "../src/core/index/read-ahead";
import { DEFAULT_INDEX_SETTINGS } from "../src/core/index/index-settings";
import { INDEX_CACHE_KEY, VaultIndex, type IndexSummary } from "../src/core/index/vault-index";
import type { VaultFileStat } from "../src/core/ports/vault-reader";
import { parseNoteContent } from "../src/core/notes/parse-note";
import { createNaiveIndex, type NaiveDocument } from "./naive-index";
import { now } from "./measure";
import { benchIndexWorkers } from "./index-workers";

/**
 * The floor: list, read (with the index's own read-ahead, so the I/O pattern is the same) and parse every
 * note as the index does (without finding its links, which the index never reads), indexing nothing. Returns
 * how many sections it saw, so the work cannot be optimised away.
 */
export async function floorPass(dir: string): Promise<{ notes: number; sections: number }> {
	const vault = new NodeVaultReader(dir);
	const files = await vault.listMarkdownFiles();
	let sections = 0;
	for await (const { file, text } of readAhead(files, (path) => vault.read(path))) {
		sections += parseNoteContent(file.path, await text).sections.length;
	}
	return { notes: files.length, sections };
}

/** The naive baseline: every note read whole (same listing and read-ahead), then MiniSearch's defaults over it. */
export async function naivePass(dir: string): Promise<MiniSearch<NaiveDocument>> {
	const vault = new NodeVaultReader(dir);
	const files = await vault.listMarkdownFiles();
	const documents: NaiveDocument[] = [];
	for await (const { file, text } of readAhead(files, (path) => vault.read(path))) documents.push({ id: file.path, text: await text });
	const index = createNaiveIndex();
	index.addAll(documents);
	return index;
}

/** The index as the app makes it: a large build's words are cut into terms on a worker thread (index-workers.ts). */
export async function openIndex(dir: string, cacheDir: string): Promise<VaultIndex> {
	return new VaultIndex({ vault: new NodeVaultReader(dir), store: new NodeFileStore(cacheDir), settings: DEFAULT_INDEX_SETTINGS, spawnWorker: await benchIndexWorkers() });
}

/** Empties the cache folder, so the next refresh is a cold build. */
export async function clearCache(cacheDir: string): Promise<void> {
	await rm(cacheDir, { recursive: true, force: true });
}

/** A refresh over an empty cache: every note read, parsed and indexed. */
export async function coldBuild(dir: string, cacheDir: string): Promise<{ index: VaultIndex; summary: IndexSummary }> {
	const index = await openIndex(dir, cacheDir);
	const summary = await index.refresh();
	if (summary.unchanged !== 0) {
		throw new Error(`the cold build of ${dir} did not start from an empty cache (cache: ${summary.cache}, reindexed ${summary.reindexed})`);
	}
	return { index, summary };
}

/** A refresh of a new index over the persisted cache with nothing changed: it must read no note. */
export async function warmStart(dir: string, cacheDir: string): Promise<{ index: VaultIndex; summary: IndexSummary }> {
	const index = await openIndex(dir, cacheDir);
	const summary = await index.refresh();
	if (summary.reindexed !== 0) {
		throw new Error(`the warm start of ${dir} was not warm: cache "${summary.cache}", ${summary.reindexed} notes re-read (expected 0)`);
	}
	return { index, summary };
}

/** The persisted cache: its head file and all its parts (index-cache.json, index-cache-0.json, …). */
export async function cacheBytes(cacheDir: string): Promise<number> {
	const prefix = INDEX_CACHE_KEY.replace(/\.json$/, "");
	const files = (await readdir(cacheDir)).filter((name) => name.startsWith(prefix) && name.endsWith(".json"));
	const sizes = await Promise.all(files.map(async (name) => (await stat(join(cacheDir, name))).size));
	return sizes.reduce((a, b) => a + b, 0);
}

/**
 * Appends a sentence to each of `paths` on disk and times `updateFile` for it (which reads, parses and
 * re-indexes the note), then puts every file back as it was, content and modification time.
 */
export async function incrementalUpdates(index: VaultIndex, dir: string, paths: readonly string[]): Promise<number[]> {
	const originals: { full: string; text: string; atime: number; mtime: number }[] = [];
	const timings: number[] = [];
	try {
		for (const [i, path] of paths.entries()) {
			const full = join(dir, path);
			const before = await stat(full);
			const text = await readFile(full, "utf8");
			// Seconds with the fraction: a Date would drop the sub-millisecond part and move the fingerprint.
			originals.push({ full, text, atime: before.atimeMs / 1000, mtime: before.mtimeMs / 1000 });
			await writeFile(full, `${text}\n\nAdded while benchmarking (${i}): the quarterly budget review moved to Thursday afternoon.\n`, "utf8");
			const after = await stat(full);
			const fileStat: VaultFileStat = { path, mtime: Math.round(after.mtimeMs), size: after.size };
			const start = now();
			await index.updateFile(fileStat);
			timings.push(now() - start);
		}
	} finally {
		for (const { full, text, atime, mtime } of originals) {
			await writeFile(full, text, "utf8");
			await utimes(full, atime, mtime);
		}
	}
	return timings;
}

/** Times `searchNotes(q, 10)` for each query, in milliseconds. */
export function searchLatencies(index: VaultIndex, queries: readonly string[]): { timings: number[]; hits: number } {
	const timings: number[] = [];
	let hits = 0;
	for (const query of queries) {
		const start = now();
		hits += index.searchNotes(query, 10).length;
		timings.push(now() - start);
	}
	return { timings, hits };
}

/** Times `searchWithSnippets(q, 10)` (the search plus reading and cutting a snippet from each hit's note). */
export async function snippetLatencies(index: VaultIndex, queries: readonly string[]): Promise<number[]> {
	const timings: number[] = [];
	for (const query of queries) {
		const start = now();
		await index.searchWithSnippets(query, 10);
		timings.push(now() - start);
	}
	return timings;
}
