/**
 * Filling MiniSearch's per-section tables (id, id lookup, field lengths, stored fields) section by section, as a
 * cache load and a bulk build both do, without a stretch that holds the app's window: the four are Maps that
 * double at the same section (see map-growth.ts), so each doubling gets a turn of its own.
 */
import type { TimeSlicer } from "../ports/time-slicer";
import type { DocumentTables } from "./minisearch-internals";
import { doublesOnNextEntry } from "./map-growth";

export type SectionTables = Pick<DocumentTables, "documentIds" | "idToShortId" | "fieldLength" | "storedFields">;

export function emptySectionTables(): SectionTables {
	return { documentIds: new Map(), fieldLength: new Map(), storedFields: new Map(), idToShortId: new Map() };
}

/**
 * Adds one section to every table. When they are about to double, each does so after a turn of its own; otherwise
 * nothing is awaited (an await for every one of 45,000 sections cost more than the turns it would save).
 */
export function addSection(tables: SectionTables, shortId: number, id: string, lengths: number[], stored: Record<string, unknown>, slicer: TimeSlicer): Promise<void> | null {
	if (doublesOnNextEntry(tables.documentIds.size)) return addSectionInTurns(tables, shortId, id, lengths, stored, slicer);
	tables.documentIds.set(shortId, id);
	tables.idToShortId.set(id, shortId);
	tables.fieldLength.set(shortId, lengths);
	tables.storedFields.set(shortId, stored);
	return null;
}

async function addSectionInTurns(tables: SectionTables, shortId: number, id: string, lengths: number[], stored: Record<string, unknown>, slicer: TimeSlicer): Promise<void> {
	await slicer.yieldNow();
	tables.documentIds.set(shortId, id);
	await slicer.yieldNow();
	tables.idToShortId.set(id, shortId);
	await slicer.yieldNow();
	tables.fieldLength.set(shortId, lengths);
	await slicer.yieldNow();
	tables.storedFields.set(shortId, stored);
}
