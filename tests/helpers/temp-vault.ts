/** Writes a vault from an in-memory map of files into a fresh temporary folder (removed by `cleanup`). */
import { mkdtemp, mkdir, rm, writeFile, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The example vault as the repository ships it: the pristine copy tests/global-setup.ts makes (so what the
 * README's main job leaves in examples/vault is not seen), or examples/vault itself outside vitest's set-up.
 */
export const EXAMPLE_VAULT = process.env.COWORKER_EXAMPLE_VAULT ?? join(dirname(fileURLToPath(import.meta.url)), "..", "..", "examples", "vault");

export interface TempVault {
	root: string;
	write(path: string, content: string | Buffer): Promise<void>;
	cleanup(): Promise<void>;
}

export async function createTempVault(files: Record<string, string | Buffer> = {}): Promise<TempVault> {
	const root = await mkdtemp(join(tmpdir(), "coworker-vault-"));
	const write = async (path: string, content: string | Buffer): Promise<void> => {
		const full = join(root, path);
		await mkdir(dirname(full), { recursive: true });
		await writeFile(full, content);
	};
	for (const [path, content] of Object.entries(files)) await write(path, content);
	return { root, write, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** A copy of examples/vault in a temporary folder, so tests may change it. */
export async function copyExampleVault(): Promise<TempVault> {
	const vault = await createTempVault();
	await cp(EXAMPLE_VAULT, vault.root, { recursive: true });
	return vault;
}
