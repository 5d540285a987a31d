/** Settings for workflows: which device runs the schedules, pausing them all, and where new workflow notes go. */
import { Setting } from "obsidian";
import type { SettingsHost } from "./settings-host";
import { numberSetting, rangeWords } from "./number-setting";

export function displayWorkflowSettings(containerEl: HTMLElement, host: SettingsHost): void {
	const { settings } = host;
	new Setting(containerEl).setName("Workflows").setHeading();

	new Setting(containerEl)
		.setName("Run scheduled workflows on this device")
		.setDesc(
			"Kept on this device only, not synced. Turn it off on the devices that should not run schedules (a laptop that sleeps, a phone). Each occurrence runs once wherever it runs.",
		)
		.addToggle((toggle) => toggle.setValue(host.runsOnThisDevice()).onChange((on) => host.setRunsOnThisDevice(on)));

	new Setting(containerEl)
		.setName("Pause all schedules")
		.setDesc("Synced with the vault: pauses every device. Runs by hand still work.")
		.addToggle((toggle) =>
			toggle.setValue(settings.schedulesPaused).onChange(async (value) => {
				settings.schedulesPaused = value;
				await host.saveSettings(false);
			}),
		);

	new Setting(containerEl)
		.setName("Folder for new workflow notes")
		.setDesc("Where new workflow notes are created.")
		.addText((text) =>
			text.setValue(settings.workflowFolder).onChange(async (value) => {
				settings.workflowFolder = value.trim();
				await host.saveSettings(false);
			}),
		);

	numberSetting(
		containerEl,
		host,
		"keepRunRecordsDays",
		"Keep run records for",
		`Days (${rangeWords("keepRunRecordsDays")}). Older run records, claims of settled occurrences and workflow history are removed from the plugin's folder at start; deliverables are never touched.`,
	);
}
