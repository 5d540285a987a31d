/** The plugin's settings as stored in its data.json, read the same way by the plugin and the CLI. */
import { DEFAULT_INDEX_SETTINGS, type IndexSettings } from "../index/index-settings";

/** Grows with each capability; today it is what the index needs. */
export type PluginSettings = IndexSettings;

export const DEFAULT_SETTINGS: PluginSettings = { ...DEFAULT_INDEX_SETTINGS };

/** Settings read from data.json, with one sentence per field that was wrong (and replaced by its default). */
export interface SettingsRead {
	settings: PluginSettings;
	problems: string[];
}

/**
 * Reads whatever data.json held (null when absent). Unknown keys are kept out; a field of the wrong type
 * falls back to its default and is reported, naming the field.
 */
export function settingsFromData(data: unknown, source: string): SettingsRead {
	const problems: string[] = [];
	const settings: PluginSettings = { ...DEFAULT_SETTINGS, excludedFolders: [], excludedTags: [] };
	if (data === null || data === undefined) return { settings, problems };
	if (typeof data !== "object" || Array.isArray(data)) {
		return { settings, problems: [`${source} does not hold an object of settings; the defaults are used.`] };
	}
	const record = data as Record<string, unknown>;
	for (const key of ["excludedFolders", "excludedTags"] as const) {
		const value = record[key];
		if (value === undefined) continue;
		if (Array.isArray(value) && value.every((v) => typeof v === "string")) settings[key] = value;
		else problems.push(`${source}: "${key}" must be a list of strings; it is ignored.`);
	}
	const max = record.maxNoteBytes;
	if (max !== undefined) {
		if (typeof max === "number" && Number.isFinite(max) && max >= 1000) settings.maxNoteBytes = Math.floor(max);
		else problems.push(`${source}: "maxNoteBytes" must be a number of at least 1000; the default is used.`);
	}
	return { settings, problems };
}
