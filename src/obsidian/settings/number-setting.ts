/** A whole-number setting: its range is the one data.json is checked against, and it saves itself. */
import { Setting } from "obsidian";
import { NUMBER_RANGES, type NumberSettingKey } from "../../core/settings/plugin-settings";
import type { SettingsHost } from "./settings-host";

/** Ignores what is not a whole number in range: the stored value stays as it was. */
export function numberSetting(containerEl: HTMLElement, host: SettingsHost, key: Exclude<NumberSettingKey, "maxNoteBytes">, name: string, desc: string): Setting {
	const [min, max] = NUMBER_RANGES[key];
	return new Setting(containerEl)
		.setName(name)
		.setDesc(desc)
		.addText((text) =>
			text.setValue(String(host.settings[key])).onChange(async (raw) => {
				const n = Number(raw);
				if (!Number.isInteger(n) || n < min || n > max) return;
				host.settings[key] = n;
				await host.saveSettings(false);
			}),
		);
}

/** "1 to 600", for a description that states the range. */
export function rangeWords(key: NumberSettingKey): string {
	const [min, max] = NUMBER_RANGES[key];
	return `${min} to ${max}`;
}
