import { afterEach, describe, expect, it } from "vitest";
import { createTempVault, type TempVault } from "../../helpers/temp-vault";
import { indexOver } from "../../helpers/index-fixtures";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";
import { copiesLast } from "../../../src/core/index/duplicate-hits";

let vault: TempVault | null = null;
afterEach(async () => {
	await vault?.cleanup();
	vault = null;
});

const paths = (hits: { path: string }[]): string[] => hits.map((h) => h.path);

describe("copiesLast", () => {
	it("moves a later copy after the distinct hits of the window, keeping both groups' order", () => {
		const key = (hit: string): string | null => (hit.startsWith("x") ? null : hit.charAt(0));
		expect(copiesLast(["a1", "a2", "b1", "x1", "a3", "b2", "c1"], key, 10)).toEqual(["a1", "b1", "x1", "c1", "a2", "a3", "b2"]);
	});

	it("leaves hits past the window where they are, and keyless hits alone", () => {
		const key = (hit: string): string | null => (hit.startsWith("x") ? null : hit.charAt(0));
		expect(copiesLast(["a1", "a2", "b1", "a3"], key, 2)).toEqual(["a1", "a2", "b1", "a3"]);
		expect(copiesLast(["x1", "x2", "x3"], key, 10)).toEqual(["x1", "x2", "x3"]);
	});
});

const WISH = "You alter the very foundations of reality. The basic use of this spell is to duplicate any other spell of 8th level or lower, or to create a nonmagical object worth up to 25,000 gold.";

describe("VaultIndex lists a copied section once among the best hits", () => {
	it("puts the second copy of a section after a distinct note that scored below it", async () => {
		vault = await createTempVault({
			"Spells/Wish.md": `### Wish\n\n${WISH}`,
			"Compendium/Spells W.md": `### Wall of Stone\n\nA wall of stone springs into being.\n\n### Wish\n\n${WISH}`,
			"Treasure/Ring of three wishes.md": "### Ring of three wishes\n\nThis ring holds charges; each one casts the wish spell to alter reality.",
		});
		const index = indexOver(vault.root, { store: new InMemoryKeyValueStore() });
		await index.refresh();
		const hits = index.searchNotes("wish to alter reality and duplicate a spell", 10);
		expect(hits[0]?.path).toBe("Spells/Wish.md");
		// Without the rule the compendium's copy scores second; it is still listed, after the distinct note.
		expect(paths(hits)).toEqual(["Spells/Wish.md", "Treasure/Ring of three wishes.md", "Compendium/Spells W.md"]);
		expect(hits[2]?.score).toBeGreaterThan(hits[1]?.score ?? Infinity);
	});

	it("does not treat sections that share only a heading as copies", async () => {
		vault = await createTempVault({
			"Monsters/Wolf.md": "## Actions\n\nBite. The wolf bites its prey and knocks it prone.",
			"Monsters/Bear.md": "## Actions\n\nBite. The bear bites hard and then claws twice at its prey.",
			"Monsters/Rat.md": "## Traits\n\nThe rat squeaks and flees from prey larger than itself, rarely biting.",
		});
		const index = indexOver(vault.root, { store: new InMemoryKeyValueStore() });
		await index.refresh();
		const hits = index.searchNotes("bite prey", 10);
		const scores = hits.map((hit) => hit.score);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
		expect(paths(hits)).toHaveLength(3);
	});
});
