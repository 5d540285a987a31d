/**
 * Brings the stored vectors in line with the index: plans what must be sent (only sections that are new or whose
 * text changed, for notes the index holds), so the cost can be shown first, then embeds the plan in batches.
 */
import type { VaultReader } from "../ports/vault-reader";
import { unhurriedClock, type Clock } from "../ports/clock";
import { DEFAULT_SLICE_MS, TimeSlicer } from "../ports/time-slicer";
import type { IndexSettings } from "../index/index-settings";
import { exclusionOf } from "../index/index-settings";
import { documentsForNote } from "../index/section-documents";
import { examineText } from "../index/text-checks";
import { parseNoteContent } from "../notes/parse-note";
import { estimateTokens } from "../context/token-estimate";
import type { EmbeddingClient } from "./embedding-client";
import { textHash, type EmbeddingStore, type StoredSection } from "./embedding-store";
import { embeddingTextOf } from "./section-text";
import { normalized } from "./vector-codec";

/** What the index says about a path: only notes it holds are ever read for embedding. */
export interface IndexedPaths {
	isIndexed(path: string): boolean;
}

interface PlannedSection {
	ordinal: number;
	hash: string;
	heading: string | null;
	line: number;
	/** Set when the text was embedded before (same hash): the vector is kept, nothing is sent. */
	kept?: Float32Array;
	/** The text to send, when not kept. */
	text?: string;
}

interface PlannedNote {
	path: string;
	mtime: number;
	size: number;
	sections: PlannedSection[];
}

/** The work an update needs, with its cost, before anything is sent. */
export interface EmbeddingPlan {
	notes: PlannedNote[];
	/** Stored notes no longer in the index (deleted, renamed, now private or excluded): their vectors are dropped. */
	removed: string[];
	/** Sections to send. */
	sections: number;
	/** Tokens those sections cost, estimated from their characters (see token-estimate.ts: about 3.6 characters a token, on the high side). */
	estimatedTokens: number;
	/** True when nothing is stored yet: the first full embedding, whose cost the user confirms. */
	firstFull: boolean;
}

/** Compares the index's notes with the store; reads only notes whose fingerprint moved. */
export async function planEmbedding(options: { store: EmbeddingStore; reader: VaultReader; index: IndexedPaths; settings: IndexSettings; clock?: Clock }): Promise<EmbeddingPlan> {
	const { store, reader, index, settings } = options;
	// The first plan parses every note, as a first index build does: in slices, so the app's window stays responsive.
	const slicer = new TimeSlicer(options.clock ?? unhurriedClock, DEFAULT_SLICE_MS);
	await store.load();
	const files = await reader.listMarkdownFiles();
	const indexed = new Set<string>();
	const notes: PlannedNote[] = [];
	const removed: string[] = [];
	let sections = 0;
	let estimatedTokens = 0;
	for (const file of files) {
		if (slicer.due) await slicer.yieldNow();
		if (!index.isIndexed(file.path)) continue;
		const stored = store.note(file.path);
		if (stored && stored.mtime === file.mtime && stored.size === file.size) {
			indexed.add(file.path);
			continue;
		}
		let text: string;
		try {
			text = await reader.read(file.path);
		} catch {
			// Unreadable now: the index will say so; its old vectors, if any, stay until it can be read.
			if (stored) indexed.add(file.path);
			continue;
		}
		// The note as it is now decides (as for snippets): one made private since it was indexed is never sent.
		const checked = examineText(file.path, text, file.size, settings.maxNoteBytes);
		if (checked.kind === "skip") continue;
		const note = parseNoteContent(file.path, checked.text, checked.cut === true);
		if (exclusionOf(note, settings) !== null) continue;
		indexed.add(file.path);
		const previous = new Map<string, Float32Array>();
		for (const section of stored?.sections ?? []) previous.set(section.hash, section.vector);
		const planned: PlannedSection[] = documentsForNote(note).map((document) => {
			const embedded = embeddingTextOf(document);
			const hash = textHash(embedded);
			const where = { ordinal: document.ordinal, hash, heading: document.heading, line: document.line };
			const kept = previous.get(hash);
			if (kept) return { ...where, kept };
			sections++;
			estimatedTokens += estimateTokens(embedded);
			return { ...where, text: embedded };
		});
		notes.push({ path: file.path, mtime: file.mtime, size: file.size, sections: planned });
	}
	for (const path of store.paths()) if (!indexed.has(path)) removed.push(path);
	return { notes, removed, sections, estimatedTokens, firstFull: store.noteCount === 0 };
}

/** Inputs per request: far under OpenAI's 2,048, and a batch of 8,000-character parts stays under its 300,000 tokens a request. */
export const EMBEDDING_BATCH_SIZE = 64;

export interface EmbeddingOutcome {
	/** Sections sent and stored. */
	embedded: number;
	/** Notes whose vectors were dropped. */
	removed: number;
	/** The endpoint's failure, when it stopped the update; what was embedded before it is kept. */
	error: string | null;
}

/**
 * Embeds the plan in batches and saves the store. A failed batch stops the update: notes finished before it
 * are stored, the rest are planned again next time.
 */
export async function applyEmbeddingPlan(
	plan: EmbeddingPlan,
	options: { store: EmbeddingStore; client: EmbeddingClient; batchSize?: number; onProgress?: (done: number, total: number) => void },
): Promise<EmbeddingOutcome> {
	const { store, client } = options;
	const batchSize = options.batchSize ?? EMBEDDING_BATCH_SIZE;
	for (const path of plan.removed) store.remove(path);
	const vectors = new Map<PlannedSection, Float32Array>();
	const done = new Set<PlannedSection>();
	const pending: PlannedSection[] = plan.notes.flatMap((note) => note.sections.filter((section) => section.text !== undefined));
	let error: string | null = null;
	let embedded = 0;
	let noteCursor = 0;
	for (let start = 0; start < pending.length && error === null; start += batchSize) {
		const batch = pending.slice(start, start + batchSize);
		const result = await client.embed(batch.map((section) => section.text ?? ""));
		if (!result.ok) {
			error = result.error;
			break;
		}
		batch.forEach((section, i) => {
			done.add(section);
			const unit = normalized(result.vectors[i] ?? new Float32Array());
			// A zero vector has no direction to compare; the section is left out rather than matching nothing at random.
			if (unit) vectors.set(section, unit);
		});
		embedded += batch.length;
		noteCursor = storeFinished(plan.notes, noteCursor, done, vectors, store);
		options.onProgress?.(embedded, pending.length);
	}
	if (error === null) storeFinished(plan.notes, noteCursor, done, vectors, store);
	await store.save();
	return { embedded, removed: plan.removed.length, error };
}

/** Stores every note, from `cursor` on, whose sections all have a vector now; returns the first one still waiting. */
function storeFinished(notes: PlannedNote[], cursor: number, done: Set<PlannedSection>, vectors: Map<PlannedSection, Float32Array>, store: EmbeddingStore): number {
	for (; cursor < notes.length; cursor++) {
		const note = notes[cursor];
		if (!note) break;
		if (note.sections.some((section) => section.text !== undefined && !done.has(section))) break;
		const sections: StoredSection[] = [];
		for (const section of note.sections) {
			const vector = section.kept ?? vectors.get(section);
			if (vector) sections.push({ ordinal: section.ordinal, hash: section.hash, heading: section.heading, line: section.line, vector });
		}
		store.put(note.path, { mtime: note.mtime, size: note.size, sections });
	}
	return cursor;
}
