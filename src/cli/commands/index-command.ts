/** `coworker index`: builds or refreshes the persisted index and prints what it did. */
import type { VaultContext } from "../composition-root";
import type { Output } from "../output";

export async function runIndexCommand(vault: VaultContext, options: { json: boolean; rebuild: boolean }, out: Output): Promise<number> {
	// Nothing here searches: with nothing changed, the cached search index need not even be loaded.
	const summary = options.rebuild ? await vault.index.rebuild() : await vault.index.refreshNotes();
	const cacheBytes = await vault.index.save();
	if (options.json) {
		out.json({ ...summary, cacheBytes, warnings: vault.warnings });
		return 0;
	}
	for (const warning of vault.warnings) out.error(`warning: ${warning}`);
	out.line(
		`Indexed ${plural(summary.notes, "note")} (${plural(summary.sections, "section")}) in ${summary.milliseconds} ms: ` +
			`${summary.reindexed} read, ${summary.unchanged} unchanged, ${summary.removed} removed, ${summary.excluded} excluded.`,
	);
	out.line(`Cache: ${summary.cache}${cacheBytes > 0 ? `; saved ${(cacheBytes / 1024).toFixed(0)} KiB` : "; nothing to save"}.`);
	if (summary.problems.length > 0) {
		out.line(`${plural(summary.problems.length, "problem")}:`);
		for (const problem of summary.problems) out.line(`- ${problem.message}`);
	}
	return 0;
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
