/** The store port over a folder: one file per key, written atomically (temp file, then rename). */
import { readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { KeyValueStore } from "../core/ports/key-value-store";

/** The one file write the store makes, replaceable so a test can fill the disk halfway through. */
export type WriteFileFunction = (path: string, value: string) => Promise<void>;

export class NodeFileStore implements KeyValueStore {
	constructor(
		private readonly folder: string,
		private readonly writeTemporary: WriteFileFunction = (path, value) => writeFile(path, value, "utf8"),
	) {}

	/*
	 * Read synchronously: the command line has no window to keep responsive, and each read through the thread
	 * pool (open, stat, read and close, one hop each) left the main thread idle; a warm `coworker search` reads
	 * about ten cache parts one after another (see node-vault-reader.ts for the same choice for notes).
	 */
	async read(key: string): Promise<string | null> {
		try {
			return readFileSync(join(this.folder, key), "utf8");
		} catch (error) {
			if ((error as { code?: string }).code === "ENOENT") return null;
			throw error;
		}
	}

	async write(key: string, value: string): Promise<void> {
		await mkdir(this.folder, { recursive: true });
		const target = join(this.folder, key);
		const temporary = `${target}.${process.pid}.tmp`;
		try {
			await this.writeTemporary(temporary, value);
			await rename(temporary, target);
		} catch (error) {
			// A full disk fails the write after the file was created: the half-written temporary must not stay.
			await unlink(temporary).catch(() => undefined);
			throw error;
		}
	}

	async remove(key: string): Promise<void> {
		await rm(join(this.folder, key), { force: true });
	}

	/** `wx` is an exclusive create: the file system decides, atomically, which of two processes gets the key. */
	async createExclusive(key: string, value: string): Promise<boolean> {
		await mkdir(this.folder, { recursive: true });
		try {
			await writeFile(join(this.folder, key), value, { encoding: "utf8", flag: "wx" });
			return true;
		} catch (error) {
			if ((error as { code?: string }).code === "EEXIST") return false;
			throw error;
		}
	}

	async list(): Promise<string[]> {
		try {
			return (await readdir(this.folder, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
		} catch (error) {
			if ((error as { code?: string }).code === "ENOENT") return [];
			throw error;
		}
	}
}
