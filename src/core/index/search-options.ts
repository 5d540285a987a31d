/** The MiniSearch configuration: fields, boosts, prefix and fuzzy rules. Change it and bump the cache schema. */
import type { Options, SearchOptions } from "minisearch";
import type { SectionDocument } from "./section-documents";
import { termOf, tokenize } from "./text-analysis";

/** Bump whenever the options below, the text analysis, what a note is indexed as (section-documents.ts) or the cache layout change: an older cache is then rebuilt, not misread. */
export const INDEX_SCHEMA_VERSION = 6;

export const SEARCHED_FIELDS = ["title", "aliases", "headings", "tags", "description", "body"] as const;
/** The short fields that say what a section is about; searched alone when every query term is common. */
export const LABEL_FIELDS = ["title", "aliases", "headings", "tags", "description"];

export const STORED_FIELDS = ["path", "ordinal", "heading", "line"] as const;

/**
 * Boosts tuned on the tuning question set in bench/retrieval (the held-out set only reports): a word in the
 * title or an alias says more about what a note is for than the same word in passing in the body.
 */
const BOOST: Record<(typeof SEARCHED_FIELDS)[number], number> = {
	title: 3,
	aliases: 2,
	headings: 2,
	tags: 1.5,
	description: 2,
	body: 1,
};

/**
 * Only the last word may be unfinished (the search modal searches as the user types), and only when it is
 * still in the query after planning (see query-plan.ts). Prefix matching every word of a question matched
 * stems like "sync" to "syncthing" and cost recall on both question sets.
 */
export function prefixForLastWord(lastWordKept: boolean): (term: string, index: number, terms: string[]) => boolean {
	// From four letters: a three-letter prefix ("pro") expands to hundreds of terms and made the slowest queries.
	return (term, index, terms) => lastWordKept && index === terms.length - 1 && term.length >= 4;
}

export const SEARCH_OPTIONS: SearchOptions = {
	boost: BOOST,
	combineWith: "OR",
	prefix: prefixForLastWord(true),
	// Fuzzy matching works on stems; short stems would match half the vocabulary.
	fuzzy: (term) => (term.length >= 6 ? 0.15 : false),
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
