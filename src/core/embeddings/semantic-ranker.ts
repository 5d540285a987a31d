/**
 * Hybrid search: the lexical ranking merged with a ranking by cosine similarity between the query's vector and
 * the stored section vectors, by reciprocal rank fusion. Only the query is sent; the comparison runs here, over
 * stored vectors, so it works on mobile. When the endpoint fails, the lexical ranking is returned as it was.
 */
import { unhurriedClock, type Clock } from "../ports/clock";
import { DEFAULT_SLICE_MS, TimeSlicer } from "../ports/time-slicer";
import type { SearchHit } from "../index/note-search";
import type { EmbeddingClient } from "./embedding-client";
import type { EmbeddingStore } from "./embedding-store";
import type { FailureNotice } from "./failure-notice";
import { fuseRankings } from "./reciprocal-rank-fusion";
import { dot, normalized } from "./vector-codec";

/** What the ranker asks the index: vectors of a note it no longer holds (made private since) are never returned. */
export interface RankedNotes {
	isIndexed(path: string): boolean;
	noteInfo(path: string): { title: string } | null;
}

/** How deep each ranking goes before fusion: a note ranked past this by one side gains nothing from it. */
export const FUSION_DEPTH = 50;
/** After a failure, queries stay lexical this long instead of each waiting on an endpoint that is down. */
const RETRY_AFTER_MS = 60_000;
/** Query vectors kept, so the search modal's keystrokes and repeated queries do not ask twice. */
const QUERY_CACHE_SIZE = 32;

export interface SemanticRankerOptions {
	store: EmbeddingStore;
	client: EmbeddingClient;
	failures: FailureNotice;
	clock?: Clock;
	/** Longest stretch of comparing before the host gets a turn (the app's UI must not freeze on a large vault). */
	timeSliceMs?: number;
}

export class SemanticRanker {
	private readonly clock: Clock;
	private readonly timeSliceMs: number;
	private retryAt = 0;
	private readonly queryVectors = new Map<string, Float32Array>();

	constructor(private readonly options: SemanticRankerOptions) {
		this.clock = options.clock ?? unhurriedClock;
		this.timeSliceMs = options.timeSliceMs ?? DEFAULT_SLICE_MS;
	}

	/**
	 * The best `limit` notes for the query: `lexical(depth)` gives the lexical ranking; the result is the fused
	 * one, or the lexical one alone when nothing is embedded yet or the endpoint fails.
	 */
	async rank(query: string, lexical: (depth: number) => SearchHit[], limit: number, notes: RankedNotes): Promise<SearchHit[]> {
		const words = lexical(Math.max(limit, FUSION_DEPTH));
		if (this.options.store.noteCount === 0 || query.trim() === "" || this.clock.now() < this.retryAt) return words.slice(0, limit);
		const queryVector = await this.queryVector(query.trim());
		if (queryVector === null) return words.slice(0, limit);
		const meaning = await this.nearest(queryVector, notes);
		const byPath = new Map<string, SearchHit>();
		for (const hit of words) byPath.set(hit.path, hit);
		for (const hit of meaning) if (!byPath.has(hit.path)) byPath.set(hit.path, hit);
		const fused = fuseRankings([words.map((hit) => hit.path), meaning.map((hit) => hit.path)]);
		return fused.slice(0, limit).flatMap(({ id, score }) => {
			const hit = byPath.get(id);
			return hit ? [{ ...hit, score: Math.round(score * 10000) / 10000 }] : [];
		});
	}

	private async queryVector(query: string): Promise<Float32Array | null> {
		const cached = this.queryVectors.get(query);
		if (cached) return cached;
		const result = await this.options.client.embed([query]);
		const vector = result.ok && result.vectors[0] ? normalized(result.vectors[0]) : null;
		if (!result.ok) {
			this.retryAt = this.clock.now() + RETRY_AFTER_MS;
			this.options.failures.failed(result.error);
			return null;
		}
		this.options.failures.succeeded();
		if (vector === null) return null;
		if (this.queryVectors.size >= QUERY_CACHE_SIZE) this.queryVectors.delete(this.queryVectors.keys().next().value ?? "");
		this.queryVectors.set(query, vector);
		return vector;
	}

	/** Notes by their best section's similarity to the query, best first, at most {@link FUSION_DEPTH}. */
	private async nearest(queryVector: Float32Array, notes: RankedNotes): Promise<SearchHit[]> {
		const slicer = new TimeSlicer(this.clock, this.timeSliceMs);
		const scored: { path: string; similarity: number; section: { ordinal: number; heading: string | null; line: number } }[] = [];
		for (const [path, note] of this.options.store.entries()) {
			if (!notes.isIndexed(path)) continue;
			let best = -Infinity;
			let bestSection = note.sections[0];
			for (const section of note.sections) {
				// A vector of another length comes from another model; the store drops those, this guards the maths.
				if (section.vector.length !== queryVector.length) continue;
				const similarity = dot(queryVector, section.vector);
				if (similarity > best) {
					best = similarity;
					bestSection = section;
				}
			}
			if (bestSection && best > -Infinity) scored.push({ path, similarity: best, section: bestSection });
			if (slicer.due) await slicer.yieldNow();
		}
		scored.sort((a, b) => b.similarity - a.similarity);
		return scored.slice(0, FUSION_DEPTH).map(({ path, similarity, section }) => ({
			path,
			title: notes.noteInfo(path)?.title ?? path,
			heading: section.heading,
			line: section.line,
			score: similarity,
			snippet: "",
			ordinal: section.ordinal,
			terms: [],
		}));
	}
}
