/**
 * The persisted section vectors, beside the index cache: a small head plus shards of notes picked by a hash of
 * the path, so an edit rewrites one shard, not every vector of the vault. Each note keeps the fingerprint
 * (mtime and size) the index uses, and each section a hash of the text that was embedded, so only new and
 * changed sections are sent again.
 */
import type { KeyValueStore } from "../ports/key-value-store";
import { decodeVector, encodeVector } from "./vector-codec";

/** One embedded section of a note. */
export interface StoredSection {
	/** The section's ordinal among the note's index documents (`path#ordinal`), to find its text for a snippet. */
	ordinal: number;
	/** Hash of the text that was embedded; an unchanged hash means the vector can be kept. */
	hash: string;
	heading: string | null;
	line: number;
	/** Unit length, so cosine similarity is a dot product. */
	vector: Float32Array;
}

export interface StoredNote {
	mtime: number;
	size: number;
	sections: StoredSection[];
}

/** Bump when the layout below changes: an older store is then dropped and embedded again, not misread. */
const STORE_SCHEMA = 1;
const HEAD_KEY = "embeddings.json";
/** Shards for a 38,000-note vault hold about 600 notes each; a small vault writes only the shards it has. */
const SHARDS = 64;

interface StoreHead {
	schema: number;
	model: string;
	endpoint: string;
}

type ShardNote = [path: string, mtime: number, size: number, sections: [ordinal: number, hash: string, heading: string | null, line: number, vector: string][]];

interface Shard extends StoreHead {
	notes: ShardNote[];
}

/** Where the vectors came from: a vector from another model (or endpoint) is in another space and is never compared. */
export interface EmbeddingSource {
	model: string;
	endpoint: string;
}

export class EmbeddingStore {
	private notes = new Map<string, StoredNote>();
	private readonly dirty = new Set<number>();
	private loaded = false;
	/** Why what was on disk was not used, when it was not (another model, damaged shards); null when it was. */
	discarded: string | null = null;

	constructor(
		private readonly store: KeyValueStore,
		private readonly source: EmbeddingSource,
	) {}

	get noteCount(): number {
		return this.notes.size;
	}

	get sectionCount(): number {
		let count = 0;
		for (const note of this.notes.values()) count += note.sections.length;
		return count;
	}

	note(path: string): StoredNote | undefined {
		return this.notes.get(path);
	}

	paths(): string[] {
		return [...this.notes.keys()];
	}

	entries(): IterableIterator<[string, StoredNote]> {
		return this.notes.entries();
	}

	put(path: string, note: StoredNote): void {
		this.notes.set(path, note);
		this.dirty.add(shardOf(path));
	}

	remove(path: string): void {
		if (this.notes.delete(path)) this.dirty.add(shardOf(path));
	}

	/** Reads what is stored, once; shards from another model or schema, or damaged ones, are left out (their notes are embedded again). */
	async load(): Promise<void> {
		if (this.loaded) return;
		this.loaded = true;
		const head = parseJson<Partial<StoreHead>>(await this.store.read(HEAD_KEY));
		if (head === null) return;
		if (!this.sameSource(head)) {
			this.discarded = `the vectors on disk were made by ${head.model ?? "another model"}, not ${this.source.model}`;
			for (let shard = 0; shard < SHARDS; shard++) this.dirty.add(shard);
			return;
		}
		const damaged: number[] = [];
		for (let shard = 0; shard < SHARDS; shard++) {
			const text = await this.store.read(shardKey(shard));
			if (text === null) continue;
			const notes = this.readShard(parseJson<Partial<Shard>>(text));
			if (notes === null) {
				damaged.push(shard);
				this.dirty.add(shard);
				continue;
			}
			for (const [path, note] of notes) this.notes.set(path, note);
		}
		if (damaged.length > 0) this.discarded = `${damaged.length} of the stored vector files could not be read; their notes are embedded again`;
	}

	/** Writes the shards that changed and the head; returns how many shards were written. */
	async save(): Promise<number> {
		if (this.dirty.size === 0) return 0;
		const byShard = new Map<number, ShardNote[]>();
		for (const shard of this.dirty) byShard.set(shard, []);
		for (const [path, note] of this.notes) {
			byShard.get(shardOf(path))?.push([path, note.mtime, note.size, note.sections.map((s) => [s.ordinal, s.hash, s.heading, s.line, encodeVector(s.vector)])]);
		}
		const head: StoreHead = { schema: STORE_SCHEMA, model: this.source.model, endpoint: this.source.endpoint };
		let written = 0;
		for (const [shard, notes] of byShard) {
			if (notes.length === 0) await this.store.remove(shardKey(shard));
			else {
				const body: Shard = { ...head, notes };
				await this.store.write(shardKey(shard), JSON.stringify(body));
				written++;
			}
			this.dirty.delete(shard);
		}
		await this.store.write(HEAD_KEY, JSON.stringify(head));
		return written;
	}

	private sameSource(head: Partial<StoreHead>): boolean {
		return head.schema === STORE_SCHEMA && head.model === this.source.model && head.endpoint === this.source.endpoint;
	}

	private readShard(shard: Partial<Shard> | null): Map<string, StoredNote> | null {
		if (shard === null || !this.sameSource(shard) || !Array.isArray(shard.notes)) return null;
		const notes = new Map<string, StoredNote>();
		for (const entry of shard.notes) {
			if (!Array.isArray(entry) || typeof entry[0] !== "string" || typeof entry[1] !== "number" || typeof entry[2] !== "number" || !Array.isArray(entry[3])) return null;
			const sections: StoredSection[] = [];
			for (const section of entry[3]) {
				if (!Array.isArray(section)) return null;
				const [ordinal, hash, heading, line, encoded] = section;
				const vector = typeof encoded === "string" ? decodeVector(encoded) : null;
				if (vector === null || typeof ordinal !== "number" || typeof hash !== "string" || typeof line !== "number") return null;
				sections.push({ ordinal, hash, heading: typeof heading === "string" ? heading : null, line, vector });
			}
			notes.set(entry[0], { mtime: entry[1], size: entry[2], sections });
		}
		return notes;
	}
}

function shardKey(shard: number): string {
	return `embeddings-${String(shard).padStart(2, "0")}.json`;
}

/** FNV-1a over the path: stable across runs and platforms, so a note always lands in the same shard. */
function shardOf(path: string): number {
	return parseInt(textHash(path).slice(8), 16) % SHARDS;
}

/** A 64-bit FNV-1a hash of the text as 16 hex digits: cheap, and collisions between a note's versions are negligible. */
export function textHash(text: string): string {
	let high = 0xcbf29ce4;
	let low = 0x84222325;
	for (let i = 0; i < text.length; i++) {
		low = (low ^ text.charCodeAt(i)) >>> 0;
		// Multiply the 64-bit value by the FNV prime 0x100000001b3, in 32-bit halves.
		const lowProduct = low * 0x1b3;
		const carry = Math.floor(lowProduct / 0x100000000);
		high = (Math.imul(high, 0x1b3) + Math.imul(low, 0x100) + carry) >>> 0;
		low = lowProduct >>> 0;
	}
	return high.toString(16).padStart(8, "0") + low.toString(16).padStart(8, "0");
}

function parseJson<T>(text: string | null): T | null {
	if (text === null) return null;
	try {
		const value = JSON.parse(text) as unknown;
		return value !== null && typeof value === "object" ? (value as T) : null;
	} catch {
		return null;
	}
}
