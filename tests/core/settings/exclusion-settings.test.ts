/** Exclusions that cannot be known never mean "no exclusions"; every spelling of a folder means that folder or is refused. */
import { describe, expect, it } from "vitest";
import { settingsFromData } from "../../../src/core/settings/plugin-settings";
import { isExcludedByFolder, DEFAULT_INDEX_SETTINGS } from "../../../src/core/index/index-settings";
import { readExcludedFolder } from "../../../src/core/index/excluded-folder";
import { applyLastGoodExclusions, LAST_GOOD_EXCLUSIONS_KEY } from "../../../src/core/settings/last-good-exclusions";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";

describe("folder spellings", () => {
	for (const spelling of ["Secret", "Secret/", "./Secret", "/Secret", "Secret\\", "Secret/*", "Secret/**", "  Secret  ", " ./Secret/ "]) {
		it(`"${spelling}" excludes the folder Secret and nothing beside it`, () => {
			const settings = { ...DEFAULT_INDEX_SETTINGS, excludedFolders: [spelling] };
			expect(isExcludedByFolder("Secret/Pay.md", settings)).toBe(true);
			expect(isExcludedByFolder("Secret/Deep/Pay.md", settings)).toBe(true);
			expect(isExcludedByFolder("Secrets/Pay.md", settings)).toBe(false);
			expect(settingsFromData({ excludedFolders: [spelling] }, "data.json").exclusionProblem).toBeNull();
		});
	}
	for (const spelling of ["Sec*", "/", "../Secret", "C:\\Secret", "Secret/?"]) {
		it(`"${spelling}" is refused with a sentence naming the field`, () => {
			expect(readExcludedFolder(spelling).ok).toBe(false);
			expect(settingsFromData({ excludedFolders: [spelling] }, "data.json").exclusionProblem).toMatch(/^data\.json: "excludedFolders": the excluded folder ".+" /);
		});
	}
});

describe("exclusions of the wrong type", () => {
	const wrong: Record<string, unknown> = {
		"a string": { excludedFolders: "Secret" },
		"null": { excludedFolders: null },
		"a number in the list": { excludedFolders: ["Secret", 5] },
		"null in the list": { excludedTags: ["hr", null] },
		"a file that is []": [],
		"a file that is 5": 5,
	};
	for (const [shape, data] of Object.entries(wrong)) {
		it(`${shape} is an exclusion problem, never "no exclusions"`, () => {
			const read = settingsFromData(data, "data.json");
			expect(read.exclusionProblem).toMatch(/^data\.json.*(excludedFolders|excludedTags|object of settings)/);
			expect(read.problems).toContain(read.exclusionProblem);
		});
	}
});

describe("the app's last good exclusions", () => {
	it("remembers good exclusions and keeps them when data.json's turn bad, saying so", async () => {
		const store = new InMemoryKeyValueStore();
		const good = await applyLastGoodExclusions(settingsFromData({ excludedFolders: ["Secret"], excludedTags: ["hr"] }, "s"), null, store);
		expect(good.notices).toEqual([]);
		expect(await store.read(LAST_GOOD_EXCLUSIONS_KEY)).not.toBeNull();
		const data = { excludedFolders: "Secret" };
		const bad = await applyLastGoodExclusions(settingsFromData(data, "s"), data, store);
		expect(bad.settings.excludedFolders).toEqual(["Secret"]);
		expect(bad.settings.excludedTags).toEqual(["hr"]);
		expect(bad.notices[0]).toMatch(/"excludedFolders" must be a list of text.*The last good exclusions are kept \(folder Secret, tag hr\)\./);
	});

	it("with nothing remembered, keeps every folder written as text", async () => {
		const data = { excludedFolders: ["Secret", null] };
		const bad = await applyLastGoodExclusions(settingsFromData(data, "s"), data, new InMemoryKeyValueStore());
		expect(bad.settings.excludedFolders).toEqual(["Secret"]);
		expect(bad.notices[0]).toMatch(/No earlier exclusions are known/);
	});
});
