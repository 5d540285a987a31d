/** `coworker delegate`: the same run as the plugin's "Delegate a task…", over a vault folder. */
import { runServicesFor, type VaultContext } from "../composition-root";
import type { Output } from "../output";
import { saveIndexCache } from "../save-index-cache";
import { useSemanticSearch } from "../semantic-config";
import type { ModelEnvironment } from "../model-config";
import { previewTask, runTask, type ContextPreview, type RunResult, type TaskRequest } from "../../core/run/run-task";
import type { SourceSpec } from "../../core/context/source-spec";
import type { DeliverableFormat } from "../../core/deliverable/deliverable-format";

export interface DelegateOptions extends ModelEnvironment {
	goal: string;
	format: DeliverableFormat;
	sources: SourceSpec[];
	useMemory: boolean;
	agentMode: boolean;
	dryRun: boolean;
	json: boolean;
}

export async function runDelegateCommand(vault: VaultContext, options: DelegateOptions, out: Output, signal?: AbortSignal): Promise<number> {
	await vault.index.refresh();
	await saveIndexCache(vault, out);
	// A dry run sends nothing anywhere, so its search sources rank by words only.
	if (!options.dryRun) await useSemanticSearch(vault, options.env, out);
	for (const warning of vault.warnings) out.error(`warning: ${warning}`);
	const request: TaskRequest = {
		goal: options.goal,
		format: options.format,
		sources: options.sources,
		useMemory: options.useMemory,
		agentMode: options.agentMode,
		trigger: "cli",
	};
	const links = await vault.links();
	const now = (): number => Date.now();
	const tools = await vault.externalTools(options);
	for (const problem of tools.problems) out.error(`warning: ${problem}`);
	// A dry run calls no tool, but it does read the MCP resource sources: the preview is what the run would send.
	const externalTools = tools.open ? { externalTools: tools.open } : {};

	if (options.dryRun) {
		const prepared = await previewTask(request, runServicesFor(vault, links, { model: null, now, ...externalTools }));
		if (!prepared.ok) {
			if (options.json) out.json({ status: "failed", error: prepared.error, warnings: prepared.warnings });
			else out.error(`coworker: ${prepared.error}`);
			return 1;
		}
		printPreview(prepared.preview, options.json, out);
		return 0;
	}

	const model = await vault.model(options);
	for (const note of model.notes) out.error(`note: ${note}`);
	const result = await runTask(request, runServicesFor(vault, links, { model: model.client, now, ...externalTools }), signal);
	printResult(result, options.json, out);
	return result.status === "ok" ? 0 : 1;
}

function printPreview(preview: ContextPreview, json: boolean, out: Output): void {
	if (json) {
		out.json({
			messages: preview.messages,
			tokens: preview.tokens,
			budget: preview.budget,
			sources: preview.sources,
			omitted: preview.omitted,
			warnings: preview.warnings,
			tools: preview.tools,
		});
		return;
	}
	for (const message of preview.messages) {
		out.line(`──── ${message.role} ────`);
		out.line(message.content ?? "");
		out.line("");
	}
	out.line(`Estimated tokens: ${preview.tokens} of a ${preview.budget}-token budget.`);
	out.line(`Sources (${preview.sources.length}): ${preview.sources.join(", ") || "none"}`);
	if (preview.tools.length > 0) out.line(`Tools offered: ${preview.tools.join(", ")}`);
	for (const line of [...preview.warnings, ...preview.omitted]) out.line(`Left out: ${line}`);
}

function printResult(result: RunResult, json: boolean, out: Output): void {
	if (json) {
		out.json({
			status: result.status === "ok" ? "ok" : "failed",
			deliverable: result.deliverable,
			files: result.files,
			sources: result.sources,
			unresolved_links: result.unresolvedLinks.length,
			truncated: result.truncated,
			usage: { prompt_tokens: result.usage.promptTokens, completion_tokens: result.usage.completionTokens, total_tokens: result.usage.totalTokens },
			tool_calls: result.toolCalls.map((call) => ({ server: call.server, tool: call.tool, status: call.status, ms: call.milliseconds })),
			error: result.error,
		});
		return;
	}
	for (const warning of result.warnings) out.error(`warning: ${warning}`);
	if (result.status !== "ok") {
		out.error(`coworker: ${result.error ?? "the run failed"}`);
		return;
	}
	out.line(`Wrote ${result.files.join(" and ")}`);
	if (result.truncated) out.line("Cut off: the model stopped at its output limit even after being asked to continue; the deliverable is marked truncated.");
	out.line(
		`Sources: ${result.sources.length}. Unresolved links: ${result.unresolvedLinks.length}. Tokens: ${result.usage.promptTokens} in, ${result.usage.completionTokens} out (${result.model}).`,
	);
}
