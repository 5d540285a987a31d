/** Before the first full embedding: the figures (sections, estimated tokens, where they go), and embed or not now. */
import { Modal, Setting, type App } from "obsidian";

export class EmbeddingCostModal extends Modal {
	private accepted = false;
	private answer: (accepted: boolean) => void = () => undefined;

	constructor(
		app: App,
		private readonly cost: string,
	) {
		super(app);
	}

	/** Resolves true for "Embed"; closing the modal any other way sends nothing. */
	ask(): Promise<boolean> {
		return new Promise((resolve) => {
			this.answer = resolve;
			this.open();
		});
	}

	override onOpen(): void {
		this.setTitle("Embed your notes for semantic search?");
		this.contentEl.createEl("p", { text: this.cost });
		this.contentEl.createEl("p", {
			cls: "setting-item-description",
			text: "Private notes and excluded folders and tags are never sent. After this, only sections you add or change are sent, and each search sends its query.",
		});
		new Setting(this.contentEl)
			.addButton((button) => button.setButtonText("Not now").onClick(() => this.close()))
			.addButton((button) =>
				button
					.setButtonText("Embed")
					.setCta()
					.onClick(() => {
						this.accepted = true;
						this.close();
					}),
			);
	}

	override onClose(): void {
		this.contentEl.empty();
		this.answer(this.accepted);
	}
}
