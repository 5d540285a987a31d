/** The bench's command line: which synthetic sizes, which real corpora, and the quick smoke-check mode. */
import { parseArgs } from "node:util";

export interface BenchOptions {
	sizes: number[];
	corpora: string[];
	repetitions: number;
	queries: number;
	incrementalUpdates: number;
	/** Timed tool calls each way, rounds of start versus reuse, and timed loads of each plugin bundle. */
	mcpCalls: number;
	mcpStarts: number;
	pluginLoads: number;
	/** Only the retrieval quality of bench/retrieval (no speed, pipeline or MCP phases); results.json is left alone. */
	retrievalOnly: boolean;
}

export const USAGE = `npm run bench -- [--sizes 1000,10000] [--corpus DIR|FILE.tar.gz]... [--quick] [--retrieval-only]

  --sizes N,M     synthetic vault sizes to generate and measure (default 1000,10000)
  --corpus PATH   a real vault folder or .tar.gz to measure too (repeatable)
  --quick         smoke check: one repetition, only the 1000-note vault unless --sizes says otherwise, 3 rounds of MCP server starts
  --retrieval-only  only score every question set of bench/retrieval (about 20 s); figures go to bench/.work/retrieval-results.json`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
	const { values } = parseArgs({
		args: [...argv],
		options: {
			sizes: { type: "string" },
			corpus: { type: "string", multiple: true },
			quick: { type: "boolean" },
			"retrieval-only": { type: "boolean" },
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
	return { sizes, corpora: values.corpus ?? [], repetitions: quick ? 1 : 3, queries: 200, incrementalUpdates: 50, mcpCalls: 200, mcpStarts: quick ? 3 : 10, pluginLoads: 15, retrievalOnly: values["retrieval-only"] === true };
}

function parseSize(text: string): number {
	const size = Number(text.trim());
	if (!Number.isInteger(size) || size < 10 || size > 200_000) throw new Error(`--sizes: "${text}" is not a note count between 10 and 200000`);
	return size;
}
