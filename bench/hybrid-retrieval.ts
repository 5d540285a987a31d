/**
 * Hybrid retrieval for a user who has an embedding endpoint (`--embed-base-url URL --embed-model NAME`): every
 * question set of bench/retrieval is scored with words only, with the vectors only, and with both merged by
 * reciprocal rank fusion, exactly as `coworker search` ranks with semantic search on.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { NodeVaultReader } from "../src/cli/node-vault-reader";
import { DEFAULT_INDEX_SETTINGS } from "../src/core/index/index-settings";
import { VaultIndex } from "../src/core/index/vault-index";
import { InMemoryKeyValueStore } from "../src/core/ports/key-value-store";
import { SemanticSearch } from "../src/core/embeddings/semantic-search";
import { unpackOnce, vaultRootOf } from "./corpora";
import { REPO_ROOT, RETRIEVAL_DIR, SHARED_CORPORA } from "./paths";

export interface EmbeddingEndpoint {
	baseUrl: string;
	model: string;
	/** From OPENAI_API_KEY; null for local servers. */
	apiKey: string | null;
}

interface Question {
	question: string;
	/** Any of these counts as found. */
	answers: string[];
}

interface QuestionSet {
	file: string;
	vaultDir: string;
	questions: Question[];
}

export interface HybridScore {
	recallAt5: number;
	mrr: number;
}

export interface HybridSetResult {
	file: string;
	questions: number;
	notes: number;
	sectionsEmbedded: number;
	words: HybridScore;
	vectors: HybridScore | null;
	hybrid: HybridScore | null;
	/** The endpoint's failure, when the set could not be embedded or queried. */
	error: string | null;
}

/**
 * The question sets in bench/retrieval: the first format is a bare list of `{ question, answer }` about the Obsidian
 * help vault; the second names its corpus (`source`, `root`) and lists `{ question, answers }`.
 */
async function questionSets(): Promise<QuestionSet[]> {
	const sets: QuestionSet[] = [];
	for (const file of (await readdir(RETRIEVAL_DIR)).filter((name) => name.endsWith(".json")).sort()) {
		const data = JSON.parse(await readFile(join(RETRIEVAL_DIR, file), "utf8")) as unknown;
		if (Array.isArray(data)) {
			const archive = join(SHARED_CORPORA, "obsidian-help-en.tar.gz");
			const vaultDir = await vaultRootOf(await unpackOnce(archive, "obsidian-help-en"));
			sets.push({ file, vaultDir, questions: (data as { question: string; answer: string }[]).map((q) => ({ question: q.question, answers: [q.answer] })) });
			continue;
		}
		const described = data as { source?: string; root?: string; vault?: string; questions?: { question: string; answers?: string[]; answer?: string }[] };
		if (!described.source || !Array.isArray(described.questions)) throw new Error(`bench/retrieval/${file}: needs "source" and "questions"`);
		const archive = resolve(REPO_ROOT, described.source);
		const name = described.vault ?? file.replace(/\.json$/, "");
		const unpacked = await unpackOnce(archive, name);
		const vaultDir = described.root ? join(unpacked, described.root) : await vaultRootOf(unpacked);
		sets.push({ file, vaultDir, questions: described.questions.map((q) => ({ question: q.question, answers: q.answers ?? (q.answer ? [q.answer] : []) })) });
	}
	return sets;
}

/** Scores one ranking: found when any right answer is in the top 5; MRR by the first right answer in the top 10. */
function score(rankings: string[][], questions: readonly Question[]): HybridScore {
	let found = 0;
	let reciprocal = 0;
	questions.forEach((question, i) => {
		const paths = (rankings[i] ?? []).slice(0, 10);
		const rank = paths.findIndex((path) => question.answers.includes(path)) + 1;
		if (rank >= 1 && rank <= 5) found++;
		if (rank >= 1) reciprocal += 1 / rank;
	});
	return { recallAt5: found / questions.length, mrr: reciprocal / questions.length };
}

/** One vault's index and vectors, shared by the question sets about that vault (it is embedded once). */
interface EmbeddedVault {
	index: VaultIndex;
	notes: number;
	semantic: SemanticSearch;
	embedded: number;
	/** Why the vault could not be embedded; its sets then have words-only figures. */
	embedError: string | null;
	/** The first failure said since (a refused query), for the table's notes. */
	said(): string | null;
}

async function embedVault(vaultDir: string, endpoint: EmbeddingEndpoint, log: (line: string) => void): Promise<EmbeddedVault> {
	const vault = new NodeVaultReader(vaultDir);
	const index = new VaultIndex({ vault, store: new InMemoryKeyValueStore(), settings: DEFAULT_INDEX_SETTINGS });
	const summary = await index.refresh();
	// A query refused later is said here too (once), so the table names it.
	const said: { error: string | null } = { error: null };
	const semantic = new SemanticSearch({
		store: new InMemoryKeyValueStore(),
		endpoint: { baseUrl: endpoint.baseUrl, apiKey: endpoint.apiKey, model: endpoint.model, fetch: globalThis.fetch, timeoutMs: 120_000 },
		reader: vault,
		settings: DEFAULT_INDEX_SETTINGS,
		say: (sentence) => (said.error ??= sentence),
	});
	const plan = await semantic.plan(index);
	log(`${vaultDir}: embedding ${plan.sections} sections (about ${plan.estimatedTokens} tokens) with ${endpoint.model}`);
	const outcome = await semantic.update(plan, (done, total) => {
		if (done === total || done % 1024 === 0) log(`${done}/${total} sections embedded`);
	});
	return {
		index,
		notes: summary.notes,
		semantic,
		embedded: outcome.embedded,
		embedError: outcome.error,
		said: () => said.error,
	};
}

export async function evaluateHybridRetrieval(endpoint: EmbeddingEndpoint, log: (line: string) => void): Promise<HybridSetResult[]> {
	const results: HybridSetResult[] = [];
	const vaults = new Map<string, EmbeddedVault>();
	for (const set of await questionSets()) {
		let vault = vaults.get(set.vaultDir);
		if (!vault) {
			vault = await embedVault(set.vaultDir, endpoint, log);
			vaults.set(set.vaultDir, vault);
		}
		const { index, semantic } = vault;
		const words = set.questions.map((q) => index.searchNotes(q.question, 10).map((hit) => hit.path));
		const base = { file: set.file, questions: set.questions.length, notes: vault.notes, sectionsEmbedded: vault.embedded, words: score(words, set.questions) };
		if (vault.embedError !== null) {
			results.push({ ...base, vectors: null, hybrid: null, error: vault.embedError });
			continue;
		}
		const vectors: string[][] = [];
		const hybrid: string[][] = [];
		for (const { question } of set.questions) {
			// The vector ranking alone: the ranker fused with an empty lexical ranking.
			vectors.push((await semantic.ranker.rank(question, () => [], 10, index)).map((hit) => hit.path));
			hybrid.push((await semantic.ranker.rank(question, (depth) => index.searchNotes(question, depth), 10, index)).map((hit) => hit.path));
		}
		// A query the endpoint refused falls back to words only; the sentence says so.
		results.push({ ...base, vectors: score(vectors, set.questions), hybrid: score(hybrid, set.questions), error: vault.said() });
	}
	return results;
}

/** The report's table, or the sentence saying why there is none. */
export function renderHybridReport(results: readonly HybridSetResult[] | null, endpoint: EmbeddingEndpoint | null): string {
	if (results === null || endpoint === null) {
		return "### Hybrid search (semantic search on)\n\nNot measured: no embedding endpoint was given (pass --embed-base-url URL --embed-model NAME; the key comes from OPENAI_API_KEY).\n";
	}
	const figure = (s: HybridScore | null): string => (s ? `${s.recallAt5.toFixed(2)} / ${s.mrr.toFixed(2)}` : "—");
	const lines = [
		`### Hybrid search (${endpoint.model} at ${endpoint.baseUrl}; recall@5 / MRR)`,
		"",
		"| question set | questions | notes | words only | vectors only | hybrid (RRF, k=60) |",
		"|---|---|---|---|---|---|",
		...results.map((r) => `| ${r.file} | ${r.questions} | ${r.notes} | ${figure(r.words)} | ${figure(r.vectors)} | ${figure(r.hybrid)} |`),
		"",
	];
	for (const r of results) if (r.error) lines.push(`- ${r.file}: ${r.error}`);
	return `${lines.join("\n")}\n`;
}
