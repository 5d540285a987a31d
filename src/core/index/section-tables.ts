/**
 * Filling MiniSearch's per-section tables (id, id lookup, field lengths, stored fields) section by section, as a
 * cache load and a bulk build both do, without a stretch that holds the app's window: the four are Maps that
 * double at the same section (see map-growth.ts), so each doubling gets a turn of its own.
 */
import type { TimeSlicer } from "../ports/time-slicer";
import type { DocumentTables } from "./minisearch-internals";
import { doublesOnNextEntry } from "./map-growth";

export type SectionTables = Pick<DocumentTables, "documentIds" | "fieldLength" | "storedFields"> & { idToShortId: Map<string, number> };

export function emptySectionTables(): SectionTables {
	return { documentIds: new Map(), fieldLength: new Map(), storedFields: new Map(), idToShortId: new Map() };
}

/** Adds one section to every table; gives the host a turn before each table that is about to double. */
export async function addSection(tables: SectionTables, shortId: number, id: string, lengths: number[], stored: Record<string, unknown>, slicer: TimeSlicer): Promise<void> {
	const doubling = doublesOnNextEntry(tables.documentIds.size);
	if (doubling) await slicer.yieldNow();
	tables.documentIds.set(shortId, id);
	if (doubling) await slicer.yieldNow();
	tables.idToShortId.set(id, shortId);
	if (doubling) await slicer.yieldNow();
	tables.fieldLength.set(shortId, lengths);
	if (doubling) await slicer.yieldNow();
	tables.storedFields.set(shortId, stored);
}
