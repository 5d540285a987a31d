/** "Ask": shows a tool and the exact arguments a run wants to call it with, and waits for approve once, always allow, or deny. */
import { Modal, Setting, type App } from "obsidian";

export class ToolApprovalModal extends Modal {
	private approved = false;
	private answer: (approved: boolean) => void = () => undefined;

	/** `alwaysAllow` saves "allow" as the tool's permission, so it is not asked about again. */
	constructor(
		app: App,
		private readonly server: string,
		private readonly tool: string,
		private readonly rawArguments: string,
		private readonly alwaysAllow: () => Promise<void>,
	) {
		super(app);
	}

	/** Opens the modal; resolves true for "Approve once". Closing it any other way, or cancelling the run, denies. */
	ask(signal?: AbortSignal): Promise<boolean> {
		if (signal?.aborted) return Promise.resolve(false);
		return new Promise((resolve) => {
			this.answer = resolve;
			signal?.addEventListener("abort", () => this.close(), { once: true });
			this.open();
		});
	}

	override onOpen(): void {
		this.setTitle("Allow this tool call?");
		this.contentEl.createEl("p", { text: `The running task wants to call ${this.tool} on the MCP server "${this.server}", which may change something outside the vault. It is asked about because its permission is "ask".` });
		this.contentEl.createEl("pre", { cls: "coworker-tool-arguments", text: prettyArguments(this.rawArguments) });
		this.contentEl.createEl("p", { cls: "setting-item-description", text: "Always allow sets its permission to allow; the tools view changes it back." });
		new Setting(this.contentEl)
			.addButton((button) => button.setButtonText("Deny").onClick(() => this.close()))
			.addButton((button) =>
				button.setButtonText("Always allow").onClick(async () => {
					this.approved = true;
					this.close();
					await this.alwaysAllow();
				}),
			)
			.addButton((button) =>
				button
					.setButtonText("Approve once")
					.setCta()
					.onClick(() => {
						this.approved = true;
						this.close();
					}),
			);
	}

	override onClose(): void {
		this.contentEl.empty();
		this.answer(this.approved);
	}
}

/** The arguments exactly as the model sent them, indented when they are JSON, so nothing is hidden on one long line. */
function prettyArguments(raw: string): string {
	try {
		return JSON.stringify(JSON.parse(raw || "{}"), null, 2);
	} catch {
		return raw;
	}
}
