/** The vault port over the file system: lists markdown notes as Obsidian would and reads them. */
import { closeSync, constants, openSync, readFileSync, readdirSync, realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, sep } from "node:path";
import { LEAVES_VAULT, LINKS_TO_EXCLUDED, ReadRefused, type VaultFileStat, type VaultReader } from "../core/ports/vault-reader";
import { vaultPathOfRealPath } from "../core/notes/real-vault-path";
import { FileReadAhead } from "./file-read-ahead";
import { ListedNote } from "./listed-note";

/*
 * Listing, stat and note reads are synchronous: the command line has no window to keep responsive, and on a
 * 38k-note vault each `fs.promises` call's hops through libuv's thread pool cost more than the call itself
 * (stat of every note: 1.5 s async against 0.4 s sync on the 2-core dev box; reads 4.9 s against 1.1 s).
 * Each call is one small file, so the event loop is never held for long (a timeout timer still fires on time).
 */

/** Not defined on Windows, where every read takes the realpath route. */
const OPEN_NO_FOLLOW = constants.O_NOFOLLOW === undefined ? null : constants.O_RDONLY | constants.O_NOFOLLOW;

/** Below this many notes to read, a reading thread costs more to start (about 30 ms) than it saves. */
export const READ_AHEAD_MIN_NOTES = 2000;

export class NodeVaultReader implements VaultReader {
	/** The vault folder with its own links resolved, against which a file's real place is judged. */
	private realRoot: string | null = null;
	/**
	 * The notes of the last listing. A plain one (every folder on the way a real folder, since the walk never
	 * enters a linked one, and the file itself no link) is inside the vault without resolving its real path,
	 * which was a tenth of a rebuild of 38k notes.
	 */
	private listedNotes: readonly ListedNote[] = [];
	/** The same by path, made at the first read: a start with nothing changed reads no note and needs none. */
	private listedByPath: Map<string, ListedNote> | null = null;
	/** The notes a rebuild is about to read, being read on a second thread (see {@link readSoon}). */
	private readAhead: FileReadAhead | null = null;
	/** Told that the next listing's notes will be read (see {@link expectManyReads}). */
	private manyReadsExpected = false;
	/** A reading thread started during the listing, waiting for {@link readSoon} to give it its notes. */
	private spareReadAhead: FileReadAhead | null = null;

	/**
	 * `isExcluded` says whether a vault path is excluded by the settings: a link to an excluded note is that
	 * note, so it is refused like it.
	 */
	constructor(
		private readonly root: string,
		private readonly configDir = ".obsidian",
		private readonly isExcluded: (path: string) => boolean = () => false,
		/** Read many notes ahead on a second thread when told they are coming (the command line; benches of the app's index leave it off). */
		private readonly readAheadMinNotes: number | null = null,
	) {}

	/**
	 * Each note with its fingerprint, statted here; or, when many reads are expected, filled in as it is read (see
	 * listed-note.ts). Then the reading thread is also started as soon as the walk has found enough notes to need
	 * one, so that it starts while the walk goes on (the walk of 38k notes takes longer).
	 */
	listMarkdownFiles(): Promise<VaultFileStat[]> {
		const listed: ListedNote[] = [];
		const manyReads = this.manyReadsExpected;
		let spawnAt = manyReads && OPEN_NO_FOLLOW !== null && this.readAheadMinNotes !== null ? this.readAheadMinNotes : Infinity;
		this.manyReadsExpected = false;
		this.spareReadAhead?.stop();
		this.spareReadAhead = null;
		return settle(() => {
			this.walk("", (name) => name.toLowerCase().endsWith(".md"), (path, plain) => {
				const note = new ListedNote(path, plain);
				listed.push(note);
				if (!manyReads) note.stat(this.root);
				if (plain && --spawnAt <= 0) {
					spawnAt = Infinity;
					this.spareReadAhead = FileReadAhead.spawn();
				}
			});
			this.listedNotes = listed;
			this.listedByPath = null;
			return [...listed];
		});
	}

	/** The note of that path in the last listing (the walk meets each path once). */
	private listed(path: string): ListedNote | undefined {
		if (this.listedByPath === null) {
			this.listedByPath = new Map();
			for (const note of this.listedNotes) this.listedByPath.set(note.path, note);
		}
		return this.listedByPath.get(path);
	}

	/** The next listing stats no note and starts the reading thread early (see {@link listMarkdownFiles}). */
	expectManyReads(): void {
		this.manyReadsExpected = true;
	}

	/** Every file Obsidian would show (notes, CSV, attachments), for resolving links to any of them. */
	listAllFiles(): Promise<string[]> {
		const paths: string[] = [];
		return settle(() => {
			this.walk("", () => true, (path) => paths.push(path));
			return paths.sort();
		});
	}

	/**
	 * Reads a note, following links only within the vault: a link (or a linked folder on the way) that leaves
	 * the vault is never read, and a link to an excluded note is refused like the note itself.
	 */
	read(path: string): Promise<string> {
		const ahead = this.readAhead?.take(path);
		// What the worker could not read (a link now, gone, refused) is read here, with the checks and words of readNow.
		if (ahead) {
			return ahead.then((read) => {
				if (read === null) return this.readNowWithFingerprint(path);
				this.listed(path)?.learn(read.fingerprint);
				return read.text;
			});
		}
		return settle(() => this.readNowWithFingerprint(path));
	}

	/** A listed note whose fingerprint was left for its read (see listed-note.ts) is statted once read. */
	private readNowWithFingerprint(path: string): string {
		const text = this.readNow(path);
		const note = this.listed(path);
		if (note && !note.known) note.stat(this.root);
		return text;
	}

	/**
	 * Starts reading, on a second thread, the listed plain notes among `paths` (those readNow opens with
	 * `O_NOFOLLOW`); the rest are read as always. Only for many notes: a rebuild.
	 */
	readSoon(paths: readonly string[]): void {
		const spare = this.spareReadAhead;
		this.spareReadAhead = null;
		this.readAhead?.stop();
		this.readAhead = null;
		// Without both, listMarkdownFiles never starts a spare thread either.
		if (OPEN_NO_FOLLOW === null || this.readAheadMinNotes === null) return;
		const plain = paths.filter((path) => this.listed(path)?.plain === true);
		if (plain.length < this.readAheadMinNotes) {
			spare?.stop();
			return;
		}
		this.readAhead = (spare ?? FileReadAhead.spawn())?.read(
			plain.map((path) => `${this.root}/${path}`),
			plain,
			OPEN_NO_FOLLOW,
		) ?? null;
	}

	private readNow(path: string): string {
		if (OPEN_NO_FOLLOW !== null && this.listed(path)?.plain === true) {
			const read = this.readPlainNote(path, OPEN_NO_FOLLOW);
			if (read !== null) return read;
		}
		const full = join(this.root, path);
		let real: string;
		try {
			real = realpathSync.native(full);
		} catch (error) {
			throw new Error(describeFsError(error));
		}
		this.realRoot ??= realpathSync.native(this.root);
		const inside = vaultPathOfRealPath(this.realRoot, real, sep === "\\" ? "\\" : "/");
		if (inside === null || inside === "") throw new ReadRefused(LEAVES_VAULT, false);
		if (inside !== path && this.isExcluded(inside)) throw new ReadRefused(LINKS_TO_EXCLUDED, true);
		try {
			return readFileSync(real, "utf8");
		} catch (error) {
			throw new Error(describeFsError(error));
		}
	}

	/**
	 * A listed plain note, opened without following a link: if the file was swapped for a link since the listing,
	 * the open fails (ELOOP) and null sends the read the realpath route, which judges where the link leads. A
	 * folder on the way swapped for a link in that window is the same race the realpath route has between
	 * resolving and reading, so nothing is lost against it.
	 */
	private readPlainNote(path: string, flags: number): string | null {
		let fd: number;
		try {
			fd = openSync(`${this.root}/${path}`, flags);
		} catch (error) {
			if ((error as { code?: string } | null)?.code === "ELOOP") return null;
			throw new Error(describeFsError(error));
		}
		try {
			return readFileSync(fd, "utf8");
		} catch (error) {
			throw new Error(describeFsError(error));
		} finally {
			closeSync(fd);
		}
	}

	async readBinary(path: string): Promise<Uint8Array> {
		try {
			return new Uint8Array(await readFile(join(this.root, path)));
		} catch (error) {
			throw new Error(describeFsError(error));
		}
	}

	/**
	 * Obsidian leaves hidden files and folders (and so the config folder) out of the vault. `plain`: a file, not a
	 * link (a dangling symlink still shows up, so that reading it reports the problem by name).
	 */
	private walk(folder: string, wanted: (name: string) => boolean, found: (path: string, plain: boolean) => void): void {
		const entries = readdirSync(join(this.root, folder), { withFileTypes: true });
		for (const entry of entries) {
			if (entry.name.startsWith(".") || entry.name === this.configDir) continue;
			const path = folder === "" ? entry.name : `${folder}/${entry.name}`;
			if (entry.isDirectory()) this.walk(path, wanted, found);
			else if (wanted(entry.name)) found(path, entry.isFile());
		}
	}
}

/** The port is asynchronous: a synchronous failure becomes a rejected promise, as it was when the calls were. */
function settle<T>(work: () => T): Promise<T> {
	try {
		return Promise.resolve(work());
	} catch (error) {
		return Promise.reject(error instanceof Error ? error : new Error(String(error)));
	}
}

/** `ENOENT: no such file…, open '/x/y.md'` → `the file does not exist (ENOENT)`. */
export function describeFsError(error: unknown): string {
	const code = (error as { code?: string } | null)?.code;
	switch (code) {
		case "ENOENT":
			return "the file does not exist or is a broken link (ENOENT)";
		case "EACCES":
		case "EPERM":
			return `permission denied (${code})`;
		case "EISDIR":
			return "it is a folder, not a file (EISDIR)";
		case "ELOOP":
			return "it is a symbolic link that points to itself (ELOOP)";
		default:
			return error instanceof Error ? error.message : String(error);
	}
}
