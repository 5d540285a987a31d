/** Command "Run this workflow now": the workflow in the current note, by hand, outside its schedule. */
import { Notice, type App, type Command } from "obsidian";
import type { PluginSettings } from "../../core/settings/plugin-settings";
import type { Workflow } from "../../core/workflow/workflow";
import type { WorkflowService } from "../workflows/workflow-service";
import { activeNoteOfKind } from "./active-note";

export function runThisWorkflowCommand(app: App, service: WorkflowService, settings: () => PluginSettings): Command {
	return {
		id: "run-this-workflow",
		name: "Run this workflow now",
		checkCallback: (checking) => {
			const file = activeNoteOfKind(app, "workflow");
			if (!file) return false;
			if (!checking) {
				void service.workflowAt(file.path).then((read) => {
					if (!read?.workflow) {
						new Notice(read?.problems.map((problem) => problem.message).join(" ") ?? `${file.path} is not a workflow note.`);
						return;
					}
					void runWorkflowByHand(app, service, read.workflow, settings);
				});
			}
			return true;
		},
	};
}

/** Runs a workflow by hand and, like any task started by hand, opens what it wrote in a new tab. */
export async function runWorkflowByHand(app: App, service: WorkflowService, workflow: Workflow, settings: () => PluginSettings): Promise<void> {
	const report = await service.runNow(workflow);
	if (report.status !== "ok" || !report.deliverable || !settings().openDeliverable) return;
	const file = app.vault.getFileByPath(report.deliverable);
	if (file) await app.workspace.getLeaf("tab").openFile(file);
}
