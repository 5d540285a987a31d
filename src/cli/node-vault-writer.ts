/** The vault write port over the file system: new files only, each appearing whole or not at all. */
import { constants } from "node:fs";
import { copyFile, link, lstat, mkdir, realpath, rm, rmdir, unlink, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { VaultWriter } from "../core/ports/vault-writer";
import { vaultPathOfRealPath } from "../core/notes/real-vault-path";

export class NodeVaultWriter implements VaultWriter {
	/** Folders this writer created, so removing a failed run's file can remove them too when empty. */
	private readonly createdFolders: string[] = [];

	constructor(
		private readonly root: string,
		/** The one write of the new file's text, replaceable so a test can fill the disk halfway through. */
		private readonly writeTemporary: (path: string, content: string | Uint8Array) => Promise<void> = (path, content) =>
			writeFile(path, content, typeof content === "string" ? { encoding: "utf8", flag: "wx" } : { flag: "wx" }),
	) {}

	async exists(path: string): Promise<boolean> {
		try {
			await lstat(this.full(path));
			return true;
		} catch {
			return false;
		}
	}

	/**
	 * Writes a temporary file beside the target, then hard-links it into place: `link` fails if the target
	 * exists (so nothing is ever overwritten, even by a second runner at the same moment) and the file
	 * appears complete. The temporary name starts with a dot, which Obsidian does not show.
	 */
	create(path: string, content: string): Promise<void> {
		return this.createWhole(path, content);
	}

	createBinary(path: string, content: Uint8Array): Promise<void> {
		return this.createWhole(path, content);
	}

	private async createWhole(path: string, content: string | Uint8Array): Promise<void> {
		const target = this.full(path);
		await this.refuseLinkedFolderLeavingVault(dirname(target), path);
		await this.makeFolders(dirname(target));
		const temporary = join(dirname(target), `.coworker-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.tmp`);
		try {
			await this.writeTemporary(temporary, content);
			await link(temporary, target).catch(async (error: unknown) => {
				const code = (error as { code?: string }).code;
				if (code === "EEXIST") throw error;
				// Some file systems (exFAT, some network shares) have no hard links; an exclusive copy still never overwrites.
				await copyFile(temporary, target, constants.COPYFILE_EXCL).catch(async (copyError: unknown) => {
					// The exclusive copy created the target; a copy that failed half-way (a full disk) must not leave it.
					if ((copyError as { code?: string }).code !== "EEXIST") await unlink(target).catch(() => undefined);
					throw copyError;
				});
			});
		} catch (error) {
			if ((error as { code?: string }).code === "EEXIST") throw new Error("a file already exists there");
			throw error;
		} finally {
			await unlink(temporary).catch(() => undefined);
		}
	}

	async remove(path: string): Promise<void> {
		await rm(this.full(path), { force: true });
		for (const folder of [...this.createdFolders].reverse()) await rmdir(folder).catch(() => undefined);
	}

	/**
	 * A folder on the way that is a link leaving the vault (`Reports -> /tmp/elsewhere`) would put the file
	 * outside it: refused before anything is created. The nearest existing folder is the one judged.
	 */
	private async refuseLinkedFolderLeavingVault(folder: string, path: string): Promise<void> {
		let existing = folder;
		while (existing.startsWith(this.root) && existing !== this.root && !(await lstat(existing).then(() => true, () => false))) existing = dirname(existing);
		const [realRoot, realFolder] = await Promise.all([realpath(this.root), realpath(existing).catch(() => null)]);
		if (realFolder === null || vaultPathOfRealPath(realRoot, realFolder, sep === "\\" ? "\\" : "/") === null) {
			throw new Error(`${path} lies in a linked folder that leaves the vault (or in a hidden folder); nothing is written through it`);
		}
	}

	private async makeFolders(folder: string): Promise<void> {
		const missing: string[] = [];
		for (let current = folder; current.startsWith(this.root) && current !== this.root; current = dirname(current)) {
			if (await lstat(current).then(() => true, () => false)) break;
			missing.unshift(current);
		}
		await mkdir(folder, { recursive: true });
		this.createdFolders.push(...missing);
	}

	/** The absolute path, refusing anything that would land outside the vault. */
	private full(path: string): string {
		const full = resolve(this.root, path);
		const inside = relative(this.root, full);
		if (inside === "" || inside.startsWith("..") || inside.startsWith(sep) || resolve(this.root, inside) !== full) {
			throw new Error(`${path} is outside the vault`);
		}
		return full;
	}
}
