/** The app's fallback when data.json's exclusions cannot be known: the last exclusions that could, kept in the plugin's store. */
import type { KeyValueStore } from "../ports/key-value-store";
import type { PluginSettings, SettingsRead } from "./plugin-settings";

export const LAST_GOOD_EXCLUSIONS_KEY = "last-good-exclusions.json";

interface Exclusions {
	excludedFolders: string[];
	excludedTags: string[];
}

/**
 * Good exclusions are remembered; bad ones are replaced by the last good ones, with a sentence saying so.
 * Returns the settings to use and the sentences to show.
 */
export async function applyLastGoodExclusions(read: SettingsRead, raw: unknown, store: KeyValueStore): Promise<{ settings: PluginSettings; notices: string[] }> {
	const settings = read.settings;
	const others = read.problems.filter((problem) => problem !== read.exclusionProblem);
	if (read.exclusionProblem === null) {
		const good = JSON.stringify({ excludedFolders: settings.excludedFolders, excludedTags: settings.excludedTags } satisfies Exclusions);
		// Written only when they changed: every start reads them, and a write each start would sync the file each time.
		if ((await store.read(LAST_GOOD_EXCLUSIONS_KEY).catch(() => null)) !== good) await store.write(LAST_GOOD_EXCLUSIONS_KEY, good).catch(() => undefined);
		return { settings, notices: read.problems };
	}
	const last = parseExclusions(await store.read(LAST_GOOD_EXCLUSIONS_KEY).catch(() => null));
	if (last !== null) {
		settings.excludedFolders = last.excludedFolders;
		settings.excludedTags = last.excludedTags;
		const listed = [...last.excludedFolders.map((f) => `folder ${f}`), ...last.excludedTags.map((t) => `tag ${t}`)].join(", ") || "none";
		return { settings, notices: [`${read.exclusionProblem} The last good exclusions are kept (${listed}).`, ...others] };
	}
	// Nothing known: whatever text the broken lists still hold is kept, never less.
	const record = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
	const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
	settings.excludedFolders = strings(record.excludedFolders);
	settings.excludedTags = strings(record.excludedTags);
	return { settings, notices: [`${read.exclusionProblem} No earlier exclusions are known; only the folders and tags written as text are excluded until the settings are fixed.`, ...others] };
}

function parseExclusions(text: string | null): Exclusions | null {
	if (text === null) return null;
	try {
		const data = JSON.parse(text) as Partial<Exclusions> | null;
		const list = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string");
		if (data && list(data.excludedFolders) && list(data.excludedTags)) return { excludedFolders: data.excludedFolders, excludedTags: data.excludedTags };
	} catch {
		// A damaged copy is no copy.
	}
	return null;
}
