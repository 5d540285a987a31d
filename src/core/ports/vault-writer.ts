/** The write side of the vault port: only new files, never a change to an existing one. */

export interface VaultWriter {
	/** Whether any file or folder exists at the vault-relative path. */
	exists(path: string): Promise<boolean>;
	/**
	 * Creates a new file (and any missing parent folders) with the whole content at once. Rejects, writing
	 * nothing, when something already exists at `path`: a deliverable never replaces a file.
	 */
	create(path: string, content: string): Promise<void>;
	/** As {@link create}, for bytes (an exported .docx, .pptx or .xlsx); never replaces a file either. */
	createBinary(path: string, content: Uint8Array): Promise<void>;
	/** Removes a file this run created, when a later step of the same run failed (so no partial deliverable is left). */
	remove(path: string): Promise<void>;
}
