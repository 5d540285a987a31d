/** The drafts waiting for review, newest first, and the Bases file that shows them as a table in Obsidian. */
import type { VaultIndex } from "../index/vault-index";
import type { VaultReader } from "../ports/vault-reader";
import type { VaultLinks } from "../ports/vault-links";
import { deliverableFromText, type DeliverableInfo } from "./deliverable-info";

/** Every deliverable the index holds whose status is `draft`, newest `created` first. */
export async function reviewQueue(index: VaultIndex, reader: VaultReader, links: VaultLinks): Promise<DeliverableInfo[]> {
	const drafts: (DeliverableInfo & { mtime: number })[] = [];
	for (const note of index.indexedNotes()) {
		if (note.coworker !== "deliverable") continue;
		let text: string;
		try {
			text = await reader.read(note.path);
		} catch {
			continue;
		}
		const read = deliverableFromText(note.path, text, links);
		if (read.ok && read.info.status === "draft") drafts.push({ ...read.info, mtime: note.mtime });
	}
	// `created` has whole seconds; within one second the file's own time decides.
	return drafts
		.sort((a, b) => (Date.parse(b.created) || 0) - (Date.parse(a.created) || 0) || b.mtime - a.mtime || a.path.localeCompare(b.path))
		.map(({ mtime: _mtime, ...info }) => info);
}

export const REVIEW_BASE_PATH = "Coworker/Review.base";

/**
 * A base for Obsidian's core Bases plugin: every deliverable, with a "Review queue" view of the drafts newest
 * first and an "All deliverables" view. The user may change it; it is written only when missing.
 */
export const REVIEW_BASE = `filters:
  and:
    - 'coworker == "deliverable"'
properties:
  file.name:
    displayName: Deliverable
  created:
    displayName: Created
views:
  - type: table
    name: Review queue
    filters:
      and:
        - 'status == "draft"'
    order:
      - file.name
      - workflow
      - format
      - created
      - sources
    sort:
      - property: created
        direction: DESC
  - type: table
    name: All deliverables
    order:
      - file.name
      - status
      - workflow
      - format
      - created
      - reviewed
    sort:
      - property: created
        direction: DESC
`;
