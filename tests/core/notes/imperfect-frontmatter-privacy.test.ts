/** Privacy fails closed when the frontmatter is imperfect: YAML errors, duplicate keys, a BOM, a block cut at the size limit. */
import { afterEach, describe, expect, it } from "vitest";
import { parseNote, isPrivateNote } from "../../../src/core/notes/parse-note";
import { createTempVault, type TempVault } from "../../helpers/temp-vault";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { VaultIndex } from "../../../src/core/index/vault-index";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";
import { LinkResolver } from "../../../src/core/notes/link-resolver";
import { readNote } from "../../../src/core/context/gather-sources";

const MARKER = "MARKER-3c9e1b7d-frontmatter";

const IMPERFECT: Record<string, string> = {
	"yaml error elsewhere": `---\ntitle: Board: memo\ncoworker: private\n---\n${MARKER}\n`,
	"duplicate key": `---\ncoworker: private\ntags: [a]\ncoworker: private\n---\n${MARKER}\n`,
	"quoted key and comment": `---\ntitle: [unclosed\n"coworker": 'private' # keep out\n---\n${MARKER}\n`,
	"BOM before ---": `\uFEFF---\ncoworker: private\n---\n${MARKER}\n`,
	"unreadable coworker value": `---\ntitle: a: b\ncoworker: *anchor\n---\n${MARKER}\n`,
	"coworker as a list": `---\ncoworker: [private]\n---\n${MARKER}\n`,
};

describe("the private flag in imperfect frontmatter", () => {
	for (const [shape, text] of Object.entries(IMPERFECT)) {
		it(`is found with ${shape}`, () => {
			expect(isPrivateNote(parseNote("Secret.md", text).properties)).toBe(true);
		});
	}

	it("a note with a YAML error and no coworker line is not made private", () => {
		expect(isPrivateNote(parseNote("a.md", "---\ntitle: Board: memo\n---\nbody\n").properties)).toBe(false);
	});

	it("a BOM'd note keeps its properties (a BOM'd deliverable is still a deliverable)", () => {
		const note = parseNote("d.md", "\uFEFF---\ncoworker: deliverable\nstatus: draft\n---\nbody\n");
		expect(note.properties).toMatchObject({ coworker: "deliverable", status: "draft" });
		expect(note.problems).toEqual([]);
	});

	it("a frontmatter cut at the size limit makes the note private, whatever it said", () => {
		const note = parseNote("big.md", `---\ntitle: x\nnotes: ${"y".repeat(50)}`, true);
		expect(isPrivateNote(note.properties)).toBe(true);
		expect(note.problems[0]?.message).toMatch(/longer than the size limit/);
	});
});

describe("imperfect frontmatter through the index and readNote", () => {
	let vault: TempVault | null = null;
	afterEach(async () => {
		await vault?.cleanup();
		vault = null;
	});

	it("keeps every imperfect private note out of search and out of readNote", async () => {
		const files: Record<string, string> = { "Public.md": `# Public\n${MARKER} is mentioned nowhere else.\n` };
		Object.values(IMPERFECT).forEach((text, i) => (files[`Secret ${i}.md`] = text));
		files["Huge.md"] = `---\ntitle: Huge\n${"pad: x\n".repeat(40)}coworker: private\n---\n${MARKER}\n`;
		vault = await createTempVault(files);
		const settings = { excludedFolders: [], excludedTags: [], maxNoteBytes: 100 };
		const reader = new NodeVaultReader(vault.root);
		const index = new VaultIndex({ vault: reader, store: new InMemoryKeyValueStore(), settings });
		await index.refresh();
		const hits = index.searchNotes(MARKER, 20).map((hit) => hit.path);
		expect(hits.filter((path) => path !== "Public.md")).toEqual([]);
		const readers = { reader, index, links: new LinkResolver(await reader.listAllFiles()), settings };
		for (const path of Object.keys(files).filter((p) => p !== "Public.md")) {
			const read = await readNote(path, readers);
			expect(read.kind, path).toBe("excluded");
		}
	});
});
