/** The command line's vault reader: listed plain notes are read without resolving their real path, and never through a link. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mkdir, mkdtemp, rm, stat, symlink, unlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { NodeVaultReader } from "../../src/cli/node-vault-reader";
import { FileReadAhead } from "../../src/cli/file-read-ahead";
import { ListedNote } from "../../src/cli/listed-note";
import { LEAVES_VAULT, LINKS_TO_EXCLUDED, ReadRefused, type VaultFileStat } from "../../src/core/ports/vault-reader";
import { createTempVault, type TempVault } from "../helpers/temp-vault";

const execFileAsync = promisify(execFile);

let vault: TempVault;
let outside: string;

beforeEach(async () => {
	vault = await createTempVault({ "Projects/Alpha.md": "# Alpha\n", "Secret/Pay.md": "# Pay\n" });
	outside = await mkdtemp(join(tmpdir(), "coworker-outside-"));
	await writeFile(join(outside, "passwd.md"), "root:x:0:0\n");
});

afterEach(async () => {
	await vault.cleanup();
	await rm(outside, { recursive: true, force: true });
});

async function refusal(read: Promise<string>): Promise<string> {
	const error: unknown = await read.then(
		() => null,
		(thrown: unknown) => thrown,
	);
	return error instanceof ReadRefused ? error.refusal : `not refused: ${String(error)}`;
}

describe("reading notes on disk", () => {
	it("reads a listed note, and the same note when no listing was made", async () => {
		const listed = new NodeVaultReader(vault.root);
		expect((await listed.listMarkdownFiles()).map((file) => file.path).sort()).toEqual(["Projects/Alpha.md", "Secret/Pay.md"]);
		expect(await listed.read("Projects/Alpha.md")).toBe("# Alpha\n");
		expect(await new NodeVaultReader(vault.root).read("Projects/Alpha.md")).toBe("# Alpha\n");
	});

	it("refuses a listed note swapped for a link out of the vault after the listing", async () => {
		const reader = new NodeVaultReader(vault.root);
		await reader.listMarkdownFiles();
		await unlink(join(vault.root, "Projects/Alpha.md"));
		await symlink(join(outside, "passwd.md"), join(vault.root, "Projects/Alpha.md"));
		expect(await refusal(reader.read("Projects/Alpha.md"))).toBe(LEAVES_VAULT);
	});

	it("judges a listed link where it leads: inside the vault it is read, into an excluded folder it is refused", async () => {
		await symlink(join(vault.root, "Projects/Alpha.md"), join(vault.root, "Projects/Alpha link.md"));
		await symlink(join(vault.root, "Secret/Pay.md"), join(vault.root, "Projects/Pay link.md"));
		await symlink(join(outside, "passwd.md"), join(vault.root, "Projects/passwd.md"));
		const reader = new NodeVaultReader(vault.root, ".obsidian", (path) => path.startsWith("Secret/"));
		const listed = (await reader.listMarkdownFiles()).map((file) => file.path);
		expect(listed).toContain("Projects/passwd.md");
		expect(await reader.read("Projects/Alpha link.md")).toBe("# Alpha\n");
		expect(await refusal(reader.read("Projects/Pay link.md"))).toBe(LINKS_TO_EXCLUDED);
		expect(await refusal(reader.read("Projects/passwd.md"))).toBe(LEAVES_VAULT);
	});

	it("never lists a linked folder's notes, and refuses them when named", async () => {
		await mkdir(join(outside, "Linked"));
		await writeFile(join(outside, "Linked/Note.md"), "outside\n");
		await symlink(join(outside, "Linked"), join(vault.root, "Linked"));
		const reader = new NodeVaultReader(vault.root);
		expect((await reader.listMarkdownFiles()).map((file) => file.path)).not.toContain("Linked/Note.md");
		expect(await refusal(reader.read("Linked/Note.md"))).toBe(LEAVES_VAULT);
	});

	it("says in words that a listed note has gone", async () => {
		const reader = new NodeVaultReader(vault.root);
		await reader.listMarkdownFiles();
		await unlink(join(vault.root, "Projects/Alpha.md"));
		await expect(reader.read("Projects/Alpha.md")).rejects.toThrow("the file does not exist or is a broken link (ENOENT)");
	});
});

describe("the listing's fingerprints", () => {
	async function fingerprintOnDisk(path: string): Promise<{ mtime: number; size: number }> {
		const info = await stat(join(vault.root, path));
		return { mtime: Math.round(info.mtimeMs), size: info.size };
	}

	function listed(files: VaultFileStat[], path: string): VaultFileStat {
		const file = files.find((candidate) => candidate.path === path);
		if (!file) throw new Error(`${path} was not listed`);
		return file;
	}

	it("are the file's modification time and size at the listing, in plain fields a copy keeps", async () => {
		await utimes(join(vault.root, "Projects/Alpha.md"), new Date("2026-03-01T10:00:00Z"), new Date("2026-03-01T10:00:00Z"));
		const files = await new NodeVaultReader(vault.root).listMarkdownFiles();
		const alpha = listed(files, "Projects/Alpha.md");
		const onDisk = await fingerprintOnDisk("Projects/Alpha.md");
		expect(onDisk).toEqual({ mtime: Date.parse("2026-03-01T10:00:00Z"), size: "# Alpha\n".length });
		await writeFile(join(vault.root, "Projects/Alpha.md"), "# Alpha, longer now\n");
		expect({ mtime: alpha.mtime, size: alpha.size }).toEqual(onDisk);
		expect({ ...alpha }).toMatchObject({ path: "Projects/Alpha.md", ...onDisk });
		expect(JSON.parse(JSON.stringify(alpha))).toMatchObject({ path: "Projects/Alpha.md", ...onDisk });
	});

	it("of a note gone before its stat are no real file's, so the note counts as changed and its read says why", () => {
		const gone = new ListedNote("Projects/Gone.md", true);
		gone.stat(vault.root);
		expect({ mtime: gone.mtime, size: gone.size }).toEqual({ mtime: -1, size: -1 });
	});

	it("are a dangling link's own", async () => {
		await symlink(join(outside, "missing.md"), join(vault.root, "Projects/Dangling.md"));
		const files = await new NodeVaultReader(vault.root).listMarkdownFiles();
		expect(listed(files, "Projects/Dangling.md").size).toBe(join(outside, "missing.md").length);
	});

	it("are left for the read when many reads are announced, and are those of the file read, never of a real file for one gone", async () => {
		const reader = new NodeVaultReader(vault.root);
		reader.expectManyReads();
		const files = await reader.listMarkdownFiles();
		const alpha = listed(files, "Projects/Alpha.md");
		expect(alpha.mtime).toBeNaN();
		const onDisk = await fingerprintOnDisk("Projects/Alpha.md");
		expect(await reader.read("Projects/Alpha.md")).toBe("# Alpha\n");
		expect({ mtime: alpha.mtime, size: alpha.size }).toEqual(onDisk);
		await unlink(join(vault.root, "Secret/Pay.md"));
		await expect(reader.read("Secret/Pay.md")).rejects.toThrow("ENOENT");
		expect(listed(files, "Secret/Pay.md").mtime).toBeNaN();
		// The next listing, unannounced, stats again.
		expect(listed(await reader.listMarkdownFiles(), "Projects/Alpha.md").mtime).toBe(onDisk.mtime);
	});

	it("of a note read on the second thread are those of the file it read, with no stat after", async () => {
		await mkdir(join(vault.root, "Many"));
		for (let i = 0; i < 50; i++) await writeFile(join(vault.root, `Many/Note ${i}.md`), `# Note ${i}\n${"words ".repeat(i * 40)}`);
		const reader = new NodeVaultReader(vault.root, ".obsidian", () => false, 1);
		reader.expectManyReads();
		const files = await reader.listMarkdownFiles();
		const before = new Map(await Promise.all(files.map(async (file) => [file.path, await fingerprintOnDisk(file.path)] as const)));
		reader.readSoon(files.map((file) => file.path));
		for (const file of files) await reader.read(file.path);
		// Changed after the reads: a fingerprint statted now would show it.
		for (const file of files) await utimes(join(vault.root, file.path), new Date("2020-01-01T00:00:00Z"), new Date("2020-01-01T00:00:00Z"));
		for (const file of files) expect({ path: file.path, mtime: file.mtime, size: file.size }).toEqual({ path: file.path, ...before.get(file.path) });
	});
});

describe("reading a rebuild's notes ahead on a second thread", () => {
	/** Notes of every kind a read must return byte for byte: non-ASCII, a byte order mark, empty, bad UTF-8, and enough to fill several batches. */
	async function manyNotes(count: number): Promise<Map<string, Buffer>> {
		const notes = new Map<string, Buffer>();
		for (let i = 0; i < count; i++) notes.set(`Many/Note ${String(i).padStart(4, "0")}.md`, Buffer.from(`# Note ${i}\n${"Zürich 東京 words ".repeat(250)}\n`));
		notes.set("Many/Bom.md", Buffer.from("\uFEFF# With a byte order mark\n"));
		notes.set("Many/Empty.md", Buffer.alloc(0));
		notes.set("Many/Bad bytes.md", Buffer.from([0x23, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a]));
		notes.set("Many/Large.md", Buffer.from(`# Large\n${"a long paragraph of words ".repeat(30_000)}\n`));
		for (const [path, bytes] of notes) await writeFile(join(vault.root, path), bytes);
		return notes;
	}

	beforeEach(async () => {
		await mkdir(join(vault.root, "Many"));
	});

	it("returns exactly what a read without it returns, in order, out of order and all at once", async () => {
		const notes = await manyNotes(400);
		const plain = new NodeVaultReader(vault.root);
		const ahead = new NodeVaultReader(vault.root, ".obsidian", () => false, 1);
		const paths = (await ahead.listMarkdownFiles()).map((file) => file.path);
		await plain.listMarkdownFiles();
		const expected = await Promise.all(paths.map((path) => plain.read(path)));
		expect(expected.filter((text) => text.includes("\uFEFF# With"))).toHaveLength(1);
		expect(expected.filter((text) => text.includes("\uFFFD"))).toHaveLength(1);

		ahead.readSoon(paths);
		const inOrder: string[] = [];
		for (const path of paths) inOrder.push(await ahead.read(path));
		expect(inOrder).toEqual(expected);

		ahead.readSoon(paths);
		expect(await Promise.all([...paths].reverse().map((path) => ahead.read(path)))).toEqual([...expected].reverse());
		expect(notes.size).toBe(paths.length - 2);
	});

	it("does not wait forever for a note far along the list when the reads skip the ones before", async () => {
		await manyNotes(400);
		const reader = new NodeVaultReader(vault.root, ".obsidian", () => false, 1);
		const paths = (await reader.listMarkdownFiles()).map((file) => file.path).sort();
		reader.readSoon(paths);
		const last = paths[paths.length - 1] ?? "";
		expect(await reader.read(last)).toBe(await new NodeVaultReader(vault.root).read(last));
	});

	it("leaves to the main thread's own checks a note swapped for a link, or gone, since the listing", async () => {
		await manyNotes(10);
		const reader = new NodeVaultReader(vault.root, ".obsidian", () => false, 1);
		const paths = (await reader.listMarkdownFiles()).map((file) => file.path);
		await unlink(join(vault.root, "Projects/Alpha.md"));
		await symlink(join(outside, "passwd.md"), join(vault.root, "Projects/Alpha.md"));
		await unlink(join(vault.root, "Many/Bom.md"));
		reader.readSoon(paths);
		expect(await refusal(reader.read("Projects/Alpha.md"))).toBe(LEAVES_VAULT);
		await expect(reader.read("Many/Bom.md")).rejects.toThrow("the file does not exist or is a broken link (ENOENT)");
		expect(await reader.read("Secret/Pay.md")).toBe("# Pay\n");
	});

	it("starts its thread during the listing when told many reads are coming, and reads through that thread", async () => {
		const notes = await manyNotes(60);
		const spawn = vi.spyOn(FileReadAhead, "spawn");
		try {
			const reader = new NodeVaultReader(vault.root, ".obsidian", () => false, 50);
			await reader.listMarkdownFiles();
			expect(spawn).not.toHaveBeenCalled();
			reader.expectManyReads();
			const paths = (await reader.listMarkdownFiles()).map((file) => file.path);
			expect(spawn).toHaveBeenCalledTimes(1);
			reader.readSoon(paths);
			expect(spawn).toHaveBeenCalledTimes(1);
			const texts = await Promise.all(paths.map((path) => reader.read(path)));
			const plain = new NodeVaultReader(vault.root);
			await plain.listMarkdownFiles();
			expect(texts).toEqual(await Promise.all(paths.map((path) => plain.read(path))));
			expect(texts.filter((text) => text.startsWith("# Note 0\n"))).toHaveLength(1);
			expect(notes.size).toBe(paths.length - 2);
		} finally {
			spawn.mockRestore();
		}
	});

	it("starts no thread for a listing with fewer notes than it needs, hint or not", async () => {
		await manyNotes(10);
		const spawn = vi.spyOn(FileReadAhead, "spawn");
		try {
			const reader = new NodeVaultReader(vault.root, ".obsidian", () => false, 50);
			reader.expectManyReads();
			const paths = (await reader.listMarkdownFiles()).map((file) => file.path);
			reader.readSoon(paths);
			expect(await reader.read("Secret/Pay.md")).toBe("# Pay\n");
			expect(spawn).not.toHaveBeenCalled();
		} finally {
			spawn.mockRestore();
		}
	});

	it("keeps a process alive while a read waits on the thread, and lets it end after", async () => {
		await manyNotes(300);
		// A fresh process: in this one the test runner would keep the event loop alive whatever the reader did.
		const script = join(vault.root, "read-all.ts");
		const reader = join(process.cwd(), "src/cli/node-vault-reader.ts").replace(/\\/g, "/");
		await writeFile(
			script,
			`import { NodeVaultReader } from ${JSON.stringify(reader)};\n` +
				`const reader = new NodeVaultReader(${JSON.stringify(vault.root)}, ".obsidian", () => false, 1);\n` +
				`void (async () => {\n  const paths = (await reader.listMarkdownFiles()).map((file) => file.path);\n  reader.readSoon(paths);\n  let chars = 0;\n  for (const path of paths) chars += (await reader.read(path)).length;\n  process.stdout.write(JSON.stringify({ notes: paths.length, chars }));\n})();\n`,
		);
		const { stdout } = await execFileAsync(process.execPath, ["--import", "tsx", script], { cwd: process.cwd() });
		const printed = JSON.parse(stdout) as { notes: number; chars: number };
		expect(printed.notes).toBe(306);
		expect(printed.chars).toBeGreaterThan(300 * 4000);
	});
});
