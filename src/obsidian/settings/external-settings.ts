/** Settings changed underneath the app (Obsidian Sync, another device): what to re-read and what it changes. */
import { settingsFromData, type PluginSettings, type SettingsRead } from "../../core/settings/plugin-settings";
import type { IndexSettings } from "../../core/index/index-settings";

/** What re-reading data.json gave: the settings to take, or one sentence on why the live ones stay. */
export type ExternalSettingsRead = { ok: true; read: SettingsRead; data: unknown } | { ok: false; reason: string };

/**
 * Reads data.json as it now is on disk. A file that is gone or does not parse (a sync caught half way) keeps the
 * live settings: falling back to the defaults would drop the user's exclusions, and privacy fails closed.
 */
export async function readExternalSettings(loadData: () => Promise<unknown>, source: string): Promise<ExternalSettingsRead> {
	let data: unknown;
	try {
		data = await loadData();
	} catch (error) {
		return { ok: false, reason: `${source} changed on disk but could not be read (${error instanceof Error ? error.message : String(error)}); the settings in use are kept.` };
	}
	if (data === null || data === undefined) return { ok: false, reason: `${source} was removed on disk; the settings in use are kept.` };
	return { ok: true, read: settingsFromData(data, source), data };
}

/** Whether what the index covers differs between the two. */
export function indexSettingsDiffer(a: IndexSettings, b: IndexSettings): boolean {
	return a.maxNoteBytes !== b.maxNoteBytes || !sameList(a.excludedFolders, b.excludedFolders) || !sameList(a.excludedTags, b.excludedTags);
}

/**
 * Copies `fresh` into `live` in place: the settings tab, the services and the save callbacks all hold `live`,
 * so none of them can later write an older copy back over data.json.
 */
export function replaceSettingsInPlace(live: PluginSettings, fresh: PluginSettings): void {
	for (const key of Object.keys(live) as (keyof PluginSettings)[]) if (!(key in fresh)) delete live[key];
	Object.assign(live, fresh);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((item, i) => item === b[i]);
}
