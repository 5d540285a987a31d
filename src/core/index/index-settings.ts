/** What the index leaves out, and the limits that keep one odd file from stalling it. */
import { hasTag } from "../notes/tags";
import { isInFolder } from "../notes/note-path";
import { isPrivateNote } from "../notes/parse-note";
import type { NoteContent } from "../notes/parsed-note";
import { excludedFolderPaths } from "./excluded-folder";

export interface IndexSettings {
	/** Vault-relative folders whose notes are never indexed (nor, later, sent to a model). */
	excludedFolders: string[];
	/** Tags (with or without `#`) whose notes are never indexed; nested tags count (`private` covers `private/hr`). */
	excludedTags: string[];
	/** Notes larger than this are indexed by their first this-many characters only. */
	maxNoteBytes: number;
}

export const DEFAULT_INDEX_SETTINGS: IndexSettings = {
	excludedFolders: [],
	excludedTags: [],
	maxNoteBytes: 1_000_000,
};

/** Why a note is not indexed, or null when it is. */
export type ExclusionReason = "excluded-folder" | "excluded-tag" | "private";

/** The check that needs only the path (done before a note is read). */
export function isExcludedByFolder(path: string, settings: IndexSettings): boolean {
	return excludedFolderPaths(settings.excludedFolders).some((folder) => isInFolder(path, folder));
}

/** The whole exclusion policy for a note; later stages use the same function so they never see what the index may not. */
export function exclusionOf(note: NoteContent, settings: IndexSettings): ExclusionReason | null {
	if (isExcludedByFolder(note.path, settings)) return "excluded-folder";
	if (isPrivateNote(note.properties)) return "private";
	if (settings.excludedTags.some((tag) => hasTag(note.tags, tag))) return "excluded-tag";
	return null;
}

/** A key that changes whenever a setting that decides what is indexed changes, so a stale cache is not trusted. */
export function settingsKeyOf(settings: IndexSettings): string {
	return JSON.stringify({
		folders: [...excludedFolderPaths(settings.excludedFolders)].sort(),
		tags: settings.excludedTags.map((t) => t.trim().replace(/^#/, "").toLowerCase()).filter((t) => t !== "").sort(),
		max: settings.maxNoteBytes,
	});
}
