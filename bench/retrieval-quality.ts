/** Retrieval quality: recall@5 and MRR of our search and of naive MiniSearch on every question set, each over its own vault. */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { NodeVaultReader } from "../src/cli/node-vault-reader";
import { DEFAULT_INDEX_SETTINGS } from "../src/core/index/index-settings";
import { VaultIndex } from "../src/core/index/vault-index";
import { InMemoryKeyValueStore } from "../src/core/ports/key-value-store";
import { unpackOnce, vaultRootOf } from "./corpora";
import { now, percentile } from "./measure";
import { createNaiveIndex, naiveSearch, type NaiveDocument } from "./naive-index";
import { loadQuestionSets, type RetrievalQuestion, type SetRole, type SetVault } from "./retrieval-sets";

export interface RetrievalScore {
	questions: number;
	recallAt5: number;
	mrr: number;
	/** Questions whose answer was not in the top 5, with the rank it had (0 when not in the top 10). */
	misses: { question: string; answers: string[]; rank: number }[];
}

/** `search` returns vault-relative paths, best first; a question is answered at the best rank of any of its answers. */
export function scoreRetrieval(questions: readonly RetrievalQuestion[], search: (query: string) => string[]): RetrievalScore {
	let found = 0;
	let reciprocal = 0;
	const misses: RetrievalScore["misses"] = [];
	for (const { question, answers } of questions) {
		const paths = search(question).slice(0, 10);
		const ranks = answers.map((answer) => paths.indexOf(answer) + 1).filter((rank) => rank >= 1);
		const rank = ranks.length > 0 ? Math.min(...ranks) : 0;
		if (rank >= 1 && rank <= 5) found++;
		else misses.push({ question, answers, rank });
		if (rank >= 1) reciprocal += 1 / rank;
	}
	return { questions: questions.length, recallAt5: found / questions.length, mrr: reciprocal / questions.length, misses };
}

export interface RetrievalSetResult {
	file: string;
	role: SetRole;
	/** The vault's short name (`obsidian-help-en`, `dnd-srd-wiki`). */
	vault: string;
	notes: number;
	ours: RetrievalScore;
	naive: RetrievalScore;
	/** p95 of {@link VaultIndex.searchNotes} over the set's questions, after one untimed pass. */
	oursQueryP95Ms: number;
	/** Answers that name no note of the vault: the set and the corpus have drifted apart. */
	missingAnswers: string[];
}

export interface RetrievalReport {
	sets: RetrievalSetResult[];
}

/** Scores our index and the naive baseline on every set in bench/retrieval, building each vault's indexes once. */
export async function evaluateRetrieval(log: (line: string) => void = () => undefined): Promise<RetrievalReport> {
	const sets = await loadQuestionSets();
	const built = new Map<string, Promise<BuiltVault>>();
	const results: RetrievalSetResult[] = [];
	for (const set of sets) {
		if (!built.has(set.vault.name)) built.set(set.vault.name, buildVault(set.vault, log));
		const vault = await built.get(set.vault.name);
		if (!vault) continue;
		const oursSearch = (q: string): string[] => vault.ours.searchNotes(q, 10).map((hit) => hit.path);
		for (const { question } of set.questions) oursSearch(question);
		const times: number[] = [];
		const ours = scoreRetrieval(set.questions, (q) => {
			const started = now();
			const paths = oursSearch(q);
			times.push(now() - started);
			return paths;
		});
		results.push({
			file: set.file,
			role: set.role,
			vault: set.vault.name,
			notes: vault.notes,
			ours,
			naive: scoreRetrieval(set.questions, (q) => naiveSearch(vault.naive, q, 10)),
			oursQueryP95Ms: percentile(times, 95),
			missingAnswers: set.questions.flatMap((q) => q.answers).filter((answer) => !vault.paths.has(answer)),
		});
	}
	return { sets: results };
}

interface BuiltVault {
	ours: VaultIndex;
	naive: ReturnType<typeof createNaiveIndex>;
	paths: Set<string>;
	notes: number;
}

async function buildVault(spec: SetVault, log: (line: string) => void): Promise<BuiltVault> {
	log(`retrieval: unpacking and indexing ${spec.name}`);
	const unpacked = await unpackOnce(spec.archive, spec.name);
	const dir = spec.root === null ? await vaultRootOf(unpacked) : join(unpacked, spec.root);
	if (!(await stat(dir).catch(() => null))?.isDirectory()) throw new Error(`${spec.archive}: the vault root "${spec.root ?? ""}" is not a folder of the archive.`);
	const vault = new NodeVaultReader(dir);
	const ours = new VaultIndex({ vault, store: new InMemoryKeyValueStore(), settings: DEFAULT_INDEX_SETTINGS });
	const summary = await ours.refresh();
	const files = await vault.listMarkdownFiles();
	const documents: NaiveDocument[] = [];
	for (const file of files) documents.push({ id: file.path, text: await vault.read(file.path) });
	const naive = createNaiveIndex();
	naive.addAll(documents);
	return { ours, naive, paths: new Set(files.map((f) => f.path)), notes: summary.notes };
}
