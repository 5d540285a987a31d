/** Search queries for the latency measurement, drawn deterministically from the measured vault's own words. */
import { Random, WeightedPicker } from "./prng";

/** A note's path and text, from the sample the queries are drawn from. */
export interface SampledNote {
	path: string;
	text: string;
}

/** Question shapes people type, at most 7 words once filled in. */
const QUESTIONS = [
	"how do I {a} {b}",
	"how do I {a} {b} in {c}",
	"what is the {a} for {b}",
	"where did I write about {a} {b}",
	"why does {a} {b} not work",
	"can I {a} my {b} with {c}",
	"what did we decide about {a} {b}",
	"notes on {a} {b} from last week",
	"is there a way to {a} {b}",
];

/**
 * English function words: a query's topic words are drawn from the rest. The bench keeps its own list
 * (not the index's stop words) so that changing what the index ignores does not change the queries.
 */
const FUNCTION_WORDS = new Set(
	(
		"a about above after again against all also am an and any are as at be because been before being below between both but by " +
		"can could did do does doing down during each either else ever every few for from further get got had has have having he her " +
		"here hers him his how however i if in into is it its itself just let like may me might more most much must my no nor not now " +
		"of off on once one only or other our out over own same she should so some such than that the their them then there these " +
		"they this those through to too two under until up upon us very via was we were what when where which while who whom whose " +
		"why will with within without would yes yet you your isn't don't can't it's you're there's that's won't doesn't"
	).split(" "),
);

/**
 * `count` queries of 2–7 words: bare keywords, questions full of stop words ("how do I …"), multi-word
 * topics taken from the vault's headings and titles, and a few with a typo (to exercise fuzzy matching).
 * Topic words are drawn from the sample's words by how often they occur (function words left out).
 */
export function generateQueries(sample: readonly SampledNote[], count: number, seed: string): string[] {
	const random = new Random(seed);
	const frequency = new Map<string, number>();
	const topics: string[] = [];
	for (const { path, text } of sample) {
		for (const match of text.toLowerCase().matchAll(/\b[a-z]{3,15}\b/g)) {
			if (!FUNCTION_WORDS.has(match[0])) frequency.set(match[0], (frequency.get(match[0]) ?? 0) + 1);
		}
		topics.push(path.slice(path.lastIndexOf("/") + 1).replace(/\.md$/i, ""));
		for (const match of text.matchAll(/^#{1,4}[ \t]+(.+)$/gm)) topics.push(match[1] ?? "");
	}
	const ranked = [...frequency.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([word]) => word);
	const content = ranked.slice(0, 5000);
	if (content.length === 0) throw new Error("the vault has no words to draw queries from");
	const words = WeightedPicker.zipf(content, 0.7);
	const topicWords = topics.map((t) => t.toLowerCase().split(/\s+/).filter((w) => w !== "")).filter((w) => w.length >= 1);
	const word = (): string => words.pick(random);
	const queries: string[] = [];
	while (queries.length < count) {
		const roll = random.next();
		let query: string;
		if (roll < 0.3) {
			query = Array.from({ length: random.int(2, 4) }, word).join(" ");
		} else if (roll < 0.6) {
			query = random.pick(QUESTIONS).replace(/\{[abc]\}/g, word);
		} else if (roll < 0.85 && topicWords.length > 0) {
			const topic = random.pick(topicWords).slice(0, 5);
			query = (topic.length < 2 ? [...topic, word()] : topic).join(" ");
			if (random.chance(0.4)) query = `${random.pick(["notes on", "what about", "find"])} ${query}`;
		} else {
			query = [typo(word(), random), word(), ...(random.chance(0.5) ? [word()] : [])].join(" ");
		}
		const kept = query.split(" ").slice(0, 7);
		if (kept.length >= 2) queries.push(kept.join(" "));
	}
	return queries;
}

/** Swaps two neighbouring letters of a long word ("sycn"). */
function typo(word: string, random: Random): string {
	if (word.length < 6) return word;
	const i = random.int(1, word.length - 3);
	return word.slice(0, i) + (word[i + 1] ?? "") + (word[i] ?? "") + word.slice(i + 2);
}
