/** The edit port: the only ways the coworker changes an existing note — named properties, or one atomic change of its text. */
import type { ScalarValue } from "../review/frontmatter-edit";

/**
 * In the app: `FileManager.processFrontMatter` and `Vault.process`. In the CLI: the frontmatter lines edited in
 * place and the file swapped in whole. Both reject when the note does not exist.
 */
export interface NoteEditor {
	setProperties(path: string, values: Record<string, ScalarValue>): Promise<void>;
	/** Adds `item` to the list property `key` (creating it), keeping its other entries and the rest of the note. */
	addToListProperty(path: string, key: string, item: string): Promise<void>;
	process(path: string, change: (text: string) => string): Promise<void>;
}
