/** What a run may draw on: the kinds of source a user (or later a workflow note) can name. */

export type SourceSpec =
	/** One note, by vault path (the current note, or `--source`). */
	| { kind: "note"; path: string }
	/** Text the user selected, and the note it came from (cited as that note). */
	| { kind: "selection"; text: string; path: string | null }
	/** The notes (and CSV files) that the note at `path` links to. */
	| { kind: "linked"; path: string }
	/** Every indexed note in a folder and its subfolders. */
	| { kind: "folder"; path: string }
	/** Every indexed note with a tag (nested tags count). */
	| { kind: "tag"; tag: string }
	/** The best notes for a query through the vault index. */
	| { kind: "search"; query: string; limit?: number }
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
			return `folder ${source.path === "" ? "/" : source.path}`;
		case "tag":
			return `tag #${source.tag.replace(/^#/, "")}`;
		case "search":
			return `search "${source.query}"`;
		case "table":
			return `table ${source.path}`;
	}
}

/** A `--source` path or a picked file: CSV files are tables, anything else a note. */
export function sourceForPath(path: string): SourceSpec {
	return /\.csv$/i.test(path) ? { kind: "table", path } : { kind: "note", path };
}
