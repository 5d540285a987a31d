/** The plain-data shape of a parsed note: what every later stage (index, context, workflows) reads. */

/** A frontmatter value after normalisation: JSON-safe (dates become ISO strings). */
export type PropertyValue = string | number | boolean | null | PropertyValue[] | { [key: string]: PropertyValue };

/** A link going out of a note, as written. Resolution against the vault happens later, with the file list at hand. */
export interface NoteLink {
	/** The link target without subpath, as written (`Project Alpha`, `Reference/How we release.md`). Empty for a same-note link. */
	target: string;
	/** The heading path after `#` (`Risks`, or `Plan#Risks` for a nested heading), when the link points at a heading. */
	heading?: string;
	/** The block id after `#^`, when the link points at a block. */
	blockId?: string;
	/** The text after `|` in a wikilink, or the bracketed text of a markdown link. */
	displayText?: string;
	/** True for `![[...]]` and `![](...)`. */
	embed: boolean;
	kind: "wikilink" | "markdown";
	/** 0-based line in the file. */
	line: number;
}

/** A heading-sized chunk of the note body. */
export interface NoteSection {
	/** The nearest heading's text, or null for the text before the first heading. */
	heading: string | null;
	/** Headings from the outermost down to this one (`["Project Alpha", "Risks"]`). */
	headingPath: string[];
	/** 1–6 for a heading, 0 for the text before the first heading. */
	level: number;
	/** 0-based line of the heading (or of the first body line) in the file. */
	startLine: number;
	/** 0-based line after the last line of this section. */
	endLine: number;
	/** The section's text without its heading line. */
	text: string;
}

/** Something wrong with a note that did not stop it from being parsed. */
export interface NoteProblem {
	path: string;
	/** Which part is wrong: `frontmatter`, `file`. */
	field: string;
	/** 1-based line in the file, when known. */
	line?: number;
	/** One plain sentence naming the file. */
	message: string;
}

export interface ParsedNote {
	path: string;
	title: string;
	aliases: string[];
	/** Lower-case tags without `#`, from frontmatter and body, each once (`client/acme`). */
	tags: string[];
	properties: Record<string, PropertyValue>;
	links: NoteLink[];
	sections: NoteSection[];
	problems: NoteProblem[];
}

/** A parsed note without its links: what the index reads (see parseNoteContent). */
export type NoteContent = Omit<ParsedNote, "links">;
