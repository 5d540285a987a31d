/** Retrieval quality: recall@5 and MRR of a search function over a question set with one right note per question. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { NodeVaultReader } from "../src/cli/node-vault-reader";
import { DEFAULT_INDEX_SETTINGS } from "../src/core/index/index-settings";
import { VaultIndex } from "../src/core/index/vault-index";
import { InMemoryKeyValueStore } from "../src/core/ports/key-value-store";
import { unpackOnce, vaultRootOf } from "./corpora";
import { createNaiveIndex, naiveSearch, type NaiveDocument } from "./naive-index";
import { RETRIEVAL_DIR, SHARED_CORPORA } from "./paths";

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

/** The question sets of bench/retrieval: the one the search was tuned on, and the one kept out of tuning. */
export const QUESTION_SETS = [
	{ name: "tuning", file: "obsidian-help-questions.json" },
	{ name: "held-out", file: "obsidian-help-heldout.json" },
] as const;

export interface RetrievalReport {
	/** The vault the questions are about (the Obsidian help vault, unpacked under bench/.work). */
	vault: string;
	notes: number;
	sets: {
		name: (typeof QUESTION_SETS)[number]["name"];
		file: string;
		ours: RetrievalScore;
		naive: RetrievalScore;
		/** Answers that name no note of the vault: the set and the corpus have drifted apart. */
		missingAnswers: string[];
	}[];
}

/** Scores our index ({@link VaultIndex.searchNotes}) and the naive baseline on every question set. */
export async function evaluateRetrieval(): Promise<RetrievalReport> {
	const vaultDir = await vaultRootOf(await unpackOnce(join(SHARED_CORPORA, "obsidian-help-en.tar.gz"), "obsidian-help-en"));
	const vault = new NodeVaultReader(vaultDir);
	const ours = new VaultIndex({ vault, store: new InMemoryKeyValueStore(), settings: DEFAULT_INDEX_SETTINGS });
	const summary = await ours.refresh();
	const files = await vault.listMarkdownFiles();
	const documents: NaiveDocument[] = [];
	for (const file of files) documents.push({ id: file.path, text: await vault.read(file.path) });
	const naive = createNaiveIndex();
	naive.addAll(documents);
	const paths = new Set(files.map((f) => f.path));
	const sets: RetrievalReport["sets"] = [];
	for (const { name, file } of QUESTION_SETS) {
		const questions = await loadQuestions(join(RETRIEVAL_DIR, file));
		sets.push({
			name,
			file,
			ours: scoreRetrieval(questions, (q) => ours.searchNotes(q, 10).map((hit) => hit.path)),
			naive: scoreRetrieval(questions, (q) => naiveSearch(naive, q, 10)),
			missingAnswers: questions.map((q) => q.answer).filter((answer) => !paths.has(answer)),
		});
	}
	return { vault: vaultDir, notes: summary.notes, sets };
}
