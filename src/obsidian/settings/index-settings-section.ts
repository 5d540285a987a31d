/** Settings for what the vault index covers: excluded folders and tags, and the size limit. */
import { Setting } from "obsidian";
import type { SettingsHost } from "./settings-host";
import { readExcludedFolder } from "../../core/index/excluded-folder";

function lines(value: string): string[] {
	return value
		.split("\n")
		.map((line) => line.trim())
		.filter((line) => line !== "");
}

export function displayIndexSettings(containerEl: HTMLElement, host: SettingsHost): void {
	new Setting(containerEl).setName("Vault index").setHeading();

	const folders = new Setting(containerEl)
		.setName("Excluded folders")
		.setDesc("One folder per line. Notes in these folders are never indexed, so the coworker never reads them or sends them to a model.");
	const refusals = folders.descEl.createDiv({ cls: "mod-warning" });
	/** A spelling that names no one folder (a wildcard, `..`, the vault root) is said at once, never silently ignored. */
	const showRefusals = (written: readonly string[]): void => {
		const refused = written.map(readExcludedFolder).flatMap((read) => (read.ok ? [] : [read.error]));
		refusals.setText(refused.map((error) => `${error.charAt(0).toUpperCase()}${error.slice(1)}.`).join(" "));
	};
	showRefusals(host.settings.excludedFolders);
	folders.addTextArea((text) =>
		text
			.setPlaceholder("Private")
			.setValue(host.settings.excludedFolders.join("\n"))
			.onChange(async (value) => {
				host.settings.excludedFolders = lines(value);
				showRefusals(host.settings.excludedFolders);
				await host.saveSettings(true);
			}),
	);

	new Setting(containerEl)
		.setName("Excluded tags")
		.setDesc("One tag per line, with or without #. Nested tags are excluded with their parent. Notes with coworker: private in their properties are always excluded.")
		.addTextArea((text) =>
			text
				.setPlaceholder("Private")
				.setValue(host.settings.excludedTags.join("\n"))
				.onChange(async (value) => {
					host.settings.excludedTags = lines(value);
					await host.saveSettings(true);
				}),
		);

	new Setting(containerEl)
		.setName("Largest note indexed in full, in megabytes")
		.setDesc("Longer notes are indexed by their beginning only, so one huge file cannot slow the whole index.")
		.addText((text) =>
			text.setValue(String(host.settings.maxNoteBytes / 1_000_000)).onChange(async (value) => {
				const megabytes = Number(value);
				if (!Number.isFinite(megabytes) || megabytes < 0.01) return;
				host.settings.maxNoteBytes = Math.round(megabytes * 1_000_000);
				await host.saveSettings(true);
			}),
		);

	new Setting(containerEl)
		.setName("Rebuild index")
		.setDesc("Reads every note again. Use it if search results look out of date.")
		.addButton((button) => button.setButtonText("Rebuild").onClick(() => void host.rebuildIndex()));
}
