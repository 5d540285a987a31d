/** Command "Refine workflow from feedback": the model proposes a new instruction from the lessons; nothing changes without Accept. */
import { Modal, Notice, Setting, type App, type Command } from "obsidian";
import type { PluginSettings } from "../../core/settings/plugin-settings";
import { proposeInstruction } from "../../core/review/refine-workflow";
import { replaceInstruction } from "../../core/review/note-sections";
import { ModelError } from "../../core/model/model-error";
import type { WorkflowService } from "../workflows/workflow-service";
import type { ReviewService } from "../review/review-service";
import type { AppAdapters } from "../app-adapters";
import type { PluginModel } from "../model/plugin-model";
import { activeNoteOfKind } from "./active-note";

export class RefineModal extends Modal {
	constructor(
		app: App,
		private readonly path: string,
		private readonly current: string,
		private readonly proposal: string,
		private readonly onAccept: () => void,
	) {
		super(app);
	}

	override onOpen(): void {
		this.setTitle("Refine workflow");
		this.contentEl.createEl("p", { text: `A new instruction for ${this.path}, written from its lessons. Nothing changes unless you accept it.` });
		const columns = this.contentEl.createDiv({ cls: "coworker-compare" });
		for (const [title, text] of [
			["Current", this.current],
			["Proposed", this.proposal],
		] as const) {
			const column = columns.createDiv({ cls: "coworker-compare-column" });
			column.createEl("h4", { text: title });
			column.createEl("pre", { cls: "coworker-preview-message", text });
		}
		new Setting(this.contentEl)
			.addButton((button) => button.setButtonText("Discard").onClick(() => this.close()))
			.addButton((button) =>
				button
					.setButtonText("Accept")
					.setCta()
					.onClick(() => {
						this.close();
						this.onAccept();
					}),
			);
	}

	override onClose(): void {
		this.contentEl.empty();
	}
}

export function refineWorkflowCommand(app: App, workflows: WorkflowService, review: ReviewService, settings: () => PluginSettings, modelFor: AppAdapters["model"]): Command {
	return {
		id: "refine-workflow",
		name: "Refine workflow from feedback",
		checkCallback: (checking) => {
			const file = activeNoteOfKind(app, "workflow");
			if (!file) return false;
			if (!checking) void refine(app, file.path, workflows, review, modelFor(settings()));
			return true;
		},
	};
}

async function refine(app: App, path: string, workflows: WorkflowService, review: ReviewService, model: PluginModel): Promise<void> {
	const read = await workflows.workflowAt(path);
	if (!read?.workflow) {
		new Notice(read?.problems[0]?.message ?? `${path} is not a valid workflow.`);
		return;
	}
	if (!model.ok) {
		new Notice(model.error);
		return;
	}
	const workflow = read.workflow;
	const working = new Notice(`Asking the model to refine ${workflow.name}…`, 0);
	try {
		const proposal = await proposeInstruction(model.client, workflow);
		new RefineModal(app, path, workflow.instruction, proposal, () => {
			void review
				.editor()
				.process(path, (text) => replaceInstruction(text, proposal))
				.then(() => new Notice(`The instruction of ${workflow.name} was replaced; its lessons are kept.`));
		}).open();
	} catch (error) {
		new Notice(error instanceof ModelError ? error.message : `The refinement failed: ${error instanceof Error ? error.message : String(error)}`);
	} finally {
		working.hide();
	}
}
