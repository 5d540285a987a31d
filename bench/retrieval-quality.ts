/** Retrieval quality: recall@5 and MRR of a search function over a question set with one right note per question. */
import { readFile } from "node:fs/promises";

export interface RetrievalQuestion {
	question: string;
	answer: string;
}

export interface RetrievalScore {
	questions: number;
	recallAt5: number;
	mrr: number;
	/** Questions whose answer was not in the top 5, with the rank it had (0 when not in the top 10). */
	misses: { question: string; answer: string; rank: number }[];
}

export async function loadQuestions(file: string): Promise<RetrievalQuestion[]> {
	return JSON.parse(await readFile(file, "utf8")) as RetrievalQuestion[];
}

/** `search` returns vault-relative paths, best first. */
export function scoreRetrieval(questions: readonly RetrievalQuestion[], search: (query: string) => string[]): RetrievalScore {
	let found = 0;
	let reciprocal = 0;
	const misses: RetrievalScore["misses"] = [];
	for (const { question, answer } of questions) {
		const paths = search(question).slice(0, 10);
		const rank = paths.indexOf(answer) + 1;
		if (rank >= 1 && rank <= 5) found++;
		else misses.push({ question, answer, rank });
		if (rank >= 1) reciprocal += 1 / rank;
	}
	return { questions: questions.length, recallAt5: found / questions.length, mrr: reciprocal / questions.length, misses };
}
