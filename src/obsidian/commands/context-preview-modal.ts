/** Shows exactly what a run would send: every message, the token estimate against the budget, and what was left out. */
import { Modal, Notice, Setting, type App } from "obsidian";
import type { ContextPreview } from "../../core/run/run-task";

export class ContextPreviewModal extends Modal {
	constructor(
		app: App,
		private readonly preview: ContextPreview,
	) {
		super(app);
	}

	override onOpen(): void {
		const { contentEl, preview } = this;
		this.setTitle("Context preview");
		contentEl.createEl("p", {
			text: `About ${preview.tokens.toLocaleString()} tokens of a ${preview.budget.toLocaleString()}-token budget, from ${preview.sources.length} source${preview.sources.length === 1 ? "" : "s"}. Nothing has been sent.`,
		});
		if (preview.tools.length > 0) contentEl.createEl("p", { text: `Agent mode: the model may also call ${preview.tools.join(", ")}.` });
		const leftOut = [...preview.warnings, ...preview.omitted];
		if (leftOut.length > 0) {
			contentEl.createEl("h4", { text: "Left out" });
			const list = contentEl.createEl("ul");
			for (const line of leftOut) list.createEl("li", { text: line });
		}
		for (const message of preview.messages) {
			contentEl.createEl("h4", { text: message.role === "system" ? "System message" : message.role === "user" ? "User message" : message.role });
			contentEl.createEl("pre", { cls: "coworker-preview-message", text: message.content ?? "" });
		}
		new Setting(contentEl).addButton((button) =>
			button.setButtonText("Copy messages").onClick(() => {
				const text = preview.messages.map((message) => `## ${message.role}\n\n${message.content ?? ""}`).join("\n\n");
				void navigator.clipboard.writeText(text).then(
					() => new Notice("Copied the messages."),
					() => new Notice("The clipboard is not available."),
				);
			}),
		);
	}

	override onClose(): void {
		this.contentEl.empty();
	}
}
