/** Saving the index cache for commands that only need the index in memory: a failure is a warning, never the command's failure. */
import type { VaultContext } from "./composition-root";
import type { Output } from "./output";

/** A full disk or a read-only plugin folder costs the next command a rebuild, nothing more; `coworker index` saves strictly. */
export async function saveIndexCache(vault: VaultContext, out: Output): Promise<void> {
	try {
		await vault.index.save();
	} catch (error) {
		out.error(`warning: the index cache could not be saved (${error instanceof Error ? error.message : String(error)}); the next command rebuilds it.`);
	}
}
