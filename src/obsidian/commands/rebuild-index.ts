/** Command "Rebuild index": drops the index and its cache and reads the whole vault again. */
import { Notice, type Command } from "obsidian";
import type { IndexSync } from "../index/index-sync";

/** More than this many problems would not fit on screen; the rest are counted. */
const MAX_PROBLEMS_SHOWN = 5;

export function rebuildIndexCommand(sync: IndexSync): Command {
	return {
		id: "rebuild-index",
		name: "Rebuild index",
		callback: async () => {
			const summary = await sync.rebuild();
			if (!summary) return;
			const problems = summary.problems.length > 0 ? `; ${summary.problems.length} notes have problems` : "";
			new Notice(`Vault index rebuilt: ${summary.notes} notes, ${summary.sections} sections in ${(summary.milliseconds / 1000).toFixed(1)} s${problems}.`);
			// In the notice, not the console: the guidelines keep the console for errors, and the user is the one to act.
			const shown = summary.problems.slice(0, MAX_PROBLEMS_SHOWN).map((problem) => problem.message);
			const more = summary.problems.length - shown.length;
			if (shown.length > 0) new Notice([...shown, ...(more > 0 ? [`…and ${more} more.`] : [])].join("\n"), 0);
		},
	};
}
