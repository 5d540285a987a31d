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

/** The cache's parts and head with the save's generation name taken out (it changes at every save). */
async function cacheText(store: InMemoryKeyValueStore): Promise<Record<string, string>> {
	const head = await store.read("index-cache.json");
	const generation = (JSON.parse(head ?? "{}") as { generation: string }).generation;
	const files: Record<string, string> = {};
	for (const key of await store.list()) files[key.replace(generation, "GEN")] = ((await store.read(key)) ?? "").replaceAll(generation, "GEN");
	return files;
}

describe("a build from nothing that only saves (coworker index)", () => {
	it("writes, without making the search index, the same cache as a build that made it", async () => {
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
		expect(await cacheText(saved)).toEqual(await cacheText(searched));
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
