/** Command "Run a workflow…": pick any valid workflow and run it now. */
import { SuggestModal, type App, type Command } from "obsidian";
import type { PluginSettings } from "../../core/settings/plugin-settings";
import type { Workflow } from "../../core/workflow/workflow";
import type { WorkflowService } from "../workflows/workflow-service";
import { runWorkflowByHand } from "./run-this-workflow";

export class WorkflowPickerModal extends SuggestModal<Workflow> {
	constructor(
		app: App,
		private readonly workflows: readonly Workflow[],
		private readonly onPick: (workflow: Workflow) => void,
	) {
		super(app);
		this.setPlaceholder("Run which workflow?");
		this.emptyStateText = "No valid workflow notes. Show workflows lists the problems of the others.";
	}

	getSuggestions(query: string): Workflow[] {
		const words = query.toLowerCase().split(/\s+/).filter((word) => word !== "");
		return this.workflows.filter((workflow) => words.every((word) => workflow.path.toLowerCase().includes(word)));
	}

	renderSuggestion(workflow: Workflow, el: HTMLElement): void {
		el.createDiv({ text: workflow.name });
		el.createDiv({ cls: "coworker-search-hit-path", text: workflow.schedule?.describe() ?? "No schedule: runs by hand only." });
	}

	onChooseSuggestion(workflow: Workflow): void {
		this.onPick(workflow);
	}
}

export function runAWorkflowCommand(app: App, service: WorkflowService, settings: () => PluginSettings): Command {
	return {
		id: "run-a-workflow",
		name: "Run a workflow…",
		callback: () => {
			void service.listWorkflows().then((reads) => {
				const valid = reads.flatMap((read) => (read.workflow ? [read.workflow] : []));
				new WorkflowPickerModal(app, valid, (workflow) => void runWorkflowByHand(app, service, workflow, settings)).open();
			});
		},
	};
}
