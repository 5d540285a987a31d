import { afterEach, describe, expect, it } from "vitest";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { copyExampleVault, type TempVault } from "../../helpers/temp-vault";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";
import { VaultIndex } from "../../../src/core/index/vault-index";
import { DEFAULT_INDEX_SETTINGS } from "../../../src/core/index/index-settings";

let vault: TempVault;
afterEach(async () => {
	await vault.cleanup();
});

const WORDS = ["renewal", "pricing", "rollback", "plan", "freeze", "thursday", "vendor", "audit", "café", "naïve", "don't", "q3", "2026", "migration", "latency"];

/** The example vault plus enough notes of its own that a build from nothing collects them in bulk (as on a real vault). */
async function largerVault(): Promise<TempVault> {
	const copy = await copyExampleVault();
	await mkdir(join(copy.root, "Extra"), { recursive: true });
	for (let i = 0; i < 80; i++) {
		const words = Array.from({ length: 40 }, (_, k) => WORDS[(i * 7 + k * k) % WORDS.length]);
		const frontmatter = i % 3 === 0 ? `---\ntags: [extra, n${i % 5}]\naliases: [Extra ${i}]\n---\n` : "";
		await writeFile(join(copy.root, "Extra", `Note ${i}.md`), `${frontmatter}# Extra ${i}\n\n${words.slice(0, 20).join(" ")}\n\n## Part ${i % 4}\n\n${words.slice(20).join(" ")}\n`);
	}
	return copy;
}

function indexOver(store: InMemoryKeyValueStore): VaultIndex {
	return new VaultIndex({ vault: new NodeVaultReader(vault.root), store, settings: DEFAULT_INDEX_SETTINGS });
}

interface CachePartJson {
	kind: string;
	terms?: string;
	entries?: [string, unknown][];
	[column: string]: unknown;
}

/**
 * What a cache holds, in a form that does not depend on the order its terms were written in: the head (without
 * the save's generation name), the note and section parts as written, each bucket's entries and the term list
 * sorted.
 */
async function cacheContents(store: InMemoryKeyValueStore): Promise<{ head: Record<string, unknown>; parts: unknown[] }> {
	const head = JSON.parse((await store.read("index-cache.json")) ?? "{}") as Record<string, unknown> & { generation: string; parts: number };
	const parts: unknown[] = [];
	const termList: string[] = [];
	for (let n = 0; n < head.parts; n++) {
		const part = JSON.parse((await store.read(`index-cache-${head.generation}-${n}.json`)) ?? "{}") as CachePartJson;
		delete part.generation;
		if (part.kind === "term-list") termList.push(...(part.terms ?? "").split("\n"));
		else if (part.kind === "terms") parts.push({ kind: "terms", entries: [...(part.entries ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1)) });
		else parts.push(part);
	}
	const { generation: _generation, parts: _parts, termListParts: _termListParts, ...rest } = head;
	return { head: rest, parts: [...parts, { kind: "term-list", terms: termList.sort() }] };
}

describe("a build from nothing that only saves (coworker index)", () => {
	it("writes, without making the search index, what a build that made it writes (its terms sorted)", async () => {
		vault = await largerVault();
		const searched = new InMemoryKeyValueStore();
		const made = indexOver(searched);
		await made.rebuild();
		await made.save();
		const saved = new InMemoryKeyValueStore();
		const unmade = indexOver(saved);
		const summary = await unmade.rebuildNotes();
		expect(summary.reindexed).toBeGreaterThan(50);
		expect(summary.sections).toBe(made.sectionCount);
		expect(() => unmade.searchNotes("renewal")).toThrow("refresh()");
		await unmade.save();
		expect(await cacheContents(saved)).toEqual(await cacheContents(searched));
		// The terms are listed sorted, so loading builds a tree that walks them in that order.
		const written = await cacheContents(saved);
		const listed = (written.parts.at(-1) as { terms: string[] }).terms;
		expect(listed.length).toBeGreaterThan(100);
		const head = JSON.parse((await saved.read("index-cache.json")) ?? "{}") as { generation: string; parts: number; termListParts: number; noteParts: number; documentParts: number };
		const firstList = head.noteParts + head.documentParts;
		const inOrder: string[] = [];
		for (let n = firstList; n < firstList + head.termListParts; n++) inOrder.push(...((JSON.parse((await saved.read(`index-cache-${head.generation}-${n}.json`)) ?? "{}") as { terms: string }).terms.split("\n")));
		expect(inOrder).toEqual(listed);
	});

	it("ranks from its cache as the index that was built and searched at once, typos and unfinished words included", async () => {
		vault = await largerVault();
		const made = indexOver(new InMemoryKeyValueStore());
		await made.refresh();
		// The first `coworker index` of a vault: a build from nothing that only saves.
		const store = new InMemoryKeyValueStore();
		const saving = indexOver(store);
		await saving.refreshNotes();
		await saving.save();
		const warm = indexOver(store);
		expect((await warm.refresh()).reindexed).toBe(0);
		const queryOnly = indexOver(store);
		for (const query of ["acme renewal pricing", "rollback plan", "prcing renewl", "migr", "naive cafe latency", "dont thursday", "q3 2026 audit", "vendor audit"]) {
			expect(warm.searchNotes(query), query).toEqual(made.searchNotes(query));
			await queryOnly.refreshForQuery(query);
			expect(queryOnly.searchNotes(query), query).toEqual(made.searchNotes(query));
		}
	});

	it("makes the search index when it is first needed, ranking as a build that made it at once", async () => {
		vault = await largerVault();
		const made = indexOver(new InMemoryKeyValueStore());
		await made.refresh();
		const unmade = indexOver(new InMemoryKeyValueStore());
		const summary = await unmade.refreshNotes();
		expect(summary.cache).toBe("missing");
		await unmade.refresh();
		for (const query of ["acme renewal pricing", "rollback plan", "code freeze thursday", "naive cafe latency"]) {
			expect(unmade.searchNotes(query)).toEqual(made.searchNotes(query));
		}
	});
});
