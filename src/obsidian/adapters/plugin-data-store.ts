/** The store port over the plugin's own folder in the vault's config dir (`.obsidian/plugins/<id>/`). */
import { normalizePath, type DataAdapter } from "obsidian";
import type { KeyValueStore } from "../../core/ports/key-value-store";

export class PluginDataStore implements KeyValueStore {
	constructor(
		private readonly adapter: DataAdapter,
		private readonly folder: string,
	) {}

	async read(key: string): Promise<string | null> {
		const path = this.pathOf(key);
		if (!(await this.adapter.exists(path))) return null;
		return this.adapter.read(path);
	}

	/**
	 * Writes a temporary file first and swaps it in, so quitting mid-write leaves the old cache or none,
	 * never half a file (a half file would be discarded anyway, but would cost a full rebuild).
	 */
	async write(key: string, value: string): Promise<void> {
		const path = this.pathOf(key);
		const temporary = `${path}.tmp`;
		if (!(await this.adapter.exists(this.folder))) await this.adapter.mkdir(this.folder);
		try {
			await this.adapter.write(temporary, value);
			if (await this.adapter.exists(path)) await this.adapter.remove(path);
			await this.adapter.rename(temporary, path);
		} catch (error) {
			// A full disk fails the write after the file was created: the half-written temporary must not stay.
			if (await this.adapter.exists(temporary).catch(() => false)) await this.adapter.remove(temporary).catch(() => undefined);
			throw error;
		}
	}

	async remove(key: string): Promise<void> {
		const path = this.pathOf(key);
		if (await this.adapter.exists(path)) await this.adapter.remove(path);
	}

	/**
	 * The adapter has no exclusive create: this checks, then writes. Two writers racing past the check both
	 * succeed here; the caller reads the claim back after a pause to learn which one landed last
	 * (see core/workflow/occurrence-claims.ts).
	 */
	async createExclusive(key: string, value: string): Promise<boolean> {
		const path = this.pathOf(key);
		if (await this.adapter.exists(path)) return false;
		if (!(await this.adapter.exists(this.folder))) await this.adapter.mkdir(this.folder);
		await this.adapter.write(path, value);
		return true;
	}

	async list(): Promise<string[]> {
		if (!(await this.adapter.exists(this.folder))) return [];
		const listed = await this.adapter.list(this.folder);
		return listed.files.map((path) => path.slice(path.lastIndexOf("/") + 1));
	}

	private pathOf(key: string): string {
		return normalizePath(`${this.folder}/${key}`);
	}
}
