/** gatherSources over a real temp vault: explicit, linked, folder, tag, search and table sources, under the index's exclusion policy. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { utimes } from "node:fs/promises";
import { join } from "node:path";
import { createTempVault, type TempVault } from "../../helpers/temp-vault";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { NodeFileStore } from "../../../src/cli/node-file-store";
import { VaultIndex } from "../../../src/core/index/vault-index";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";
import type { IndexSettings } from "../../../src/core/index/index-settings";
import { LinkResolver } from "../../../src/core/notes/link-resolver";
import { gatherSources, MAX_NOTES_PER_SOURCE, readNote, type GatheredSources, type SourceReaders } from "../../../src/core/context/gather-sources";
import { MEMORY_NOTE_TEMPLATE } from "../../../src/core/context/memory-note";
import { describeSource, sourceForPath, type SourceSpec } from "../../../src/core/context/source-spec";

const SETTINGS: IndexSettings = { excludedFolders: ["Archive"], excludedTags: ["confidential"], maxNoteBytes: 1_000_000 };

const FILES: Record<string, string> = {
	"vault/Projects/Alpha.md": [
		"---",
		"tags: [project]",
		"---",
		"# Alpha",
		"Links: [[Beta]], [[Secret]], [[Figures.csv]], [[Broken.csv]], [[Missing note]], [[Archive/Old]], [[Tagged]], [[#Local heading]], [[Alpha]], ![[diagram.png]].",
		"`[[Inside code]]`",
		"## Local heading",
		"Alpha text about the zeppelin hangar.",
	].join("\n"),
	"vault/Projects/Beta.md": "---\ntags: [project]\n---\n# Beta\nBeta text.",
	"vault/Notes/Gamma.md": "# Gamma\nGamma talks about the zeppelin fleet. #project/sub",
	"vault/Notes/Inside code.md": "# Inside code\nOnly linked from inside code.",
	"vault/Private/Secret.md": "---\ncoworker: private\n---\n# Secret\nThe zeppelin password is hunter2.",
	"vault/Private/Hub.md": "---\ncoworker: private\n---\n# Hub\n[[Beta]]",
	"vault/Archive/Old.md": "# Old\nOld zeppelin notes.",
	"vault/Notes/Tagged.md": "---\ntags: [confidential]\n---\n# Tagged\nConfidential zeppelin budget.",
	"vault/Data/Figures.csv": "month,revenue\n2026-07,12400\n",
	"vault/Data/Broken.csv": 'a,b\n1,"unclosed\n',
	"vault/Archive/Old figures.csv": "a,b\n1,2\n",
	"vault/Attachments/diagram.png": "not really a png",
	"vault/Coworker/Memory.md": "## Preferences\n- Decisions before open questions.",
	"vault/Coworker/Fresh memory.md": MEMORY_NOTE_TEMPLATE,
	"vault/Coworker/Private memory.md": "---\ncoworker: private\n---\nsecret preferences",
	// Beside the vault, where no source may reach.
	"outside.md": "# Outside\nThe zeppelin outside the vault.",
	"outside.csv": "a,b\n1,2\n",
};

let temp: TempVault;
let readers: SourceReaders;

beforeAll(async () => {
	temp = await createTempVault(FILES);
	const root = join(temp.root, "vault");
	const reader = new NodeVaultReader(root);
	const index = new VaultIndex({ vault: reader, store: new NodeFileStore(join(root, ".obsidian", "plugins", "ai-coworker")), settings: SETTINGS });
	await index.refresh();
	readers = { reader, index, links: new LinkResolver(await reader.listAllFiles()), settings: SETTINGS };
});

afterAll(async () => {
	await temp.cleanup();
});

function gather(specs: SourceSpec[], memory: string | null = null): Promise<GatheredSources> {
	return gatherSources(specs, memory, readers);
}

const paths = (sources: GatheredSources): string[] => sources.notes.map((note) => note.path);

describe("gatherSources: notes named explicitly", () => {
	it("reads a named note, parsed, as explicit", async () => {
		const sources = await gather([{ kind: "note", path: "Projects/Alpha.md" }]);
		expect(sources.notes).toHaveLength(1);
		expect(sources.notes[0]).toMatchObject({ path: "Projects/Alpha.md", origin: "note Projects/Alpha.md", explicit: true });
		expect(sources.notes[0]?.note.title).toBe("Alpha");
		expect(sources.errors).toEqual([]);
		expect(sources.warnings).toEqual([]);
	});

	it("accepts a path as typed: ./, backslashes and a leading slash", async () => {
		const sources = await gather([{ kind: "note", path: "./Projects\\Beta.md" }, { kind: "note", path: "/Notes/Gamma.md" }]);
		expect(paths(sources)).toEqual(["Projects/Beta.md", "Notes/Gamma.md"]);
	});

	it("never gathers a private, excluded-folder or excluded-tag note, even when named; each is a warning, not an error", async () => {
		const sources = await gather([
			{ kind: "note", path: "Private/Secret.md" },
			{ kind: "note", path: "Archive/Old.md" },
			{ kind: "note", path: "Notes/Tagged.md" },
		]);
		expect(sources.notes).toEqual([]);
		expect(sources.errors).toEqual([]);
		expect(sources.warnings).toEqual([
			"Private/Secret.md is marked coworker: private, so it is never sent to the model; it was left out.",
			"Archive/Old.md is in a folder excluded in the settings, so it is never sent to the model; it was left out.",
			"Notes/Tagged.md has a tag excluded in the settings, so it is never sent to the model; it was left out.",
		]);
		expect(JSON.stringify(sources)).not.toContain("hunter2");
	});

	it("makes a missing named note an error that names it", async () => {
		const sources = await gather([{ kind: "note", path: "Projects/Nope.md" }]);
		expect(sources.notes).toEqual([]);
		expect(sources.errors).toEqual(["Projects/Nope.md (note Projects/Nope.md) does not exist or cannot be read."]);
	});

	it("refuses a file that is not a note, and a folder", async () => {
		const sources = await gather([{ kind: "note", path: "Data/Figures.csv" }, { kind: "note", path: "Projects" }]);
		expect(sources.errors).toEqual([
			"Data/Figures.csv (note Data/Figures.csv) is not a markdown note.",
			"Projects (note Projects) is not a markdown note.",
		]);
	});

	it("refuses paths that leave the vault, reading nothing outside it", async () => {
		const sources = await gather([
			{ kind: "note", path: "../outside.md" },
			{ kind: "note", path: "Projects/../../outside.md" },
			{ kind: "table", path: "../outside.csv" },
			{ kind: "linked", path: "../outside.md" },
			{ kind: "folder", path: "../" },
			{ kind: "note", path: "C:/Windows/win.ini" },
			{ kind: "note", path: "" },
		]);
		expect(sources.notes).toEqual([]);
		expect(sources.tables).toEqual([]);
		expect(sources.errors).toEqual([
			'"../outside.md" (note ../outside.md) is not a path inside the vault.',
			'"Projects/../../outside.md" (note Projects/../../outside.md) is not a path inside the vault.',
			'"../outside.csv" (table ../outside.csv) is not a path inside the vault.',
			'"../outside.md" (notes linked from ../outside.md) is not a path inside the vault.',
			'The folder "../" (folder ../) is outside the vault.',
			'"C:/Windows/win.ini" (note C:/Windows/win.ini) is not a path inside the vault.',
			'"" (note ) is not a path inside the vault.',
		]);
		expect(JSON.stringify(sources)).not.toContain("The zeppelin outside the vault");
	});

	it("takes each note once, explicit when any source named it", async () => {
		const sources = await gather([
			{ kind: "folder", path: "Projects" },
			{ kind: "note", path: "Projects/Beta.md" },
			{ kind: "search", query: "zeppelin" },
		]);
		expect(paths(sources).filter((path) => path === "Projects/Beta.md")).toHaveLength(1);
		expect(sources.notes.find((note) => note.path === "Projects/Beta.md")).toMatchObject({ explicit: true, origin: "folder Projects" });
		expect(sources.notes.find((note) => note.path === "Projects/Alpha.md")?.explicit).toBe(false);
		expect(new Set(paths(sources)).size).toBe(sources.notes.length);
	});
});

describe("gatherSources: folder, tag and search sources come from the index", () => {
	it("takes a folder's indexed notes, with subfolders, and never the excluded ones", async () => {
		const sources = await gather([{ kind: "folder", path: "/" }]);
		expect(paths(sources).sort()).toEqual(["Coworker/Fresh memory.md", "Coworker/Memory.md", "Notes/Gamma.md", "Notes/Inside code.md", "Projects/Alpha.md", "Projects/Beta.md"]);
		expect(sources.notes.every((note) => note.origin === "folder /" && !note.explicit)).toBe(true);
		expect(sources.warnings).toEqual([]);
	});

	it("warns when a folder holds nothing the coworker may read", async () => {
		const sources = await gather([{ kind: "folder", path: "Private" }, { kind: "folder", path: "Archive/" }, { kind: "folder", path: "Nowhere" }]);
		expect(sources.notes).toEqual([]);
		expect(sources.errors).toEqual([]);
		expect(sources.warnings).toEqual([
			'No notes the coworker may read were found in the folder "Private".',
			'No notes the coworker may read were found in the folder "Archive".',
			'No notes the coworker may read were found in the folder "Nowhere".',
		]);
	});

	it("takes the notes with a tag, nested tags included, with or without #", async () => {
		const sources = await gather([{ kind: "tag", tag: "#Project" }]);
		expect(paths(sources).sort()).toEqual(["Notes/Gamma.md", "Projects/Alpha.md", "Projects/Beta.md"]);
		expect(sources.notes[0]?.origin).toBe("tag #Project");
		const excluded = await gather([{ kind: "tag", tag: "confidential" }]);
		expect(excluded.notes).toEqual([]);
		expect(excluded.warnings).toEqual(["No notes the coworker may read have the tag #confidential."]);
	});

	it("takes a search's hits, which never include private or excluded notes", async () => {
		const sources = await gather([{ kind: "search", query: "zeppelin", limit: 10 }]);
		expect(paths(sources).sort()).toEqual(["Notes/Gamma.md", "Projects/Alpha.md"]);
		expect(sources.notes[0]?.origin).toBe('search "zeppelin"');
		const limited = await gather([{ kind: "search", query: "zeppelin", limit: 1 }]);
		expect(limited.notes).toHaveLength(1);
		const none = await gather([{ kind: "search", query: "xylophonist" }]);
		expect(none.warnings).toEqual(['The search "xylophonist" found no notes.']);
	});

	it("caps a broad source at the most recently changed notes and says so", async () => {
		const count = MAX_NOTES_PER_SOURCE + 5;
		const files: Record<string, string> = {};
		for (let i = 0; i < count; i++) files[`Many/Note ${String(i).padStart(3, "0")}.md`] = `# Note ${i}\nText ${i}.`;
		const many = await createTempVault(files);
		try {
			// Note i was changed i minutes after the first, so notes 0–4 are the oldest.
			const base = Date.UTC(2026, 0, 1) / 1000;
			for (let i = 0; i < count; i++) await utimes(join(many.root, `Many/Note ${String(i).padStart(3, "0")}.md`), base + i * 60, base + i * 60);
			const reader = new NodeVaultReader(many.root);
			const index = new VaultIndex({ vault: reader, store: new InMemoryKeyValueStore(), settings: SETTINGS });
			await index.refresh();
			const sources = await gatherSources([{ kind: "folder", path: "Many" }], null, { reader, index, links: new LinkResolver(await reader.listAllFiles()), settings: SETTINGS });
			expect(sources.notes).toHaveLength(MAX_NOTES_PER_SOURCE);
			expect(paths(sources)).not.toContain("Many/Note 004.md");
			expect(paths(sources)).toContain("Many/Note 005.md");
			expect(paths(sources)[0]).toBe(`Many/Note ${count - 1}.md`);
			expect(sources.warnings).toEqual([`The folder Many has ${count} notes; the ${MAX_NOTES_PER_SOURCE} most recently changed were considered.`]);
		} finally {
			await many.cleanup();
		}
	});
});

describe("gatherSources: linked notes and tables", () => {
	it("resolves a note's links through the vault's links, CSV links becoming tables", async () => {
		const sources = await gather([{ kind: "linked", path: "Projects/Alpha.md" }]);
		const origin = "notes linked from Projects/Alpha.md";
		// Not the note itself, nothing linked only from inside code, nothing unresolved.
		expect(paths(sources)).toEqual(["Projects/Beta.md"]);
		expect(sources.notes[0]).toMatchObject({ origin, explicit: false });
		expect(sources.tables.map((table) => table.path)).toEqual(["Data/Figures.csv"]);
		expect(sources.tables[0]).toMatchObject({ origin, table: { header: ["month", "revenue"], rows: [["2026-07", "12400"]] } });
		expect(sources.errors).toEqual([]);
		expect(sources.warnings).toEqual([
			"Private/Secret.md is marked coworker: private, so it is never sent to the model; it was left out.",
			expect.stringMatching(/^Data\/Broken\.csv is not valid CSV: .+\.$/),
			"Archive/Old.md is in a folder excluded in the settings, so it is never sent to the model; it was left out.",
			"Notes/Tagged.md has a tag excluded in the settings, so it is never sent to the model; it was left out.",
		]);
		expect(JSON.stringify(sources)).not.toContain("hunter2");
	});

	it("makes a missing linking note an error", async () => {
		const sources = await gather([{ kind: "linked", path: "Projects/Nope.md" }]);
		expect(sources.errors).toEqual(["Projects/Nope.md (notes linked from Projects/Nope.md) does not exist or cannot be read."]);
	});

	// At HEAD this was a bug (the private linking note became an error that stopped the run, unlike the same note
	// named as a "note" source); the working tree makes it a warning.
	it("treats a private linking note like a private named note: a warning, not an error, and its links unused", async () => {
		const sources = await gather([{ kind: "linked", path: "Private/Hub.md" }]);
		expect(sources.errors).toEqual([]);
		expect(sources.notes).toEqual([]);
		expect(sources.warnings).toHaveLength(1);
		expect(sources.warnings[0]).toMatch(/^Private\/Hub\.md is marked coworker: private\b.*left out\.$/);
	});

	it("reads a named CSV as a table, and makes a missing or broken one an error", async () => {
		const sources = await gather([sourceForPath("Data/Figures.csv"), sourceForPath("Data/Nope.csv"), sourceForPath("Data/Broken.csv")]);
		expect(sources.tables.map((table) => table.path)).toEqual(["Data/Figures.csv"]);
		expect(sources.errors).toEqual(["Data/Nope.csv (table Data/Nope.csv) does not exist or cannot be read.", expect.stringMatching(/^Data\/Broken\.csv is not valid CSV/)]);
	});

	it("leaves out a CSV in an excluded folder with a warning, and takes each table once", async () => {
		const sources = await gather([{ kind: "table", path: "Archive/Old figures.csv" }, sourceForPath("Data/Figures.csv"), sourceForPath("Data/Figures.csv")]);
		expect(sources.tables).toHaveLength(1);
		expect(sources.errors).toEqual([]);
		expect(sources.warnings).toEqual(["Archive/Old figures.csv is in a folder excluded in the settings, so it is never sent to the model; it was left out."]);
	});
});

describe("gatherSources: selection and memory", () => {
	it("keeps a selection with its note, and drops one taken from a private note", async () => {
		const kept = await gather([{ kind: "selection", text: "Selected words", path: "Projects/Alpha.md" }]);
		expect(kept.selection).toEqual({ text: "Selected words", path: "Projects/Alpha.md" });
		const dropped = await gather([{ kind: "selection", text: "The zeppelin password is hunter2.", path: "Private/Secret.md" }]);
		expect(dropped.selection).toBeNull();
		expect(dropped.warnings).toEqual(["The selection comes from Private/Secret.md, which is marked coworker: private; it was left out."]);
		expect((await gather([{ kind: "selection", text: "   ", path: null }])).selection).toBeNull();
	});

	it("reads the memory note apart from the other notes, even when a source also brought it", async () => {
		const sources = await gather([{ kind: "folder", path: "Coworker" }], "Coworker/Memory.md");
		expect(sources.memory).toMatchObject({ path: "Coworker/Memory.md", origin: "memory", explicit: true });
		expect(paths(sources)).not.toContain("Coworker/Memory.md");
	});

	it("skips a memory note that is missing or still the untouched template, silently", async () => {
		for (const memory of ["Coworker/None.md", "Coworker/Fresh memory.md"]) {
			const sources = await gather([], memory);
			expect(sources.memory).toBeNull();
			expect(sources.warnings).toEqual([]);
			expect(sources.errors).toEqual([]);
		}
	});

	it("never reads a private memory note, and says so", async () => {
		const sources = await gather([], "Coworker/Private memory.md");
		expect(sources.memory).toBeNull();
		expect(sources.warnings).toEqual(["The memory note Coworker/Private memory.md is marked coworker: private; it was not read."]);
	});
});

describe("readNote", () => {
	it("answers ok, missing or excluded", async () => {
		const ok = await readNote("Projects/Beta.md", readers);
		expect(ok.kind).toBe("ok");
		expect(ok.kind === "ok" && ok.text).toContain("Beta text.");
		expect(await readNote("Projects/Nope.md", readers)).toEqual({ kind: "missing", reason: "does not exist or cannot be read" });
		expect(await readNote("Private/Secret.md", readers)).toEqual({ kind: "excluded", reason: "is marked coworker: private" });
		// The folder check comes before reading, so an excluded folder's files are never opened.
		expect(await readNote("Archive/Never there.md", readers)).toEqual({ kind: "excluded", reason: "is in a folder excluded in the settings" });
	});
});

describe("describeSource", () => {
	it("names every kind of source", () => {
		expect(
			[
				{ kind: "note", path: "a.md" },
				{ kind: "selection", text: "x", path: "a.md" },
				{ kind: "selection", text: "x", path: null },
				{ kind: "linked", path: "a.md" },
				{ kind: "folder", path: "" },
				{ kind: "folder", path: "P" },
				{ kind: "tag", tag: "#t" },
				{ kind: "search", query: "q" },
				{ kind: "table", path: "t.csv" },
			].map((spec) => describeSource(spec as SourceSpec)),
		).toEqual(["note a.md", "selection in a.md", "selection", "notes linked from a.md", "folder /", "folder P", "tag #t", 'search "q"', "table t.csv"]);
		expect(sourceForPath("Data/X.CSV")).toEqual({ kind: "table", path: "Data/X.CSV" });
		expect(sourceForPath("Notes/X.md")).toEqual({ kind: "note", path: "Notes/X.md" });
	});
});

describe("gatherSources and the coworker's earlier deliverables", () => {
	let own: TempVault;
	let ownReaders: SourceReaders;
	const deliverable = (status: string | null, extra = ""): string =>
		`---\ncoworker: deliverable\n${status === null ? "" : `status: ${status}\n`}created: 2026-11-30T23:30:00-05:00\ntags: [weekly]\n---\n# Weekly\nThe walrus report.${extra}\n\n## Sources\n\n- [Plan](../Plan.md)\n`;

	beforeAll(async () => {
		own = await createTempVault({
			"Plan.md": "---\ntags: [weekly]\n---\n# Plan\nThe walrus plan. [[Approved]] [[Draft]] [[Requested]]",
			"Reports/Approved.md": deliverable("approved"),
			"Reports/Draft.md": deliverable("draft"),
			"Reports/Requested.md": deliverable("changes-requested"),
			"Reports/Odd.md": deliverable("Approved-ish"),
			"Reports/Bare.md": deliverable(null),
		});
		const reader = new NodeVaultReader(own.root);
		const index = new VaultIndex({ vault: reader, store: new InMemoryKeyValueStore(), settings: SETTINGS });
		await index.refresh();
		ownReaders = { reader, index, links: new LinkResolver(await reader.listAllFiles()), settings: SETTINGS };
	});

	afterAll(async () => {
		await own.cleanup();
	});

	const broad: SourceSpec[] = [{ kind: "folder", path: "Reports" }, { kind: "tag", tag: "weekly" }, { kind: "linked", path: "Plan.md" }, { kind: "search", query: "walrus" }];

	it("folder, tag, linked and search sources keep only approved ones, labelled with status and local date; missing or unknown statuses count as not approved", async () => {
		for (const spec of broad) {
			const gathered = await gatherSources([spec], null, ownReaders);
			const deliverables = gathered.notes.filter((note) => note.path.startsWith("Reports/"));
			expect(deliverables.map((note) => [note.path, note.earlier]), describeSource(spec)).toEqual([["Reports/Approved.md", { status: "approved", date: "2026-11-30", previous: false }]]);
			const leftOut = spec.kind === "linked" ? 2 : 4;
			expect(gathered.warnings, describeSource(spec)).toEqual([
				`${leftOut} earlier deliverables that are not approved were left out of the search, folder, tag and linked-note sources (setting "Earlier deliverables as context": approved); name one as a source to use it.`,
			]);
		}
	});

	it("all lets every one in with its status; none leaves every one out, counted once across sources", async () => {
		const all = await gatherSources([{ kind: "folder", path: "Reports" }], null, ownReaders, null, "all");
		expect(all.notes.map((note) => note.earlier?.status).sort()).toEqual(["approved", "approved-ish", "changes-requested", "draft", "unknown"]);
		expect(all.warnings).toEqual([]);
		const none = await gatherSources(broad, null, ownReaders, null, "none");
		expect(none.notes.map((note) => note.path)).toEqual(["Plan.md"]);
		expect(none.warnings).toEqual([
			'5 earlier deliverables were left out of the search, folder, tag and linked-note sources (setting "Earlier deliverables as context": none); name one as a source to use it.',
		]);
	});

	it("a draft named as a note is read even after a search left it out, and is not counted as left out", async () => {
		const gathered = await gatherSources([{ kind: "search", query: "walrus" }, { kind: "note", path: "Reports/Draft.md" }], null, ownReaders);
		expect(gathered.notes.find((note) => note.path === "Reports/Draft.md")).toMatchObject({ explicit: true, earlier: { status: "draft", previous: false } });
		expect(gathered.warnings).toEqual([
			'3 earlier deliverables that are not approved were left out of the search, folder, tag and linked-note sources (setting "Earlier deliverables as context": approved); name one as a source to use it.',
		]);
	});

	it("a note source with role previous is labelled as the previous deliverable, even when a folder brought it in first", async () => {
		const gathered = await gatherSources([{ kind: "folder", path: "Reports" }, { kind: "note", path: "Reports/Approved.md", role: "previous" }], null, ownReaders);
		expect(gathered.notes.find((note) => note.path === "Reports/Approved.md")?.earlier).toEqual({ status: "approved", date: "2026-11-30", previous: true });
	});
});
