/** The MiniSearch configuration: fields, boosts, prefix and fuzzy rules. Change it and bump the cache schema. */
import type { Options, SearchOptions } from "minisearch";
import type { SectionDocument } from "./section-documents";
import type { FieldWeight } from "./field-scoring";
import { termOf, tokenize } from "./text-analysis";

/** Bump whenever the options below, the text analysis, what a note is indexed as (section-documents.ts) or the cache layout change: an older cache is then rebuilt, not misread. */
export const INDEX_SCHEMA_VERSION = 9;

export const SEARCHED_FIELDS = ["title", "aliases", "headings", "tags", "description", "body"] as const;
/** The short fields that say what a section is about; searched alone when every query term is common. */
export const LABEL_FIELDS = ["title", "aliases", "headings", "tags", "description"];

export const STORED_FIELDS = ["path", "ordinal", "heading", "line"] as const;

/**
 * BM25F field weights and length normalisation (b). A word in the title or an alias says more about what a note
 * is for than the same word in passing in the body. Short label fields are normalised less than the body:
 * a long title is still about its words, a long section less so. Weights were tuned on the tuning question set
 * in bench/retrieval (the held-out sets only report); the b values are BM25's usual ones, not tuned.
 */
export const FIELD_WEIGHTS: Record<(typeof SEARCHED_FIELDS)[number], FieldWeight> = {
	title: { weight: 3, lengthNormalisation: 0.5 },
	aliases: { weight: 2, lengthNormalisation: 0.5 },
	headings: { weight: 2, lengthNormalisation: 0.5 },
	tags: { weight: 1.5, lengthNormalisation: 0.5 },
	description: { weight: 2, lengthNormalisation: 0.5 },
	body: { weight: 1, lengthNormalisation: 0.75 },
};

/** BM25's k1, its usual value. */
export const TERM_SATURATION = 1.2;

/** Typos are matched on stems of this many letters or more; shorter stems would match half the vocabulary. */
export const FUZZY_MIN_LENGTH = 6;

/** MiniSearch's own boosts (for its `search`, which the index no longer ranks with): the same field weights. */
const BOOST = Object.fromEntries(Object.entries(FIELD_WEIGHTS).map(([field, { weight }]) => [field, weight]));

/**
 * Only the last word may be unfinished (the search modal searches as the user types), and only when it is
 * still in the query after planning (see query-plan.ts). Prefix matching every word of a question matched
 * stems like "sync" to "syncthing" and cost recall on both question sets. The ranking (field-scoring.ts) also
 * expands it only when the vault lacks the word as typed.
 */
export function prefixForLastWord(lastWordKept: boolean): (term: string, index: number, terms: string[]) => boolean {
	return (term, index, terms) => lastWordKept && index === terms.length - 1 && term.length >= MIN_PREFIX_LENGTH;
}

/** From four letters: a three-letter prefix ("pro") expands to hundreds of terms and made the slowest queries. */
export const MIN_PREFIX_LENGTH = 4;

export const SEARCH_OPTIONS: SearchOptions = {
	boost: BOOST,
	combineWith: "OR",
	prefix: prefixForLastWord(true),
	fuzzy: (term) => (term.length >= FUZZY_MIN_LENGTH ? 0.15 : false),
	maxFuzzy: 2,
	weights: { fuzzy: 0.3, prefix: 0.5 },
};

export const MINISEARCH_OPTIONS: Options<SectionDocument> = {
	idField: "id",
	fields: [...SEARCHED_FIELDS],
	storeFields: [...STORED_FIELDS],
	tokenize: (text) => tokenize(text),
	processTerm: (word) => termOf(word),
	searchOptions: SEARCH_OPTIONS,
	// Deleted documents are only discarded, and cleaned up in the background once enough pile up.
	autoVacuum: { minDirtCount: 200, minDirtFactor: 0.1, batchSize: 500, batchWait: 10 },
};
