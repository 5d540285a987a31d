import { afterEach, describe, expect, it } from "vitest";
import { countingClock } from "../../helpers/counting-clock";
import { readFile, rename, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { copyExampleVault, createTempVault, type TempVault } from "../../helpers/temp-vault";
import { indexOver } from "../../helpers/index-fixtures";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { VaultIndex } from "../../../src/core/index/vault-index";
import { DEFAULT_INDEX_SETTINGS } from "../../../src/core/index/index-settings";
import type { Clock } from "../../../src/core/ports/clock";
import type { KeyValueStore } from "../../../src/core/ports/key-value-store";
import type { VaultReader } from "../../../src/core/ports/vault-reader";

let vault: TempVault;
afterEach(async () => {
	await vault.cleanup();
});

const paths = (hits: { path: string }[]): string[] => hits.map((h) => h.path);

describe("VaultIndex over the example vault", () => {
	it("finds the note that answers a natural-language question", async () => {
		vault = await copyExampleVault();
		const index = indexOver(vault.root);
		const summary = await index.refresh();
		expect(summary.notes).toBeGreaterThan(25);
		expect(summary.sections).toBeGreaterThan(summary.notes);
		expect(paths(index.searchNotes("who owns the data pipeline migration", 3))).toContain("Projects/Data pipeline migration.md");
		expect(paths(index.searchNotes("what is the rollback plan if the Dagster cutover fails", 3))).toContain(
			"Meetings/2026-10-28 Pipeline migration planning.md",
		);
		// The project note's short "Not in v1" section names the same dropped themes (and links to the review), so it may come first.
		expect(paths(index.searchNotes("why were custom client themes dropped from v1", 2))).toContain("Meetings/2026-11-12 Alpha design review.md");
		expect(index.searchNotes("when is the code freeze before a release", 1)[0]?.path).toBe("Reference/How we release.md");
		expect(index.searchNotes("executive sponsor at Globex", 1)[0]?.path).toBe("Clients/Globex.md");
	});

	it("returns one hit per note with its best heading and a snippet that shows the matched words", async () => {
		vault = await copyExampleVault();
		const index = indexOver(vault.root);
		await index.refresh();
		const hits = await index.searchWithSnippets("code freeze", 5);
		expect(new Set(paths(hits)).size).toBe(hits.length);
		const release = hits.find((h) => h.path === "Reference/How we release.md");
		expect(release?.heading).toBe("Code freeze");
		expect(release?.snippet.toLowerCase()).toContain("freeze");
		expect(release?.snippet.length).toBeLessThanOrEqual(190);
	});

	it("never indexes a note marked coworker: private", async () => {
		vault = await copyExampleVault();
		const index = indexOver(vault.root);
		await index.refresh();
		const privateText = await readFile(join(vault.root, "Private", "Salary review 2026.md"), "utf8");
		expect(privateText).toMatch(/coworker: private/);
		expect(index.isIndexed("Private/Salary review 2026.md")).toBe(false);
		expect(paths(index.searchNotes("salary review compensation", 20))).not.toContain("Private/Salary review 2026.md");
	});
});

describe("VaultIndex keeps itself current", () => {
	it("applies create, modify, delete and rename without a rebuild", async () => {
		vault = await createTempVault({ "a.md": "# Alpha\nbudget planning notes", "b.md": "# Beta\nunrelated words" });
		const index = indexOver(vault.root, { store: new InMemoryKeyValueStore() });
		await index.refresh();

		await vault.write("c.md", "# Gamma\nthe zeppelin hangar");
		await index.updateFile({ path: "c.md", mtime: 1, size: 10 });
		expect(paths(index.searchNotes("zeppelin"))).toEqual(["c.md"]);

		await vault.write("a.md", "# Alpha\nnow about submarines");
		await index.updateFile({ path: "a.md", mtime: 2, size: 20 });
		expect(paths(index.searchNotes("budget"))).toEqual([]);
		expect(paths(index.searchNotes("submarines"))).toEqual(["a.md"]);

		await rm(join(vault.root, "b.md"));
		await index.removeFile("b.md");
		expect(paths(index.searchNotes("unrelated"))).toEqual([]);

		await rename(join(vault.root, "c.md"), join(vault.root, "d.md"));
		await index.renameFile("c.md", { path: "d.md", mtime: 1, size: 10 });
		expect(paths(index.searchNotes("zeppelin"))).toEqual(["d.md"]);
		expect(index.noteCount).toBe(2);
		expect(index.sectionCount).toBe(2);
	});

	it("skips a modify event whose fingerprint did not move", async () => {
		vault = await createTempVault({ "a.md": "alpha" });
		const index = indexOver(vault.root, { store: new InMemoryKeyValueStore() });
		await index.refresh();
		const revision = index.revision;
		const [stat] = await new NodeVaultReader(vault.root).listMarkdownFiles();
		expect(stat).toBeDefined();
		if (stat) await index.updateFile(stat);
		expect(index.revision).toBe(revision);
	});
});

describe("VaultIndex persistence", () => {
	it("re-reads only what changed after a restart", async () => {
		vault = await copyExampleVault();
		const first = await indexOver(vault.root).refresh();
		expect(first.cache).toBe("missing");
		const cold = indexOver(vault.root);
		await cold.refresh();
		expect(await cold.save()).toBeGreaterThan(1000);

		const warm = indexOver(vault.root);
		const summary = await warm.refresh();
		expect(summary.cache).toBe("loaded");
		expect(summary.reindexed).toBe(0);
		expect(summary.unchanged).toBe(first.notes + first.excluded);
		expect(paths(warm.searchNotes("code freeze", 1))).toEqual(["Reference/How we release.md"]);

		const note = join(vault.root, "Reference", "Glossary.md");
		await writeFile(note, (await readFile(note, "utf8")) + "\nA brand new term: quokka.\n");
		await utimes(note, new Date(), new Date(Date.now() + 5000));
		await rm(join(vault.root, "Daily", "2026-11-17.md"));
		const again = indexOver(vault.root);
		const changed = await again.refresh();
		expect(changed.reindexed).toBe(1);
		expect(changed.removed).toBe(1);
		expect(paths(again.searchNotes("quokka"))).toEqual(["Reference/Glossary.md"]);
	});

	it("discards a corrupt cache and rebuilds instead of failing", async () => {
		vault = await createTempVault({ "a.md": "alpha words" });
		const store = new InMemoryKeyValueStore();
		await store.write("index-cache.json", '{"schema": 1, "notes": {"a.md"'); // cut off mid-write
		const summary = await indexOver(vault.root, { store }).refresh();
		expect(summary.cache).toBe("discarded: the cache file is not valid JSON");
		expect(summary.notes).toBe(1);
	});

	it("discards a cache from another schema version or other exclusion settings", async () => {
		vault = await createTempVault({ "a.md": "alpha words", "Private/b.md": "beta" });
		const store = new InMemoryKeyValueStore();
		const index = indexOver(vault.root, { store });
		await index.refresh();
		await index.save();
		const valid = (await store.read("index-cache.json")) ?? "{}";
		const saved = JSON.parse(valid) as { schema: number };

		await store.write("index-cache.json", JSON.stringify({ ...saved, schema: 0 }));
		expect((await indexOver(vault.root, { store }).refresh()).cache).toMatch(/^discarded: the cache has schema 0/);

		await store.write("index-cache.json", valid);
		const excluding = await indexOver(vault.root, { store, settings: { excludedFolders: ["Private"] } }).refresh();
		expect(excluding.cache).toBe("discarded: the exclusion settings changed since the cache was written");
		expect(excluding.notes).toBe(1);
	});

	it("discards a cache whose counts do not add up", async () => {
		vault = await createTempVault({ "a.md": "alpha words" });
		const store = new InMemoryKeyValueStore();
		const index = indexOver(vault.root, { store });
		await index.refresh();
		await index.save();
		// Part 0 holds the note entries; claim a.md has more sections than the index holds.
		const generation = (JSON.parse((await store.read("index-cache.json")) ?? "{}") as { generation: string }).generation;
		const firstPart = `index-cache-${generation}-0.json`;
		const notesPart = JSON.parse((await store.read(firstPart)) ?? "{}") as { kind: string; paths: string[]; docs: number[] };
		expect(notesPart.kind).toBe("notes");
		expect(notesPart.paths).toEqual(["a.md"]);
		notesPart.docs[0] = 5;
		await store.write(firstPart, JSON.stringify(notesPart));
		expect((await indexOver(vault.root, { store }).refresh()).cache).toBe("discarded: the cached index does not match its list of notes");
	});
});

describe("VaultIndex exclusions", () => {
	it("leaves out excluded folders, excluded tags (with nested tags) and private notes", async () => {
		vault = await createTempVault({
			"Work/plan.md": "the lighthouse plan",
			"Archive/old.md": "the lighthouse archive",
			"Journal/day.md": "---\ntags: [journal/2026]\n---\nlighthouse diary",
			"inline.md": "lighthouse thoughts #Journal",
			"secret.md": "---\ncoworker: private\n---\nlighthouse secret",
		});
		const index = indexOver(vault.root, { settings: { excludedFolders: ["Archive/"], excludedTags: ["#journal"] }, store: new InMemoryKeyValueStore() });
		const summary = await index.refresh();
		expect(paths(index.searchNotes("lighthouse"))).toEqual(["Work/plan.md"]);
		expect(summary.excluded).toBe(4);
	});

	it("drops a note from the index when it becomes private", async () => {
		vault = await createTempVault({ "a.md": "lighthouse" });
		const index = indexOver(vault.root, { store: new InMemoryKeyValueStore() });
		await index.refresh();
		await vault.write("a.md", "---\ncoworker: private\n---\nlighthouse");
		await index.updateFile({ path: "a.md", mtime: 99, size: 40 });
		expect(index.searchNotes("lighthouse")).toEqual([]);
	});
});

describe("VaultIndex on bad input", () => {
	it("reports binary, oversized, malformed and unreadable notes by name and indexes the rest", async () => {
		vault = await createTempVault({
			"good.md": "the good note about otters",
			"binary.md": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0xff, 0xfe]),
			"huge.md": "# Huge\n" + "otters swim in the river. ".repeat(200_000),
			"broken-yaml.md": "---\ntitle: x\ntags: [a, b\n---\nthe body still mentions otters",
		});
		await symlink(join(vault.root, "missing-target.md"), join(vault.root, "dangling.md"));
		const index = indexOver(vault.root, { store: new InMemoryKeyValueStore() });
		const summary = await index.refresh();
		const messages = summary.problems.map((p) => p.message);
		expect(messages).toEqual(
			expect.arrayContaining([
				"binary.md looks like a binary file, not a note; it is left out of the index.",
				"huge.md is 5.2 MB, over the 1.0 MB limit; only its beginning is indexed.",
				expect.stringMatching(/^broken-yaml\.md: the frontmatter is not valid YAML at line \d+ /),
				"dangling.md could not be read (the file does not exist or is a broken link (ENOENT)); it is left out of the index.",
			]),
		);
		expect(paths(index.searchNotes("otters")).sort()).toEqual(["broken-yaml.md", "good.md", "huge.md"]);
	});
});

describe("VaultIndex time slicing", () => {
	it("yields to the host between slices and reports progress", async () => {
		const files: Record<string, string> = {};
		for (let i = 0; i < 30; i++) files[`n${i}.md`] = `note ${i} about things`;
		vault = await createTempVault(files);
		// Each reading of the clock moves it 10 ms, so a 40 ms slice ends every few notes.
		const { clock, yields } = countingClock(10);
		const progress: number[] = [];
		const index = indexOver(vault.root, { clock, store: new InMemoryKeyValueStore() });
		await index.refresh((done) => progress.push(done));
		expect(yields()).toBeGreaterThan(3);
		expect(progress.at(-1)).toBe(30);
		expect(progress).toEqual([...progress].sort((a, b) => a - b));
	});

	it("starts the comparison after a cache load, and a save's writing, on a fresh slice", async () => {
		const files: Record<string, string> = {};
		for (let i = 0; i < 30; i++) files[`n${i}.md`] = `note ${i} about things`;
		vault = await createTempVault(files);
		const store = new InMemoryKeyValueStore();
		const first = indexOver(vault.root, { store });
		await first.refresh();
		await first.save();
		// Time never moves, so no slice runs out: the only turns are those a phase takes before it starts.
		const events: string[] = [];
		const clock: Clock = { now: () => 0, yieldToHost: () => Promise.resolve(void events.push("turn")) };
		const disk = new NodeVaultReader(vault.root);
		const reader: VaultReader = {
			listMarkdownFiles: () => Promise.resolve(void events.push("list")).then(() => disk.listMarkdownFiles()),
			read: (path) => disk.read(path),
			readBinary: (path) => disk.readBinary(path),
		};
		const recording: KeyValueStore = {
			read: (key) => store.read(key),
			write: (key, value) => Promise.resolve(void events.push("write")).then(() => store.write(key, value)),
			remove: (key) => store.remove(key),
			list: () => store.list(),
			createExclusive: (key, value) => store.createExclusive(key, value),
		};
		const index = new VaultIndex({ vault: reader, store: recording, settings: DEFAULT_INDEX_SETTINGS, clock });
		// refreshNotes loads only the note entries: nothing else of the load gives a turn before the comparison.
		expect((await index.refreshNotes()).cache).toBe("loaded");
		expect(events.slice(events.indexOf("list") - 1, events.indexOf("list") + 1)).toEqual(["turn", "list"]);
		// A note changed, so the save has something to write.
		await writeFile(join(vault.root, "n0.md"), "note zero, changed");
		await index.refresh();
		events.length = 0;
		await index.save();
		// A turn before the writing starts, and one before each part's text is made (a part is 10 to 20 ms of work).
		expect(events[0]).toBe("turn");
		const writes = events.flatMap((event, i) => (event === "write" ? [i] : []));
		expect(writes.length).toBeGreaterThan(1);
		// The head is written last, after the parts, with no text of its own to make.
		for (const at of writes.slice(0, -1)) expect(events[at - 1]).toBe("turn");
	});
});

describe("VaultIndex and the coworker's deliverables", () => {
	/** A deliverable as the pipeline writes it: its answer, then the Sources and Tool calls it appends. */
	const deliverable = (i: number): string =>
		[
			"---",
			"coworker: deliverable",
			"status: draft",
			'sources:\n  - "[[Zephyr onboarding plan]]"',
			"---",
			`# Weekly report ${i}`,
			"",
			`Week ${i}: the lighthouse migration moved on.`,
			"",
			"## Sources",
			"",
			"- [Zephyr onboarding plan](Zephyr%20onboarding%20plan.md)",
			"",
			"## Tool calls",
			"",
			"- tracker/list_issues `{\"project\":\"zephyr onboarding\"}` — ok, 1.2 kB, 40 ms",
			"",
		].join("\n");

	// Twenty notes are indexed one by one; sixty go through the bulk builder.
	it.each([20, 60])("%i deliverables listing a note among their Sources do not match a query on its title; the note and their own text do", async (count) => {
		const files: Record<string, string> = { "Plans/Zephyr onboarding plan.md": "# Zephyr onboarding plan\n\nKick-off on 3 December." };
		for (let i = 1; i <= count; i++) files[`Reports/Weekly report ${i}.md`] = deliverable(i);
		vault = await createTempVault(files);
		const index = indexOver(vault.root, { store: new InMemoryKeyValueStore() });
		await index.refresh();
		expect(paths(index.searchNotes("zephyr onboarding plan", 50))).toEqual(["Plans/Zephyr onboarding plan.md"]);
		expect(paths(index.searchNotes("zephyr onboarding", 50))).toEqual(["Plans/Zephyr onboarding plan.md"]);
		const own = await index.searchWithSnippets("lighthouse migration", 100);
		expect(own).toHaveLength(count);
		expect(own[0]?.snippet.toLowerCase()).toContain("lighthouse migration");
	});

	it("an ordinary note's Sources section is still indexed", async () => {
		vault = await createTempVault({ "Reading.md": "# Reading\n\nNotes.\n\n## Sources\n\n- Zephyr onboarding plan, by Dana" });
		const index = indexOver(vault.root, { store: new InMemoryKeyValueStore() });
		await index.refresh();
		expect(paths(index.searchNotes("zephyr onboarding plan", 5))).toEqual(["Reading.md"]);
	});
});
