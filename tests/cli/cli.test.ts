import { afterEach, describe, expect, it } from "vitest";
import { appendFile, mkdir, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { copyExampleVault, createTempVault, type TempVault } from "../helpers/temp-vault";
import { runBuiltCli, runCli } from "../helpers/run-cli";

let vault: TempVault | undefined;
afterEach(async () => {
	await vault?.cleanup();
	vault = undefined;
});

interface JsonHit {
	path: string;
	heading: string | null;
	score: number;
	snippet: string;
}

describe("coworker index", () => {
	it("builds the persisted index, then only refreshes it", async () => {
		vault = await copyExampleVault();
		const first = await runCli("index", "--vault", vault.root);
		expect(first.code).toBe(0);
		expect(first.stdout).toMatch(/^Indexed \d+ notes \(\d+ sections\) in \d+ ms: \d+ read, 0 unchanged, 0 removed, 1 excluded\.$/m);
		expect(first.stdout).toMatch(/^Cache: missing; saved \d+ KiB\.$/m);

		const second = await runCli("index", "--vault", vault.root, "--json");
		expect(second.code).toBe(0);
		const summary = JSON.parse(second.stdout) as { notes: number; sections: number; reindexed: number; milliseconds: number; cache: string };
		expect(summary.reindexed).toBe(0);
		expect(summary.cache).toBe("loaded");
		expect(summary.notes).toBeGreaterThan(25);
		expect(summary.sections).toBeGreaterThan(summary.notes);
		expect(typeof summary.milliseconds).toBe("number");
	});

	it("lists problem notes by name and still indexes the rest", async () => {
		vault = await createTempVault({
			"ok.md": "fine",
			"bad.md": "---\nkey: [unclosed\n---\nbody",
			"bin.md": Buffer.from([0, 1, 2, 3]),
		});
		const result = await runCli("index", "--vault", vault.root);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^2 problems:$/m);
		expect(result.stdout).toContain("- bad.md: the frontmatter is not valid YAML at line 2");
		expect(result.stdout).toContain("- bin.md looks like a binary file, not a note; it is left out of the index.");
	});

	it("honours the exclusions in the plugin's data.json", async () => {
		vault = await createTempVault({ "Work/a.md": "otters", "Archive/b.md": "otters", "c.md": "otters #secret/hr" });
		await vault.write(".obsidian/plugins/ai-coworker/data.json", JSON.stringify({ excludedFolders: ["Archive"], excludedTags: ["secret"] }));
		const result = await runCli("search", "--vault", vault.root, "--json", "otters");
		expect((JSON.parse(result.stdout) as JsonHit[]).map((h) => h.path)).toEqual(["Work/a.md"]);
	});

	it("stops with exit 1 and names the file when data.json is not JSON", async () => {
		vault = await createTempVault({ "a.md": "x" });
		await vault.write(".obsidian/plugins/ai-coworker/data.json", "{ not json");
		const result = await runCli("index", "--vault", vault.root);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^coworker: .*data\.json is not valid JSON .*\n$/);
	});

	it("warns about a settings field of the wrong type, and stops on exclusions of the wrong type (never read as none)", async () => {
		vault = await createTempVault({ "a.md": "x" });
		await vault.write(".obsidian/plugins/ai-coworker/data.json", JSON.stringify({ openDeliverable: "yes" }));
		const warned = await runCli("index", "--vault", vault.root);
		expect(warned.code).toBe(0);
		expect(warned.stderr).toMatch(/warning: .*data\.json: "openDeliverable" must be true or false; the default is used\./);
		await vault.write(".obsidian/plugins/ai-coworker/data.json", JSON.stringify({ excludedFolders: "Private" }));
		const stopped = await runCli("index", "--vault", vault.root);
		expect(stopped.code).not.toBe(0);
		expect(stopped.stderr).toMatch(/data\.json: "excludedFolders" must be a list of text \(got "Private"\), so the exclusions cannot be known\./);
	});
});

describe("coworker search", () => {
	it("prints hits as JSON with vault-relative paths, headings, scores and snippets", async () => {
		vault = await copyExampleVault();
		const result = await runCli("search", "--vault", vault.root, "--json", "--limit", "3", "when", "is", "the", "code", "freeze");
		expect(result.code).toBe(0);
		const hits = JSON.parse(result.stdout) as JsonHit[];
		expect(hits).toHaveLength(3);
		expect(hits[0]).toMatchObject({ path: "Reference/How we release.md", heading: "Code freeze" });
		expect(hits[0]?.snippet.toLowerCase()).toContain("freeze");
		for (const hit of hits) {
			expect(Object.keys(hit)).toEqual(expect.arrayContaining(["path", "heading", "score", "snippet"]));
			expect(hit.path).not.toMatch(/^\/|\\/);
			expect(hit.score).toBeGreaterThan(0);
		}
		expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
	});

	it("prints readable hits and says so when nothing matches", async () => {
		vault = await copyExampleVault();
		const found = await runCli("search", "--vault", vault.root, "Globex executive sponsor");
		expect(found.stdout).toMatch(/^1\. Clients\/Globex\.md › Contacts {2}\(\d+\.\d\d\)$/m);
		const none = await runCli("search", "--vault", vault.root, "xylophonist");
		expect(none.code).toBe(0);
		expect(none.stdout).toBe('No notes match "xylophonist".\n');
	});
});

describe("coworker arguments", () => {
	it.each([
		[["index"], /^coworker: --vault DIR is required/],
		[["index", "--vault", "/no/such/folder"], /^coworker: The vault folder \/no\/such\/folder does not exist\.\n$/],
		[["search", "--vault", "."], /^coworker: search needs a QUERY/],
		[["search", "--vault", ".", "--limit", "lots", "x"], /^coworker: --limit must be a whole number/],
		[["index", "--vault", ".", "--frobnicate"], /^coworker: index takes no flag --frobnicate; /],
		[["launch"], /^coworker: Unknown command "launch"/],
	])("exits 2 with one line for %j", async (argv, message) => {
		const result = await runCli(...argv);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(message);
		expect(result.stderr.trim().split("\n")).toHaveLength(1);
	});

	it("exits 2 when the vault path is a file", async () => {
		vault = await createTempVault({ "a.md": "x" });
		const result = await runCli("index", "--vault", join(vault.root, "a.md"));
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/is a file, not a folder/);
	});
});

describe("the built coworker binary", () => {
	it("runs index and search end to end and sets exit codes", async () => {
		vault = await copyExampleVault();
		const index = await runBuiltCli("index", "--vault", vault.root, "--json");
		expect(index.code).toBe(0);
		expect((JSON.parse(index.stdout) as { notes: number }).notes).toBeGreaterThan(25);
		const search = await runBuiltCli("search", "--vault", vault.root, "--json", "who owns the data pipeline migration");
		expect(search.code).toBe(0);
		expect((JSON.parse(search.stdout) as JsonHit[]).map((h) => h.path)).toContain("Projects/Data pipeline migration.md");
		await mkdir(join(vault.root, "empty"), { recursive: true });
		await writeFile(join(vault.root, "empty", "note.md"), "");
		const missing = await runBuiltCli("search", "--vault", join(vault.root, "nope"), "x");
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/^coworker: The vault folder .* does not exist\.\n$/);
	});

	it("searches what changed since the last index: an edited note, a new one, and not a deleted one", async () => {
		vault = await copyExampleVault();
		expect((await runBuiltCli("index", "--vault", vault.root, "--json")).code).toBe(0);
		const warm = await runBuiltCli("search", "--vault", vault.root, "--json", "code freeze");
		expect((JSON.parse(warm.stdout) as JsonHit[])[0]?.path).toBe("Reference/How we release.md");

		const glossary = join(vault.root, "Reference", "Glossary.md");
		await appendFile(glossary, "\nQuokka: our word for a release that nobody noticed.\n");
		// A whole second later, whatever the file system's timestamp resolution.
		await utimes(glossary, new Date(), new Date(Date.now() + 2000));
		await writeFile(join(vault.root, "Numbat.md"), "# Numbat\n\nA small marsupial that eats termites.\n");
		await rm(join(vault.root, "Reference", "How we release.md"));
		const search = async (query: string): Promise<string[]> => {
			const result = await runBuiltCli("search", "--vault", vault?.root ?? "", "--json", query);
			expect(result.code).toBe(0);
			return (JSON.parse(result.stdout) as JsonHit[]).map((hit) => hit.path);
		};
		expect(await search("quokka")).toEqual(["Reference/Glossary.md"]);
		// The first search saved the refreshed index: these load only what their words match.
		expect(await search("marsupial termites")).toEqual(["Numbat.md"]);
		expect(await search("code freeze")).not.toContain("Reference/How we release.md");
		const index = JSON.parse((await runBuiltCli("index", "--vault", vault.root, "--json")).stdout) as { reindexed: number; cache: string };
		expect(index).toMatchObject({ reindexed: 0, cache: "loaded" });
	});
});
