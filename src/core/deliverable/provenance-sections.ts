/**
 * The sections a deliverable's pipeline appends after the model's answer (see render-deliverable.ts): its
 * `## Sources` list and its `## Tool calls`. They record where the text came from, not what it says, so the index
 * does not search them (twenty deliverables listing one note's title would match every query on it) and the
 * context leaves them out of an earlier deliverable.
 */
import type { NoteSection, PropertyValue } from "../notes/parsed-note";

const PROVENANCE_HEADINGS = new Set(["sources", "tool calls"]);

/** Whether the note is one of the coworker's deliverables (`coworker: deliverable`). */
export function isDeliverableNote(properties: Record<string, PropertyValue>): boolean {
	return properties.coworker === "deliverable";
}

/** A level-2 `Sources` or `Tool calls` section, as the pipeline writes them. */
export function isProvenanceSection(section: Pick<NoteSection, "heading" | "level">): boolean {
	return section.level === 2 && section.heading !== null && PROVENANCE_HEADINGS.has(section.heading.trim().toLowerCase());
}
