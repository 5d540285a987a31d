import { afterEach, describe, expect, it } from "vitest";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { copyExampleVault, type TempVault } from "../../helpers/temp-vault";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";
import { VaultIndex } from "../../../src/core/index/vault-index";
import { DEFAULT_INDEX_SETTINGS } from "../../../src/core/index/index-settings";
import { termsOf } from "../../../src/core/index/text-analysis";
import { piecesOf, termsAQueryCanMatchIn, withinEdits } from "../../../src/core/index/query-terms";
import { typosAllowed } from "../../../src/core/index/field-scoring";

let vault: TempVault;
afterEach(async () => {
	await vault.cleanup();
});

/** A store that remembers which keys were read, to see which cache parts a search loaded. */
class CountingStore extends InMemoryKeyValueStore {
	readonly readKeys: string[] = [];
	override read(key: string): Promise<string | null> {
		this.readKeys.push(key);
		return super.read(key);
	}
}

const isPart = (key: string): boolean => /^index-cache-.+-\d+\.json$/.test(key);

function indexOf(root: string, store: CountingStore): VaultIndex {
	return new VaultIndex({ vault: new NodeVaultReader(root), store, settings: DEFAULT_INDEX_SETTINGS });
}

/** A word with two neighbouring letters swapped past its third letter: one typo (two edits), as users make them. */
function withTypo(word: string): string {
	const i = Math.min(3, word.length - 2);
	return word.slice(0, i) + (word[i + 1] ?? "") + (word[i] ?? "") + word.slice(i + 2);
}

const HAND_WRITTEN = ["code freeze", "who owns the data pipeline migration", "what did we decide about pricing", "the and of", "meet", "quarterly reveiw", "onboarding checklist for new hires"];

/** Queries drawn from the vault itself: every note's title, its last word unfinished, its longest word misspelt, and hand-written questions. */
function queriesFor(index: VaultIndex): string[] {
	const queries = [...HAND_WRITTEN];
	// Every fourth note: enough to cover titles, prefixes and typos of both real and made-up words, in seconds.
	for (const { title } of index.indexedNotes().filter((_, i) => i % 4 === 0)) {
		queries.push(title);
		const words = title.split(/\s+/);
		const last = words[words.length - 1] ?? "";
		if (last.length > 5) queries.push([...words.slice(0, -1), last.slice(0, 5)].join(" "));
		const longest = [...words].sort((a, b) => b.length - a.length)[0] ?? "";
		if (longest.length >= 7) queries.push(words.map((word) => (word === longest ? withTypo(word) : word)).join(" "));
	}
	return queries;
}

const SYLLABLES = ["ka", "lo", "mir", "sen", "tu", "vex", "dra", "pol", "qui", "ren", "sho", "bel", "nar", "ost", "fen", "gri"];

/**
 * Field notes in made-up words added to the example vault: thousands of distinct terms, so the cache spreads
 * its terms over many parts, and near-spellings of one another, so typos and prefixes match several terms.
 */
async function addFieldNotes(root: string): Promise<void> {
	let seed = 7;
	const next = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 16) % n);
	const word = (): string => Array.from({ length: 2 + next(3) }, () => SYLLABLES[next(SYLLABLES.length)]).join("");
	await mkdir(join(root, "Field notes"), { recursive: true });
	for (let i = 0; i < 120; i++) {
		const title = `${word()} ${word()}`;
		const body = Array.from({ length: 3 }, () => `## ${word()}\n\n${Array.from({ length: 40 }, word).join(" ")}.`).join("\n\n");
		await writeFile(join(root, "Field notes", `${title}.md`), `# ${title}\n\n${body}\n`);
	}
}

describe("a search that loads only what its query can match", () => {
	it("ranks every query exactly as the fully loaded index does, and reads fewer parts of the cache", async () => {
		vault = await copyExampleVault();
		await addFieldNotes(vault.root);
		const store = new CountingStore();
		const full = indexOf(vault.root, store);
		await full.refresh();
		await full.save();
		const stored = (await store.list()).filter(isPart).length;
		const queries = queriesFor(full);
		expect(queries.length).toBeGreaterThan(40);
		let typoFound = 0;
		for (const query of queries) {
			store.readKeys.length = 0;
			const lazy = indexOf(vault.root, store);
			const summary = await lazy.refreshForQuery(query);
			expect(summary.reindexed).toBe(0);
			const expected = full.searchNotes(query, 10);
			expect(lazy.searchNotes(query, 10), query).toEqual(expected);
			// Made-up words share prefixes and spellings so much that an unfinished or misspelt one may reach every part; real words do not.
			if (HAND_WRITTEN.includes(query)) expect(new Set(store.readKeys.filter(isPart)).size, query).toBeLessThan(stored / 2);
			if (query === "quarterly reveiw" && expected.length > 0) typoFound++;
		}
		// The misspelt query still finds notes, so the comparison covered matching a typo.
		expect(typoFound).toBe(1);
		// The whole index, loaded whole afterwards by the same start, answers any query.
		const lazy = indexOf(vault.root, store);
		await lazy.refreshForQuery("code freeze");
		expect(() => lazy.searchNotes("pricing")).toThrow(/call refresh\(\) before searching/);
		await lazy.refresh();
		expect(lazy.searchNotes("pricing", 10)).toEqual(full.searchNotes("pricing", 10));
	});

	it("loads the whole index when the vault changed since the cache was written", async () => {
		vault = await copyExampleVault();
		const store = new CountingStore();
		const first = indexOf(vault.root, store);
		await first.refresh();
		await first.save();
		await writeFile(`${vault.root}/Numbat.md`, "# Numbat\n\nA small marsupial.\n");
		const next = indexOf(vault.root, store);
		const summary = await next.refreshForQuery("marsupial");
		expect(summary.reindexed).toBe(1);
		expect(next.searchNotes("marsupial", 1)[0]?.path).toBe("Numbat.md");
		// The whole index is loaded: any other query works too.
		expect(next.searchNotes("code freeze", 1)[0]?.path).toBe("Reference/How we release.md");
	});
});

describe("withinEdits", () => {
	it("counts insertions, deletions and substitutions as MiniSearch's fuzzy search does", () => {
		expect(withinEdits("review", "review", 0)).toBe(true);
		expect(withinEdits("review", "reveiw", 1)).toBe(false);
		expect(withinEdits("review", "reveiw", 2)).toBe(true);
		expect(withinEdits("pipeline", "pipelines", 1)).toBe(true);
		expect(withinEdits("pipeline", "pipe", 2)).toBe(false);
		expect(withinEdits("migrat", "mgrat", 1)).toBe(true);
		expect(termsOf("quarterly reveiw").length).toBe(2);
	});

	it("passes over only words that no allowed typo reaches: the same terms as working out every distance", () => {
		expect(piecesOf("extract", 2)).toEqual(["ext", "ract"]);
		expect(piecesOf("pipeline", 3)).toEqual(["pi", "pel", "ine"]);
		// Every one- and two-edit change of two query words (insertions, deletions, substitutions, anywhere), and words far off.
		const alphabet = "aeirx";
		const near = (word: string): string[] => {
			const out: string[] = [];
			for (let i = 0; i <= word.length; i++) {
				for (const letter of alphabet) out.push(word.slice(0, i) + letter + word.slice(i), word.slice(0, i) + letter + word.slice(i + 1));
				out.push(word.slice(0, i) + word.slice(i + 1));
			}
			return out;
		};
		// The query's own terms are left out: the ranking expands only a term the vault lacks.
		const vocabulary = [...new Set(["extract", "migration"].flatMap((word) => near(word).flatMap((once) => [once, ...near(once)])))]
			.filter((known) => known !== "extract" && known !== "migrat")
			.concat(["tractor", "abstract", "migrant", "ration"]);
		const wanted = termsAQueryCanMatchIn("extract migration", vocabulary.join("\n"));
		// Walking the list term by term, as the cache's reader once did: the same terms, in the list's order.
		const expected = vocabulary.filter((known) => withinEdits("extract", known, typosAllowed("extract")) || withinEdits("migrat", known, typosAllowed("migrat")) || known.startsWith("migrat"));
		expect(wanted).toEqual(expected);
		expect(wanted.length).toBeGreaterThan(40);
		expect(termsAQueryCanMatchIn("extract migration", ["extract", ...vocabulary].join("\n"))).toEqual(["extract", ...expected.filter((known) => known.startsWith("migrat") || withinEdits("migrat", known, typosAllowed("migrat")))]);
		// "x2024" is the last word and the list lacks it: its longer forms count; "tar" is held, and "tarball" does not.
		expect(termsAQueryCanMatchIn("tar x2024", "star\ntar\nx20245\ntarball\nx2024a")).toEqual(["tar", "x20245", "x2024a"]);
		expect(termsAQueryCanMatchIn("tar files", "star\ntar\nfile\ntarball\nfiles")).toEqual(["tar", "file"]);
		expect(termsAQueryCanMatchIn("unknown", "known\nunknowns")).toEqual(["unknowns"]);
	});
});
