/** Asks what should change in a deliverable, and whether to write a revision now. */
import { Modal, Notice, Setting, type App } from "obsidian";
import type { FeedbackChoices } from "../../core/review/review-deliverable";

export class FeedbackModal extends Modal {
	private feedback = "";
	private revise = true;
	private remember = false;

	constructor(
		app: App,
		private readonly deliverable: string,
		private readonly onSubmit: (feedback: string, choices: FeedbackChoices) => void,
	) {
		super(app);
	}

	override onOpen(): void {
		this.setTitle("Request changes");
		this.contentEl.createEl("p", {
			text: `What should change in ${this.deliverable}? A workflow's deliverable teaches the workflow a lesson for its next runs; a delegated task's feedback goes into its revision.`,
		});
		new Setting(this.contentEl).setName("Feedback").addTextArea((text) => {
			text.setPlaceholder("Put decisions before open questions.").onChange((value) => (this.feedback = value));
			text.inputEl.rows = 4;
			text.inputEl.addClass("coworker-goal");
		});
		new Setting(this.contentEl)
			.setName("Write a revision now")
			.setDesc("A new note that addresses the feedback and links to this one; this one is kept.")
			.addToggle((toggle) => toggle.setValue(this.revise).onChange((value) => (this.revise = value)));
		new Setting(this.contentEl)
			.setName("Remember for future tasks")
			.setDesc("Also add the feedback to the memory note, which every task reads.")
			.addToggle((toggle) => toggle.setValue(this.remember).onChange((value) => (this.remember = value)));
		new Setting(this.contentEl).addButton((button) => button.setButtonText("Send back").setCta().onClick(() => this.submit()));
		this.scope.register(["Mod"], "Enter", () => {
			this.submit();
			return false;
		});
	}

	override onClose(): void {
		this.contentEl.empty();
	}

	private submit(): void {
		if (this.feedback.trim() === "") {
			new Notice("Write the feedback first: what should change?");
			return;
		}
		this.close();
		this.onSubmit(this.feedback, { revise: this.revise, remember: this.remember });
	}
}
