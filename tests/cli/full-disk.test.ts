/** A full disk: the write fails after its temporary file was created, and no temporary file stays behind, in the vault or the plugin folder. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataAdapter } from "obsidian";
import { FileSystemAdapter } from "../__mocks__/obsidian/adapter";
import { NodeFileStore } from "../../src/cli/node-file-store";
import { NodeVaultWriter } from "../../src/cli/node-vault-writer";
import { PluginDataStore } from "../../src/obsidian/adapters/plugin-data-store";

let root: string;

beforeEach(async () => {
	root = await mkdtemp(join(tmpdir(), "coworker-full-disk-"));
});

afterEach(async () => {
	await rm(root, { recursive: true, force: true });
});

/** What a full disk does to a write: the file is created, part of the text lands, then ENOSPC. */
async function fillsTheDisk(path: string, text: string | Uint8Array): Promise<void> {
	await writeFile(path, text.slice(0, Math.floor(text.length / 2)));
	throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
}

describe("a full disk", () => {
	it("NodeFileStore (the plugin folder from the command line) fails the write and leaves the old value, no temporary file", async () => {
		const folder = join(root, "plugin");
		await new NodeFileStore(folder).write("index.json", "old");
		const store = new NodeFileStore(folder, fillsTheDisk);
		await expect(store.write("index.json", "new value")).rejects.toThrow(/ENOSPC/);
		expect(await readdir(folder)).toEqual(["index.json"]);
		expect(await store.read("index.json")).toBe("old");
	});

	it("NodeVaultWriter (a deliverable) fails the write and leaves no file in the vault, temporary or partial", async () => {
		const writer = new NodeVaultWriter(root, fillsTheDisk);
		await expect(writer.create("Reports/Memo.md", "# Memo\n\nText.")).rejects.toThrow(/ENOSPC/);
		await writer.remove("Reports/Memo.md");
		expect(await readdir(root)).toEqual([]);
	});

	it("PluginDataStore (the plugin folder in the app) removes its temporary file when the adapter's write fails", async () => {
		const adapter = new FileSystemAdapter(root);
		const failing = Object.assign(Object.create(adapter) as FileSystemAdapter, {
			write: async (path: string, data: string): Promise<void> => {
				await adapter.write(path, data.slice(0, 3));
				throw new Error("ENOSPC: no space left on device, write");
			},
		});
		await new PluginDataStore(adapter as unknown as DataAdapter, "plugin").write("state.json", "old");
		const store = new PluginDataStore(failing as unknown as DataAdapter, "plugin");
		await expect(store.write("state.json", "new value")).rejects.toThrow(/ENOSPC/);
		expect(await readdir(join(root, "plugin"))).toEqual(["state.json"]);
		expect(await store.read("state.json")).toBe("old");
	});
});
