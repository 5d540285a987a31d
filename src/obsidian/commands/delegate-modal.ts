/** The "Delegate a task…" form: the goal, the format, the sources, then Delegate or Preview context. */
import { Modal, Notice, Setting, type App } from "obsidian";
import { DELIVERABLE_FORMATS, FORMAT_LABELS, isDeliverableFormat } from "../../core/deliverable/deliverable-format";
import type { TaskRequest } from "../../core/run/task-request";
import { defaultChoices, requestFromChoices, type DelegateChoices, type DelegateOrigin } from "./delegate-choices";
import { FilePickerModal } from "./file-picker-modal";
import { ResourcePickerModal } from "./resource-picker-modal";
import type { ListedResource } from "../../core/tools/mcp-connections";

/** A resource as it is written (server name, slash, URI); not a sentence, so it keeps its case. */
const RESOURCE_EXAMPLE = "calendar/events://today";

export interface DelegateModalOptions {
	origin: DelegateOrigin;
	agentMode: boolean;
	/** MCP servers the task may use (each a toggle); empty hides the tools part. */
	servers: readonly string[];
	/** The resources the servers list, for "Browse…" (starts the servers). */
	listResources(): Promise<ListedResource[]>;
	/** Which button is the main one: the "Preview context" command opens the same form. */
	primary: "delegate" | "preview";
	onDelegate(request: TaskRequest): void;
	onPreview(request: TaskRequest): void;
}

export class DelegateModal extends Modal {
	private readonly choices: DelegateChoices;

	constructor(
		app: App,
		private readonly options: DelegateModalOptions,
	) {
		super(app);
		this.choices = defaultChoices(options.origin, options.agentMode, options.servers);
	}

	override onOpen(): void {
		this.setTitle(this.options.primary === "preview" ? "Preview context" : "Delegate a task");
		this.render();
		// Ctrl/Cmd+Enter submits from anywhere in the form, as in Obsidian's own dialogs.
		this.scope.register(["Mod"], "Enter", () => {
			this.submit(this.options.primary);
			return false;
		});
	}

	override onClose(): void {
		this.contentEl.empty();
	}

	private render(): void {
		const { contentEl } = this;
		const { origin } = this.options;
		contentEl.empty();
		new Setting(contentEl)
			.setName("Goal")
			.setDesc("What should the deliverable be? Say who it is for and what makes it good.")
			.addTextArea((text) => {
				text.setPlaceholder("Write a one-page status update on the renewal for the leadership team.");
				text.setValue(this.choices.goal).onChange((value) => (this.choices.goal = value));
				text.inputEl.rows = 4;
				text.inputEl.addClass("coworker-goal");
			});
		new Setting(contentEl).setName("Format").addDropdown((dropdown) => {
			for (const format of DELIVERABLE_FORMATS) dropdown.addOption(format, FORMAT_LABELS[format]);
			dropdown.setValue(this.choices.format).onChange((value) => {
				if (isDeliverableFormat(value)) this.choices.format = value;
			});
		});

		new Setting(contentEl).setName("Sources").setHeading();
		if (origin.selection !== "") {
			new Setting(contentEl)
				.setName("Selection")
				.setDesc(`${origin.selection.length} characters selected${origin.activeFile ? ` in ${origin.activeFile}` : ""}.`)
				.addToggle((toggle) => toggle.setValue(this.choices.selection).onChange((value) => (this.choices.selection = value)));
		}
		if (origin.activeFile) {
			new Setting(contentEl)
				.setName("Current note")
				.setDesc(origin.activeFile)
				.addToggle((toggle) => toggle.setValue(this.choices.currentNote).onChange((value) => (this.choices.currentNote = value)));
			new Setting(contentEl)
				.setName("Notes linked from the current note")
				.addToggle((toggle) => toggle.setValue(this.choices.linkedNotes).onChange((value) => (this.choices.linkedNotes = value)));
		}
		new Setting(contentEl)
			.setName("Folder")
			.setDesc("Every note in this folder and its subfolders.")
			.addText((text) => text.setPlaceholder("Meetings").setValue(this.choices.folder).onChange((value) => (this.choices.folder = value)));
		new Setting(contentEl)
			.setName("Tag")
			.setDesc("Every note with this tag, written with or without #. Nested tags count.")
			.addText((text) => text.setPlaceholder("Project").setValue(this.choices.tag).onChange((value) => (this.choices.tag = value)));
		new Setting(contentEl)
			.setName("Search")
			.setDesc("The best matches for these words in the vault index.")
			.addText((text) => text.setPlaceholder("Renewal risk").setValue(this.choices.search).onChange((value) => (this.choices.search = value)));
		const files = new Setting(contentEl)
			.setName("Notes and CSV files")
			.setDesc(this.choices.files.length === 0 ? "None picked." : "")
			.addButton((button) =>
				button.setButtonText("Add…").onClick(() => {
					new FilePickerModal(this.app, (file) => {
						if (!this.choices.files.includes(file.path)) this.choices.files.push(file.path);
						this.render();
					}).open();
				}),
			);
		for (const path of this.choices.files) {
			const row = files.descEl.createDiv({ cls: "coworker-picked-file" });
			row.createSpan({ text: path });
			const remove = row.createEl("button", { text: "Remove", cls: "coworker-remove-file" });
			remove.addEventListener("click", () => {
				this.choices.files = this.choices.files.filter((picked) => picked !== path);
				this.render();
			});
		}
		new Setting(contentEl)
			.setName("Memory note")
			.setDesc("Preferences and decisions the coworker keeps in mind on every run.")
			.addToggle((toggle) => toggle.setValue(this.choices.memory).onChange((value) => (this.choices.memory = value)));
		new Setting(contentEl)
			.setName("Agent mode")
			.setDesc("Let the model search and read more notes itself, within the context budget. Read-only.")
			.addToggle((toggle) => toggle.setValue(this.choices.agentMode).onChange((value) => (this.choices.agentMode = value)));

		if (this.options.servers.length > 0) this.renderTools(contentEl);

		new Setting(contentEl)
			.addButton((button) => {
				button.setButtonText("Preview context").onClick(() => this.submit("preview"));
				if (this.options.primary === "preview") button.setCta();
			})
			.addButton((button) => {
				button.setButtonText("Delegate").onClick(() => this.submit("delegate"));
				if (this.options.primary === "delegate") button.setCta();
			});
	}

	/** The MCP servers the task may use, and a resource of theirs to read like a note. */
	private renderTools(contentEl: HTMLElement): void {
		new Setting(contentEl).setName("Tools").setHeading();
		new Setting(contentEl)
			.setName("MCP resource")
			.setDesc("A server's resource to read like a note: the server's name, a slash, then the resource's address.")
			.addText((text) => text.setPlaceholder(RESOURCE_EXAMPLE).setValue(this.choices.mcpResource).onChange((value) => (this.choices.mcpResource = value)))
			.addButton((button) =>
				button.setButtonText("Browse…").onClick(async () => {
					button.setDisabled(true);
					const resources = await this.options.listResources();
					button.setDisabled(false);
					new ResourcePickerModal(this.app, resources, (spec) => {
						this.choices.mcpResource = spec;
						this.render();
					}).open();
				}),
			);
		for (const server of this.options.servers) {
			new Setting(contentEl)
				.setName(server)
				.setDesc("Offer this MCP server's tools to the model.")
				.addToggle((toggle) =>
					toggle.setValue(this.choices.servers.includes(server)).onChange((on) => {
						this.choices.servers = on ? [...this.choices.servers, server] : this.choices.servers.filter((name) => name !== server);
					}),
				);
		}
	}

	private submit(action: "delegate" | "preview"): void {
		if (this.choices.goal.trim() === "") {
			new Notice("Write the goal first: what should the deliverable be?");
			return;
		}
		const built = requestFromChoices(this.choices, this.options.origin, this.options.servers);
		if (!built.ok) {
			new Notice(built.error);
			return;
		}
		const { request } = built;
		if (action === "preview") {
			this.options.onPreview(request);
			return;
		}
		this.close();
		this.options.onDelegate(request);
	}
}
