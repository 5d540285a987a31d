/** The read side of the vault port: list the markdown files with their fingerprints and read one. */

/** What tells us a file changed without reading it: Obsidian's `TFile.stat` and Node's `fs.stat` both give these. */
export interface FileFingerprint {
	/** Last modification time in milliseconds since the epoch. */
	mtime: number;
	/** Size in bytes. */
	size: number;
}

/** A markdown file in the vault. `path` is relative to the vault root with `/` separators, as Obsidian names files. */
export interface VaultFileStat extends FileFingerprint {
	path: string;
}

/**
 * A read the port refuses on purpose rather than fails: a symbolic link (or a linked folder on the way) that
 * leaves the vault, or a link to a note the settings exclude. `refusal` completes a sentence that starts with
 * the file's path ("is a symbolic link that leaves the vault"); the message reads on its own ("it is …").
 * `excluded`: the link points to a note the settings exclude, so it is left out like that note.
 */
export class ReadRefused extends Error {
	constructor(
		readonly refusal: string,
		readonly excluded: boolean,
	) {
		super(`it ${refusal}`);
	}
}

/** Why a link that leaves the vault is not read, in the same words on the command line and in the app. */
export const LEAVES_VAULT = "is a symbolic link (or lies in a linked folder) that leaves the vault or leads into a hidden folder, so it is not read";

/** The target is not named: the sentence may reach the model (an agent's read), and an excluded note's name is its own. */
export const LINKS_TO_EXCLUDED = "is a symbolic link to a note in a folder excluded in the settings";

/**
 * Read-only access to the vault's markdown notes.
 * Implemented over `App.vault` in the plugin and over the file system in the CLI.
 */
export interface VaultReader {
	/** Every markdown note of the vault (hidden folders and the config folder left out). */
	listMarkdownFiles(): Promise<VaultFileStat[]>;
	/** The note's text; rejects with an Error whose message says why it could not be read. */
	read(path: string): Promise<string>;
	/** Any file's bytes (an image a note embeds); rejects with an Error saying why it could not be read. */
	readBinary(path: string): Promise<Uint8Array>;
	/**
	 * A hint that these notes are about to be read, in this order (a rebuild): an implementation may start
	 * reading them ahead. Reads still go through {@link read}, with its checks; without the hint nothing changes.
	 */
	readSoon?(paths: readonly string[]): void;
	/**
	 * A hint, given before {@link listMarkdownFiles}, that every note listed will be read (a build with nothing
	 * cached): an implementation may get ready to read ahead while it lists, and may leave each listed note's
	 * fingerprint (NaN until then) to be filled in when the note is read. Without it nothing changes.
	 */
	expectManyReads?(): void;
}
