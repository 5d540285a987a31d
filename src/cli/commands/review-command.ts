/** `coworker review`: approve a deliverable, or give feedback (a lesson) and optionally write a revision. */
import { runServicesFor, type VaultContext } from "../composition-root";
import { systemTimeZone } from "../../core/workflow/time-zones";
import type { Output } from "../output";
import { saveIndexCache } from "../save-index-cache";
import type { ModelEnvironment } from "../model-config";
import { approveDeliverable, requestChanges, type ReviewResult, type ReviewServices } from "../../core/review/review-deliverable";
import { vaultPathOf } from "../../core/notes/note-path";
import { UsageError } from "../usage-error";

export interface ReviewOptions extends ModelEnvironment {
	deliverable: string;
	approve: boolean;
	feedback: string | null;
	revise: boolean;
	/** Keep the feedback in the memory note too, for future tasks. */
	remember: boolean;
	json: boolean;
}

export async function runReviewCommand(vault: VaultContext, options: ReviewOptions, out: Output, signal?: AbortSignal): Promise<number> {
	const path = vaultPathOf(options.deliverable);
	if (path === null || path === "") throw new UsageError(`${options.deliverable} is not a path inside the vault.`);
	await vault.index.refresh();
	for (const warning of vault.warnings) out.error(`warning: ${warning}`);
	await saveIndexCache(vault, out);
	const { links, workflowVault } = await vault.lookups();
	const model = options.revise ? await vault.model(options) : null;
	for (const note of model?.notes ?? []) out.error(`note: ${note}`);
	// A revision is a run like the first: the same MCP servers, for its tools and the resources it read.
	const tools = options.revise ? await vault.externalTools(options) : null;
	for (const problem of tools?.problems ?? []) out.error(`warning: ${problem}`);
	const services: ReviewServices = {
		run: runServicesFor(vault, links, { model: model?.client ?? null, now: () => Date.now(), ...(tools?.open ? { externalTools: tools.open } : {}) }),
		editor: vault.editor,
		writer: vault.writer,
		workflowVault,
		workflowDefaults: { outputFolder: vault.settings.outputFolder, localZone: systemTimeZone() },
		memoryPath: vault.settings.memoryNotePath,
	};
	const result = options.approve ? await approveDeliverable(path, services) : await requestChanges(path, options.feedback ?? "", { revise: options.revise, remember: options.remember }, services, signal);
	print(result, options.json, out);
	return result.ok && (result.revision === null || result.revision.status === "ok") ? 0 : 1;
}

function print(result: ReviewResult, json: boolean, out: Output): void {
	if (json) {
		out.json(
			result.ok
				? {
						status: result.revision && result.revision.status !== "ok" ? "failed" : "ok",
						deliverable: result.deliverable,
						review_status: result.status,
						lesson_in: result.lessonIn,
						revision: result.revision
							? {
									status: result.revision.status === "ok" ? "ok" : "failed",
									deliverable: result.revision.deliverable,
									files: result.revision.files,
									sources: result.revision.sources,
									unresolved_links: result.revision.unresolvedLinks.length,
									usage: { prompt_tokens: result.revision.usage.promptTokens, completion_tokens: result.revision.usage.completionTokens, total_tokens: result.revision.usage.totalTokens },
									error: result.revision.error,
								}
							: null,
						error: result.revision?.error ?? null,
					}
				: { status: "failed", deliverable: null, review_status: null, lesson_in: null, revision: null, error: result.error },
		);
		return;
	}
	if (!result.ok) {
		out.error(`coworker: ${result.error}`);
		return;
	}
	out.line(`${result.deliverable}: ${result.status}.`);
	if (result.lessonIn) out.line(`Lesson added to ${result.lessonIn}.`);
	else out.line("The feedback is kept in the deliverable's feedback property; add --remember to keep it for future tasks.");
	if (result.revision) {
		if (result.revision.status === "ok") out.line(`Revision written: ${result.revision.deliverable ?? ""}`);
		else out.error(`coworker: the revision failed: ${result.revision.error ?? "unknown error"}`);
	}
}
