/**
 * A note the command line's listing found. Its fingerprint (modification time and size) is statted during the
 * listing, unless the index said beforehand that it will read every note (`expectManyReads`, a build with nothing
 * cached): then it is filled in as the note is read, from the `fstat` of the file the reading thread opened
 * (file-read-ahead.ts), or statted after the main thread's own read. Statting 38,000 notes on the main thread
 * was a tenth of a rebuild, and Node 20 makes four `Date`s for each.
 *
 * Plain fields, never getters: a copy of a listed note (`{ ...file }`) must carry its fingerprint.
 */
import { lstatSync, statSync } from "node:fs";
import type { FileFingerprint, VaultFileStat } from "../core/ports/vault-reader";

/**
 * What a note that has gone since the listing (or cannot be statted) reports: no real file has it, so the note
 * counts as changed, and its read fails and says why by name.
 */
const UNKNOWN_FINGERPRINT: FileFingerprint = { mtime: -1, size: -1 };

export class ListedNote implements VaultFileStat {
	/** NaN until known: only while a note whose reading was announced has not been read yet. */
	mtime = Number.NaN;
	size = Number.NaN;

	constructor(
		readonly path: string,
		/** Every folder on the way a real folder and the file itself no link (see node-vault-reader.ts). */
		readonly plain: boolean,
	) {}

	get known(): boolean {
		return !Number.isNaN(this.mtime);
	}

	/** Sets the fingerprint once: that of the file as it was listed, or as it was opened and read. */
	learn(fingerprint: FileFingerprint): void {
		if (this.known) return;
		this.mtime = fingerprint.mtime;
		this.size = fingerprint.size;
	}

	/** Stats the note at `${root}/${path}` (a dangling symlink has its own fingerprint, so reading it reports the problem by name). */
	stat(root: string): void {
		// Not path.join: its normalising was a fifth of a warm start's listing, and a listed path needs none.
		const full = `${root}/${this.path}`;
		let info;
		try {
			info = statSync(full);
		} catch {
			try {
				info = lstatSync(full);
			} catch {
				this.learn(UNKNOWN_FINGERPRINT);
				return;
			}
		}
		this.learn({ mtime: Math.round(info.mtimeMs), size: info.size });
	}
}
