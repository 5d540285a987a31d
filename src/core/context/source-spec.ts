/** What a run may draw on: the kinds of source a user (or later a workflow note) can name. */

export type SourceSpec =
	/** One note, by vault path (the current note, or `--source`). */
	| { kind: "note"; path: string }
	/** Text the user selected, and the note it came from (cited as that note). */
	| { kind: "selection"; text: string; path: string | null }
	/** The notes (and CSV files) that the note at `path` links to. */
	| { kind: "linked"; path: string }
	/** Every indexed note in a folder and its subfolders (changed after `changedSince`, when given). */
	| { kind: "folder"; path: string; changedSince?: number }
	/** Every indexed note with a tag, nested tags counting (changed after `changedSince`, when given). */
	| { kind: "tag"; tag: string; changedSince?: number }
	/** The best notes for a query through the vault index (changed after `changedSince`, when given). */
	| { kind: "search"; query: string; limit?: number; changedSince?: number }
	/** A CSV file, given to the model as a table with its header. */
	| { kind: "table"; path: string };

/** How a source is named in previews, errors and the run record. */
export function describeSource(source: SourceSpec): string {
	switch (source.kind) {
		case "note":
			return `note ${source.path}`;
		case "selection":
			return source.path ? `selection in ${source.path}` : "selection";
		case "linked":
			return `notes linked from ${source.path}`;
		case "folder":
			return `folder ${source.path === "" ? "/" : source.path}${changedWords(source.changedSince)}`;
		case "tag":
			return `tag #${source.tag.replace(/^#/, "")}${changedWords(source.changedSince)}`;
		case "search":
			return `search "${source.query}"${changedWords(source.changedSince)}`;
		case "table":
			return `table ${source.path}`;
	}
}

/** A `--source` path or a picked file: CSV files are tables, anything else a note. */
export function sourceForPath(path: string): SourceSpec {
	return /\.csv$/i.test(path) ? { kind: "table", path } : { kind: "note", path };
}

function changedWords(since: number | undefined): string {
	return since === undefined ? "" : ` (changed since ${new Date(since).toISOString()})`;
}
