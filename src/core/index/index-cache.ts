/** The persisted index: MiniSearch's JSON plus each note's fingerprint, behind a schema version. */
import type MiniSearch from "minisearch";
import type { AsPlainObject } from "minisearch";
import type { Clock } from "../ports/clock";
import type { NoteProblem } from "../notes/parsed-note";
import type { SectionDocument } from "./section-documents";
import { INDEX_SCHEMA_VERSION } from "./search-options";
import { loadIndexInSlices } from "./index-loader";
import { indexSkeletonOf, termIndexOf } from "./minisearch-internals";

/** What the index knows about one note file, kept so a restart re-reads only files whose fingerprint moved. */
export interface NoteEntry {
	mtime: number;
	size: number;
	title: string;
	/** How many section documents the note has in the index (ids `${path}#0` … `#docs-1`). */
	docs: number;
	status: "indexed" | "private" | "excluded-tag" | "skipped";
	/** Problems found when the note was read, repeated in every summary while the file is unchanged. */
	problems?: NoteProblem[];
}

interface IndexCacheFile {
	schema: number;
	settingsKey: string;
	notes: Record<string, NoteEntry>;
	index: AsPlainObject;
}

export type CacheLoad =
	| { kind: "loaded"; notes: Map<string, NoteEntry>; search: MiniSearch<SectionDocument> }
	| { kind: "missing" }
	| { kind: "discarded"; reason: string };

/**
 * Serialises the index (the caller writes the string through the store port). The result is what
 * `JSON.stringify` of the whole {@link IndexCacheFile} gives, but the term index, most of the work, is written
 * in slices that give the host a turn every `sliceMs`: on a 10k-note vault one `JSON.stringify` of it took
 * two seconds, which in the app would freeze the window at every save.
 */
export async function serializeIndexCache(
	settingsKey: string,
	notes: Map<string, NoteEntry>,
	search: MiniSearch<SectionDocument>,
	clock: Clock,
	sliceMs: number,
): Promise<string> {
	const head = JSON.stringify({ schema: INDEX_SCHEMA_VERSION, settingsKey, notes: Object.fromEntries(notes) });
	const skeleton = JSON.stringify(indexSkeletonOf(search));
	const parts: string[] = [head.slice(0, -1), ',"index":', skeleton.slice(0, -1), ',"index":['];
	let sliceStart = clock.now();
	let count = 0;
	for (const [term, postings] of termIndexOf(search)) {
		const fields: Record<number, Record<number, number>> = {};
		for (const [fieldId, documents] of postings) fields[fieldId] = Object.fromEntries(documents);
		parts.push(count === 0 ? JSON.stringify([term, fields]) : "," + JSON.stringify([term, fields]));
		if ((++count & 255) === 0 && clock.now() - sliceStart >= sliceMs) {
			await clock.yieldToHost();
			sliceStart = clock.now();
		}
	}
	parts.push("]}}");
	return parts.join("");
}

/**
 * Reads a cache written by {@link serializeIndexCache}. Anything unexpected (bad JSON, another schema,
 * other exclusion settings, counts that do not add up) discards it with a reason: a cache is never trusted blindly.
 */
export async function loadIndexCache(raw: string | null, settingsKey: string, clock: Clock, sliceMs: number): Promise<CacheLoad> {
	if (raw === null) return { kind: "missing" };
	let file: Partial<IndexCacheFile>;
	try {
		file = JSON.parse(raw) as Partial<IndexCacheFile>;
	} catch {
		return { kind: "discarded", reason: "the cache file is not valid JSON" };
	}
	if (file === null || typeof file !== "object") return { kind: "discarded", reason: "the cache file is not an index cache" };
	if (file.schema !== INDEX_SCHEMA_VERSION) return { kind: "discarded", reason: `the cache has schema ${String(file.schema)}, this version uses ${INDEX_SCHEMA_VERSION}` };
	if (file.settingsKey !== settingsKey) return { kind: "discarded", reason: "the exclusion settings changed since the cache was written" };
	if (!file.notes || typeof file.notes !== "object" || !file.index) return { kind: "discarded", reason: "the cache file is incomplete" };
	let search: MiniSearch<SectionDocument>;
	try {
		search = await loadIndexInSlices(file.index, clock, sliceMs);
	} catch (error) {
		return { kind: "discarded", reason: `the cached index could not be loaded (${error instanceof Error ? error.message : String(error)})` };
	}
	const notes = new Map(Object.entries(file.notes));
	let expected = 0;
	for (const entry of notes.values()) expected += entry.docs;
	if (expected !== search.documentCount) return { kind: "discarded", reason: "the cached index does not match its list of notes" };
	return { kind: "loaded", notes, search };
}
