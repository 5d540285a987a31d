/**
 * A note the command line's listing found, whose fingerprint (modification time and size) is read only when
 * first asked for. A rebuild never asks before reading the note, and the note's reading thread learns it from
 * the file it opened (file-read-ahead.ts): statting 38,000 notes on the main thread was a tenth of a rebuild,
 * and Node 20 makes four `Date`s for each. A warm start asks for every one, and each is statted then.
 */
import { lstatSync, statSync } from "node:fs";
import type { FileFingerprint, VaultFileStat } from "../core/ports/vault-reader";

/**
 * What a note that has gone since the listing (or cannot be statted) reports: no real file has it, so the note
 * counts as changed, its read fails and says why by name.
 */
export const UNKNOWN_FINGERPRINT: FileFingerprint = { mtime: -1, size: -1 };

export class ListedNote implements VaultFileStat {
	/** NaN until known: two numbers in the object itself, not a fingerprint object beside each of 38,000 notes. */
	private knownMtime = Number.NaN;
	private knownSize = Number.NaN;

	constructor(
		readonly path: string,
		/** The vault folder: the note is at `${root}/${path}`, joined when statted, not kept for each note. */
		private readonly root: string,
		/** Every folder on the way a real folder and the file itself no link (see node-vault-reader.ts). */
		readonly plain: boolean,
	) {}

	get mtime(): number {
		if (Number.isNaN(this.knownMtime)) this.stat();
		return this.knownMtime;
	}

	get size(): number {
		if (Number.isNaN(this.knownSize)) this.stat();
		return this.knownSize;
	}

	/** The fingerprint of the file as it was opened and read; once known (asked for or learnt), it stays. */
	learn(fingerprint: FileFingerprint): void {
		if (!Number.isNaN(this.knownMtime)) return;
		this.knownMtime = fingerprint.mtime;
		this.knownSize = fingerprint.size;
	}

	/** The fingerprint is behind getters, which JSON would leave out. */
	toJSON(): VaultFileStat {
		return { path: this.path, mtime: this.mtime, size: this.size };
	}

	/** A dangling symlink has its own fingerprint, so that reading it reports the problem by name. */
	private stat(): void {
		// Not path.join: its normalising was a fifth of a warm start's listing, and a listed path needs none.
		const full = `${this.root}/${this.path}`;
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
