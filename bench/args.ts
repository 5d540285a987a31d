/** The bench's command line: which synthetic sizes, which real corpora, and the quick smoke-check mode. */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { TLDR_CORPUS } from "./paths";

export interface BenchOptions {
	sizes: number[];
	corpora: string[];
	/** Vaults measured only as whole processes (cli-bench.ts): tldr-pages unless `--quick` or `--no-tldr`. */
	wholeProcessCorpora: string[];
	repetitions: number;
	/**
	 * Timed rounds of each whole-process command (cli-bench.ts): 5, or 1 with `--quick`. More than the in-process
	 * phases' 3: on the 2-core dev box the floor moved ±12 % between runs and one slow round of three set the median.
	 */
	processRounds: number;
	queries: number;
	incrementalUpdates: number;
	/** Timed tool calls each way, rounds of start versus reuse, and timed loads of each plugin bundle. */
	mcpCalls: number;
	mcpStarts: number;
	pluginLoads: number;
	/** Only the plugin's start-up: no vaults, no retrieval, no MCP calls; bench/results.json is left as it is. */
	startupOnly: boolean;
	/** Another main.js (an older build, say) timed in the same rounds as ours, so both meet the same machine load. */
	compareMain: string | null;
	/** Only the retrieval quality of bench/retrieval (no speed, pipeline or MCP phases); results.json is left alone. */
	retrievalOnly: boolean;
	/** An embedding endpoint to measure hybrid search with (`--embed-base-url`, `--embed-model`); null when none was given. */
	embed: { baseUrl: string; model: string } | null;
}

export const USAGE = `npm run bench -- [--sizes 1000,10000] [--corpus DIR|FILE.tar.gz]... [--quick] [--retrieval-only] [--embed-base-url URL --embed-model NAME]

  --sizes N,M     synthetic vault sizes to generate and measure (default 1000,10000)
  --corpus PATH   a real vault folder or .tar.gz to measure too (repeatable)
  --no-tldr       leave out the whole-process table's tldr-pages row (38k notes, about 2 min)
  --quick         smoke check: one repetition, only the 1000-note vault unless --sizes says otherwise, 3 rounds of MCP server starts, no tldr
  --startup-only  only the plugin's start-up (main.js evaluated as Obsidian loads it); prints its table, writes no results.json
  --compare-main FILE   with the start-up, also time another main.js (e.g. an older build) in the same rounds
  --retrieval-only  only score every question set of bench/retrieval (about 20 s); figures go to bench/.work/retrieval-results.json
  --embed-base-url URL, --embed-model NAME
                  also measure hybrid search (semantic search on) on every question set through this
                  OpenAI-compatible embeddings endpoint (key from OPENAI_API_KEY)`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
	const { values } = parseArgs({
		args: [...argv],
		options: {
			sizes: { type: "string" },
			corpus: { type: "string", multiple: true },
			quick: { type: "boolean" },
			"startup-only": { type: "boolean" },
			"compare-main": { type: "string" },
			"no-tldr": { type: "boolean" },
			"retrieval-only": { type: "boolean" },
			"embed-base-url": { type: "string" },
			"embed-model": { type: "string" },
			help: { type: "boolean", short: "h" },
		},
		strict: true,
	});
	if (values.help) {
		process.stdout.write(`${USAGE}\n`);
		process.exit(0);
	}
	const quick = values.quick === true;
	const sizes = (values.sizes ?? (quick ? "1000" : "1000,10000")).split(",").filter((s) => s.trim() !== "").map(parseSize);
	const corpora = values.corpus ?? [];
	const startupOnly = values["startup-only"] === true;
	const retrievalOnly = values["retrieval-only"] === true;
	// The whole-process targets are set on tldr-pages: measured by default when the shared corpus is there and not already a --corpus.
	const tldr = !quick && !startupOnly && !retrievalOnly && values["no-tldr"] !== true && existsSync(TLDR_CORPUS) && !corpora.some((c) => /tldr-pages/.test(c));
	return { sizes, corpora, wholeProcessCorpora: tldr ? [TLDR_CORPUS] : [], repetitions: quick ? 1 : 3, processRounds: quick ? 1 : 5, queries: 200, incrementalUpdates: 50, mcpCalls: 200, mcpStarts: quick ? 3 : 10, pluginLoads: 41, startupOnly, compareMain: values["compare-main"] ?? null, retrievalOnly, embed: embedEndpoint(values["embed-base-url"], values["embed-model"]) };
}

function embedEndpoint(baseUrl: string | undefined, model: string | undefined): BenchOptions["embed"] {
	if (baseUrl === undefined && model === undefined) return null;
	if (!baseUrl || !/^https?:\/\/\S+$/i.test(baseUrl)) throw new Error("--embed-base-url must be given with --embed-model and start with http:// or https://");
	if (!model || model.trim() === "") throw new Error("--embed-model must be given with --embed-base-url");
	return { baseUrl: baseUrl.replace(/\/+$/, ""), model: model.trim() };
}

function parseSize(text: string): number {
	const size = Number(text.trim());
	if (!Number.isInteger(size) || size < 10 || size > 200_000) throw new Error(`--sizes: "${text}" is not a note count between 10 and 200000`);
	return size;
}
