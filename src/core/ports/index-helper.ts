/**
 * A helper that builds part of a large index elsewhere, in parallel: the command line's second thread. It reads,
 * analyses (note-analysis.ts, the index's own rules for privacy and exclusion) and indexes the notes it is given;
 * the index takes its part in (BulkIndexBuilder.absorb). The app has none: it builds everything itself.
 */
import type { VaultFileStat } from "./vault-reader";
import type { IndexSettings } from "../index/index-settings";
import type { CollectedIndex } from "../index/bulk-index-builder";
import type { NoteEntry } from "../index/cache-note-columns";

export interface IndexPart {
	/** The notes it read, in the order given, each with the entry the index would make for it. */
	notes: { path: string; entry: Omit<NoteEntry, "mtime" | "size"> }[];
	/** Notes it did not read (not a plain file, gone, refused): the index reads them its own way, with its own checks and words. */
	unread: string[];
	index: CollectedIndex;
}

export interface IndexHelper {
	/** Builds from nothing of fewer notes than this are done without it (a thread costs tens of milliseconds to start). */
	readonly minimumNotes: number;
	/** Reads, analyses and indexes `files`; null (or a rejection) when it cannot, and the index then does them itself. */
	indexPart(files: readonly VaultFileStat[], settings: IndexSettings): Promise<IndexPart | null>;
}
