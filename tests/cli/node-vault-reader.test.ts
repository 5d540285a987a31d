/** The command line's vault reader: listed plain notes are read without resolving their real path, and never through a link. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NodeVaultReader } from "../../src/cli/node-vault-reader";
import { LEAVES_VAULT, LINKS_TO_EXCLUDED, ReadRefused } from "../../src/core/ports/vault-reader";
import { createTempVault, type TempVault } from "../helpers/temp-vault";

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
