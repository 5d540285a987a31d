/** Runs a query over the section index and turns the per-section scores into one hit per note. */
import type MiniSearch from "minisearch";
import type { SectionDocument } from "./section-documents";
import { FIELD_WEIGHTS, FUZZY_MIN_LENGTH, LABEL_FIELDS, MIN_PREFIX_LENGTH, TERM_SATURATION } from "./search-options";
import { planQuery } from "./query-plan";
import { documentFrequency } from "./term-statistics";
import { addCommonTerms, inverseDocumentFrequency, scoreSections, type FieldScoringOptions, type QueryTerm } from "./field-scoring";
import type { SectionScore } from "./scored-sections";
import { scoringViewOf, storedFieldsOf } from "./minisearch-internals";
import { termsOf } from "./text-analysis";
import { namesTitle } from "./title-words";
import { copiesLast } from "./duplicate-hits";
import { TermSets } from "./term-sets";

/** One note found by a search, at its best-matching section. */
export interface SearchHit {
	/** Vault-relative path of the note. */
	path: string;
	title: string;
	/** The heading of the best-matching section; null when it is the text before the first heading. */
	heading: string | null;
	/** 0-based file line where that section starts. */
	line: number;
	score: number;
	/** A short excerpt around the match; empty until filled from the note's text. */
	snippet: string;
	/** Which of the note's indexed parts matched best (to find its text again). */
	ordinal: number;
	/** The index terms that matched, to place the snippet. */
	terms: string[];
}

/** The best notes for a natural-language query, one hit per note at its best section, without snippets. */
export function searchNotesIn(search: MiniSearch<SectionDocument>, query: string, limit: number, titleOf: (path: string) => string): SearchHit[] {
	const plan = planQuery(query, (term) => documentFrequency(search, term));
	if (plan.terms.length === 0) return [];
	const terms = countTerms(plan.terms);
	const last = plan.terms[plan.terms.length - 1];
	const prefixTerms = new Set(plan.lastWordKept && last !== undefined && last.length >= MIN_PREFIX_LENGTH ? [last] : []);
	const view = scoringViewOf(search);
	const options = (fields: Readonly<Record<string, FieldScoringOptions["fields"][string]>>): FieldScoringOptions => ({
		fields,
		saturation: TERM_SATURATION,
		prefixTerms,
		fuzzyMinLength: FUZZY_MIN_LENGTH,
	});
	let fields = plan.labelsFirst ? labelWeights() : FIELD_WEIGHTS;
	let scored = scoreSections(view, terms, options(fields));
	if (plan.labelsFirst && scored.sections.size === 0) scored = scoreSections(view, terms, options((fields = FIELD_WEIGHTS)));
	// Every term of the query, common ones included: the common ones count where rarer ones found a section,
	// and a title with a common word can still be named.
	const all = termsOf(query);
	const common = countTerms(all.filter((term) => plan.skipped.includes(term)));
	addCommonTerms(view, common, options(fields), scored.sections, scored.idf);
	// A query term the vault lacks weighs like the rarest term: no note covers it, so it lowers every note's coverage alike.
	const absentIdf = inverseDocumentFrequency(view.documentCount, 0);
	const weights = new Map([...terms, ...common].map(({ term }) => [term, scored.idf.get(term) ?? absentIdf]));
	const queryTerms = new Set(all);
	const bodyField = view.fieldIds.body;
	const bodyLength = (shortId: number): number => (bodyField === undefined ? 0 : (view.fieldLength.get(shortId)?.[bodyField] ?? 0));
	return groupHitsByNote(
		scored.sections.values(),
		weights,
		limit,
		(shortId) => storedFieldsOf(search, shortId),
		titleOf,
		(path) => namesTitle(queryTerms, titleOf(path)),
		(section, heading) => copyKey(section, heading, bodyLength(section.shortId)),
	);
}

/**
 * What makes a best section a copy of another: the same heading, as many body words, and the same query terms
 * matched. Sections without a heading or without body text are nobody's copy (too many short notes would match).
 */
function copyKey(section: SectionScore, heading: string | null, bodyWords: number): string | null {
	if (heading === null || bodyWords === 0) return null;
	return `${heading}\u0000${bodyWords}\u0000${[...section.matchedTerms].sort().join(" ")}`;
}

function byScore(a: { path: string; score: number }, b: { path: string; score: number }): number {
	return b.score - a.score || (a.path < b.path ? -1 : 1);
}

function countTerms(terms: readonly string[]): QueryTerm[] {
	const counts = new Map<string, number>();
	for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
	return [...counts].map(([term, count]) => ({ term, count }));
}

function labelWeights(): Record<string, FieldScoringOptions["fields"][string]> {
	return Object.fromEntries(LABEL_FIELDS.map((field) => [field, FIELD_WEIGHTS[field as keyof typeof FIELD_WEIGHTS]]));
}

/**
 * How much a note gains for covering the whole question across its sections. Summing section scores
 * instead lets a long note win by mentioning the words in passing many times; rewarding coverage (the
 * IDF-weighted share of the query's terms found anywhere in the note, squared so that near-complete
 * coverage counts most) lifted recall@5 and MRR on the question sets in bench/retrieval. Weighting by IDF
 * means missing a rare word of the question costs more than missing a common one.
 */
const COVERAGE_WEIGHT = 1;

/**
 * A note all of whose title words (two or more) the query holds has its score multiplied by 1 + this. Users
 * name notes ("who owns the data pipeline migration"); the title field's weight alone let notes that merely
 * link to that note, with one more query word nearby, rank above it. A phrase match moved no question set; all
 * the words in any order lifted the help held-out MRR from 0.723 to 0.738 (tuning and D&D unchanged).
 */
const NAMED_TITLE_BONUS = 1;

/** Copies are looked for among the first this-many × limit hits: a copy further down could not reach the top anyway. */
const COPY_WINDOW = 3;

/**
 * One hit per note: the note's best section, its score raised by how much of the query the note covers.
 * A section's own score is first multiplied by how many query terms it matched (as MiniSearch did), so a
 * section that holds the question's words together beats one that repeats one of them.
 * `termWeights` holds each distinct query term's weight (its IDF) for coverage; `isNamed` says whether the
 * query names a note by its title (see title-words.ts); `copyKeyOf` says which best sections are copies of one
 * text, so that a later copy is listed after the distinct notes near it (duplicate-hits.ts): hits are then in
 * rank order, and a copy's score may be above the hit before it.
 */
export function groupHitsByNote(
	sections: readonly SectionScore[],
	termWeights: ReadonlyMap<string, number>,
	limit: number,
	storedOf: (shortId: number) => Record<string, unknown> | undefined,
	titleOf: (path: string) => string,
	isNamed: (path: string) => boolean = () => false,
	copyKeyOf: (section: SectionScore, heading: string | null) => string | null = () => null,
): SearchHit[] {
	let total = 0;
	for (const weight of termWeights.values()) total += weight;
	const sets = new TermSets();
	const byNote = new Map<string, { best: SectionScore; bestScore: number; stored: Record<string, unknown>; matched: ReadonlySet<string> }>();
	for (const section of sections) {
		const stored = storedOf(section.shortId);
		if (!stored) continue;
		const path = stored.path as string;
		const score = section.score * section.queryTerms.size;
		const seen = byNote.get(path);
		if (!seen) {
			byNote.set(path, { best: section, bestScore: score, stored, matched: section.queryTerms });
			continue;
		}
		seen.matched = sets.withAll(seen.matched, section.queryTerms);
		if (score > seen.bestScore) {
			seen.best = section;
			seen.bestScore = score;
			seen.stored = stored;
		}
	}
	const notes = [...byNote.entries()];
	const scores = new Float64Array(notes.length);
	notes.forEach(([, note], i) => {
		let covered = 0;
		for (const term of note.matched) covered += termWeights.get(term) ?? 0;
		const coverage = total > 0 ? Math.min(1, covered / total) : 0;
		scores[i] = note.bestScore * (1 + COVERAGE_WEIGHT * coverage * coverage);
	});
	// Only the first COPY_WINDOW × limit places are ever shown or moved (copiesLast looks no further), and the
	// title bonus at most doubles a score: a note whose doubled score stays below the score in the last of those
	// places before any bonus cannot reach them. Ranking only the others gives the same first places (ties go by
	// path) without sorting the 10,000 notes a common term finds.
	const window = COPY_WINDOW * limit;
	const reach = window >= scores.length ? 0 : (Float64Array.from(scores).sort()[scores.length - window] ?? 0);
	const ranked: { path: string; note: (typeof notes)[number][1]; score: number }[] = [];
	notes.forEach(([path, note], i) => {
		const score = scores[i] ?? 0;
		if (score * (1 + NAMED_TITLE_BONUS) >= reach) ranked.push({ path, note, score });
	});
	ranked.sort(byScore);
	// The title bonus can only lift a note whose doubled score reaches the last place kept; the others need no check.
	const lastKept = ranked[Math.min(limit, ranked.length) - 1]?.score ?? 0;
	for (const entry of ranked) {
		if (entry.score * (1 + NAMED_TITLE_BONUS) < lastKept) break;
		if (entry.note.matched.size >= 2 && isNamed(entry.path)) entry.score *= 1 + NAMED_TITLE_BONUS;
	}
	ranked.sort(byScore);
	return copiesLast(ranked, (entry) => copyKeyOf(entry.note.best, (entry.note.stored.heading as string | null) ?? null), window)
		.slice(0, limit)
		.map(({ path, note, score }) => ({
			path,
			title: titleOf(path),
			heading: (note.stored.heading as string | null) ?? null,
			line: note.stored.line as number,
			score: Math.round(score * 1000) / 1000,
			snippet: "",
			ordinal: note.stored.ordinal as number,
			terms: [...note.best.matchedTerms],
		}));
}
