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
}
