/** Command "Rebuild index": drops the index and its cache and reads the whole vault again. */
import { Notice, type Command } from "obsidian";
import type { IndexSync } from "../index/index-sync";

export function rebuildIndexCommand(sync: IndexSync): Command {
	return {
		id: "rebuild-index",
		name: "Rebuild index",
		callback: async () => {
			const summary = await sync.rebuild();
			if (!summary) return;
			const problems = summary.problems.length > 0 ? `; ${summary.problems.length} notes have problems (see the console)` : "";
			new Notice(`Vault index rebuilt: ${summary.notes} notes, ${summary.sections} sections in ${(summary.milliseconds / 1000).toFixed(1)} s${problems}.`);
			for (const problem of summary.problems) console.warn(`[AI Coworker] ${problem.message}`);
		},
	};
}
