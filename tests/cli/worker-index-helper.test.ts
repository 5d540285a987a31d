/**
 * The command line's second thread in a large rebuild: the real worker (index-worker.ts, run from its source
 * through tsx) reads, analyses and indexes part of the notes, and the index it helps must equal one built alone.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { symlink, unlink } from "node:fs/promises";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { NodeVaultReader } from "../../src/cli/node-vault-reader";
import { NodeFileStore } from "../../src/cli/node-file-store";
import { WorkerIndexHelper, type IndexWorkerInput } from "../../src/cli/worker-index-helper";
import { VaultIndex, type IndexSummary } from "../../src/core/index/vault-index";
import { DEFAULT_INDEX_SETTINGS, type IndexSettings } from "../../src/core/index/index-settings";
import type { IndexHelper, IndexPart } from "../../src/core/ports/index-helper";
import { copyExampleVault, type TempVault } from "../helpers/temp-vault";

const WORKER_SOURCE = join(process.cwd(), "src/cli/index-worker.ts");
const SETTINGS: IndexSettings = { ...DEFAULT_INDEX_SETTINGS, excludedTags: ["hr"] };
const QUERIES = ["acme renewal pricing", "rollback plan", "code freeze thursday", "salary review", "weekly status"];

/** index-worker.ts from its source: tsx compiles it inside the thread. */
function startFromSource(input: IndexWorkerInput): Worker {
	return new Worker(`require("tsx/cjs"); require(${JSON.stringify(WORKER_SOURCE)});`, { eval: true, workerData: input });
}

let vault: TempVault;

beforeEach(async () => {
	vault = await copyExampleVault();
	// What the helper must judge as the index does: a private note, a note with an excluded tag, a problem, links.
	await vault.write("People/Pay review.md", "---\ncoworker: private\n---\n# Salary review\nPay bands for the salary review.\n");
	await vault.write("People/Grievance.md", "---\ntags: [hr/cases]\n---\n# Grievance\nA salary review grievance.\n");
	await vault.write("People/Broken.md", "---\ntitle: [unclosed\n---\n# Broken frontmatter\nWeekly status with broken frontmatter.\n");
	await vault.write("People/Binary.md", Buffer.from([0x00, 0x01, 0x02, 0x00, 0xff]));
	await symlink(join(vault.root, "People/Pay review.md"), join(vault.root, "People/Pay link.md"));
	await symlink(join(vault.root, "Nowhere.md"), join(vault.root, "People/Dangling.md"));
	// Enough notes for a build from nothing to be a bulk build, the only kind that is helped.
	for (let i = 0; i < 60; i++) await vault.write(`Log/Day ${i}.md`, `# Day ${i}\n## Weekly status\nThe rollback plan, day ${i}; code freeze on thursday ${i % 7}.\n`);
});

afterEach(async () => {
	await vault.cleanup();
});

function indexWith(store: string, helper?: (reader: NodeVaultReader) => IndexHelper): VaultIndex {
	const reader = new NodeVaultReader(vault.root);
	return new VaultIndex({ vault: reader, store: new NodeFileStore(join(vault.root, ".obsidian", store)), settings: SETTINGS, ...(helper ? { helper: helper(reader) } : {}) });
}

/** Everything a build from nothing shows: its summary, notes, problems, and what each query finds. */
async function everything(index: VaultIndex, summary: IndexSummary): Promise<unknown> {
	const { milliseconds: _milliseconds, problems, ...rest } = summary;
	const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
	const hits = await Promise.all(QUERIES.map(async (query) => (await index.searchWithSnippets(query, 10)).map((hit) => [hit.path, hit.heading, hit.score, hit.snippet])));
	return { rest, problems: [...problems].sort(byPath), notes: index.indexedNotes(), hits, private: index.isIndexed("People/Pay review.md"), link: index.isIndexed("People/Pay link.md") };
}

describe("a rebuild helped by the index worker", () => {
	it("indexes, leaves out and saves exactly what a rebuild without it does, the worker reading part of the notes", async () => {
		const alone = indexWith("alone");
		const expected = await everything(alone, await alone.rebuild());
		const parts: (IndexPart | null)[] = [];
		const helped = indexWith("helped", (reader) => {
			const worker = new WorkerIndexHelper(reader, vault.root, ".obsidian", startFromSource, 1);
			return { minimumNotes: 1, indexPart: (files, settings) => worker.indexPart(files, settings).then((part) => (parts.push(part), part)) };
		});
		expect(await everything(helped, await helped.rebuild())).toEqual(expected);
		const part = parts[0];
		expect(part?.notes.length).toBeGreaterThan(20);
		await helped.save();
		const reopened = indexWith("helped");
		await reopened.refresh();
		for (const query of QUERIES) expect(await reopened.searchWithSnippets(query, 10)).toEqual(await alone.searchWithSnippets(query, 10));
	});

	it("leaves to the main thread a note it could not read, and a link", async () => {
		const reader = new NodeVaultReader(vault.root);
		const files = await reader.listMarkdownFiles();
		await unlink(join(vault.root, "People/Broken.md"));
		const part = await new WorkerIndexHelper(reader, vault.root, ".obsidian", startFromSource, 1).indexPart(files, SETTINGS);
		expect(part?.unread.sort()).toEqual(["People/Broken.md", "People/Dangling.md", "People/Pay link.md"]);
		expect(part?.notes.map((note) => note.path)).toContain("People/Pay review.md");
		expect(part?.notes.find((note) => note.path === "People/Pay review.md")?.entry).toEqual({ title: "People/Pay review.md", docs: 0, status: "private", problems: [] });
		expect(part?.notes.find((note) => note.path === "People/Grievance.md")?.entry).toEqual({ title: "People/Grievance.md", docs: 0, status: "excluded-tag", problems: [] });
		expect(part?.notes.find((note) => note.path === "People/Broken.md")).toBeUndefined();
		expect(part?.index.count).toBe(part?.notes.reduce((sum, note) => sum + note.entry.docs, 0));
	});

	it("builds alone, with the same result, when the worker fails to start or stops without an answer", async () => {
		const alone = indexWith("alone");
		const expected = await everything(alone, await alone.rebuild());
		for (const start of [
			(): Worker => {
				throw new Error("no threads here");
			},
			(): Worker => new Worker("process.exit(3)", { eval: true }),
			(): Worker => new Worker("throw new Error('broken worker')", { eval: true }),
		]) {
			const helped = indexWith(`failed-${Math.random()}`, (reader) => new WorkerIndexHelper(reader, vault.root, ".obsidian", start, 1));
			expect(await everything(helped, await helped.rebuild())).toEqual(expected);
		}
	});
});
