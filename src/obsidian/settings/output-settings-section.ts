/** Settings for deliverables: where they go, how they are named, the memory note, earlier ones as context, and opening the result. */
import { Setting } from "obsidian";
import { checkOutputTemplate } from "../../core/deliverable/output-path";
import { isEarlierDeliverablesPolicy, type EarlierDeliverablesPolicy } from "../../core/context/earlier-deliverables";
import type { SettingsHost } from "./settings-host";

export function displayOutputSettings(containerEl: HTMLElement, host: SettingsHost): void {
	const { settings } = host;
	new Setting(containerEl).setName("Deliverables").setHeading();

	const folder = new Setting(containerEl).setName("Output folder").setDesc("Where delegated tasks write their deliverables. Created when needed.");
	const name = new Setting(containerEl)
		.setName("File name")
		.setDesc("Without extension. Placeholders: {{date}}, {{title}} (from the goal), {{workflow}}. An existing file is never overwritten: a number is added.");
	const check = (): boolean => {
		const problem = checkOutputTemplate(`${settings.outputFolder}/${settings.fileNameTemplate}`, "File name");
		name.descEl.toggleClass("mod-warning", problem !== null);
		if (problem) name.setDesc(problem);
		return problem === null;
	};
	folder.addText((text) =>
		text
			.setValue(settings.outputFolder)
			.onChange(async (value) => {
				settings.outputFolder = value.trim();
				if (check()) await host.saveSettings(false);
			}),
	);
	name.addText((text) =>
		text
			.setPlaceholder("{{date}} {{title}}")
			.setValue(settings.fileNameTemplate)
			.onChange(async (value) => {
				settings.fileNameTemplate = value.trim();
				if (check()) await host.saveSettings(false);
			}),
	);

	new Setting(containerEl)
		.setName("Memory note")
		.setDesc("Read on every run. Created with a short explanation the first time it is used.")
		.addText((text) =>
			text
				.setPlaceholder("Coworker/Memory.md")
				.setValue(settings.memoryNotePath)
				.onChange(async (value) => {
					const trimmed = value.trim();
					if (trimmed === "") return;
					settings.memoryNotePath = /\.md$/i.test(trimmed) ? trimmed : `${trimmed}.md`;
					await host.saveSettings(false);
				}),
		);

	const policies: Record<EarlierDeliverablesPolicy, string> = { approved: "Approved only", all: "All, drafts too", none: "None" };
	new Setting(containerEl)
		.setName("Earlier deliverables as context")
		.setDesc(
			"Which of the coworker's own deliverables a search, folder, tag or linked-notes source brings in, labelled as earlier output. A deliverable you name as a source is always read, and a workflow always gets its previous one.",
		)
		.addDropdown((dropdown) => {
			for (const [value, label] of Object.entries(policies)) dropdown.addOption(value, label);
			dropdown.setValue(settings.earlierDeliverables).onChange(async (value) => {
				if (!isEarlierDeliverablesPolicy(value)) return;
				settings.earlierDeliverables = value;
				await host.saveSettings(false);
			});
		});

	new Setting(containerEl)
		.setName("Open the deliverable")
		.setDesc("After a task you started, open what it wrote in a new tab.")
		.addToggle((toggle) =>
			toggle.setValue(settings.openDeliverable).onChange(async (value) => {
				settings.openDeliverable = value;
				await host.saveSettings(false);
			}),
		);
}
