/** Command "Pause all schedules": a toggle, kept in the synced settings so it pauses every device. */
import { Notice, type Command } from "obsidian";
import type { PluginSettings } from "../../core/settings/plugin-settings";

export function pauseSchedulesCommand(settings: () => PluginSettings, save: () => Promise<void>): Command {
	return {
		id: "pause-all-schedules",
		name: "Pause all schedules",
		callback: () => {
			const current = settings();
			current.schedulesPaused = !current.schedulesPaused;
			void save().then(() =>
				new Notice(current.schedulesPaused ? "All schedules are paused. Run this command again to resume them." : "Schedules are running again; missed occurrences follow each workflow's catch_up."),
			);
		},
	};
}
