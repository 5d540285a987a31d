/** `coworker review --list`: the drafts waiting for review, newest first, as the app's "Review queue" shows them. */
import type { VaultContext } from "../composition-root";
import type { Output } from "../output";
import { reviewQueue } from "../../core/review/review-queue";

export async function runReviewListCommand(vault: VaultContext, options: { json: boolean }, out: Output): Promise<number> {
	await vault.index.refresh();
	await vault.index.save();
	for (const warning of vault.warnings) out.error(`warning: ${warning}`);
	const drafts = await reviewQueue(vault.index, vault.reader, await vault.links());
	if (options.json) {
		out.json({
			drafts: drafts.map((draft) => ({
				path: draft.path,
				created: draft.created,
				format: draft.format,
				workflow: draft.workflowPath,
				goal: draft.goal,
				sources: draft.sources.length,
			})),
		});
		return 0;
	}
	if (drafts.length === 0) {
		out.line("Nothing is waiting for review.");
		return 0;
	}
	for (const draft of drafts) {
		const from = draft.workflowPath ? `workflow ${draft.workflowPath}` : "delegated task";
		const count = `${draft.sources.length} source${draft.sources.length === 1 ? "" : "s"}`;
		out.line(`${draft.created.slice(0, 16).replace("T", " ") || "(no date)"}  ${draft.path}  · ${from} · ${count}`);
	}
	return 0;
}
