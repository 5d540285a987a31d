import { afterEach, describe, expect, it } from "vitest";
import type { TempVault } from "../../helpers/temp-vault";
import { cacheText, largerVault } from "../../helpers/bulk-vault";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";
import { VaultIndex } from "../../../src/core/index/vault-index";
import { DEFAULT_INDEX_SETTINGS } from "../../../src/core/index/index-settings";

let vault: TempVault;
afterEach(async () => {
	await vault.cleanup();
});

function indexOver(store: InMemoryKeyValueStore): VaultIndex {
	return new VaultIndex({ vault: new NodeVaultReader(vault.root), store, settings: DEFAULT_INDEX_SETTINGS });
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
