/** Entry of `npm run bench`: measures every vault and the MCP tools, checks the targets, prints the tables, writes bench/results.json. */
import { mkdir, writeFile } from "node:fs/promises";
import { parseBenchArgs, USAGE } from "./args";
import { prepareCorpus } from "./corpora";
import { benchMcp } from "./mcp-bench";
import { now } from "./measure";
import { RESULTS_FILE, WORK_DIR } from "./paths";
import { renderReport } from "./report";
import { machineInfo, type BenchResults, type VaultResult } from "./results";
import { evaluateRetrieval } from "./retrieval-quality";
import { evaluateHybridRetrieval, renderHybridReport, type EmbeddingEndpoint } from "./hybrid-retrieval";
import { ensureSyntheticVault } from "./synthetic-vault";
import { speedTargets } from "./targets";
import { benchVault } from "./vault-bench";

/** Progress goes to stderr, so stdout holds only the report. */
function log(line: string): void {
	process.stderr.write(`[bench] ${line}\n`);
}

async function main(): Promise<void> {
	const started = now();
	let options;
	try {
		options = parseBenchArgs(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
		process.exitCode = 2;
		return;
	}
	await mkdir(WORK_DIR, { recursive: true });
	const settings = { repetitions: options.repetitions, queries: options.queries, incrementalUpdates: options.incrementalUpdates, log };
	const vaults: VaultResult[] = [];
	for (const size of options.sizes) {
		const dir = await ensureSyntheticVault(size, log);
		vaults.push(await benchVault(`synthetic-${size}`, "synthetic", dir, settings));
	}
	for (const source of options.corpora) {
		log(`preparing corpus ${source}`);
		const corpus = await prepareCorpus(source);
		vaults.push(await benchVault(corpus.name, "corpus", corpus.dir, settings));
	}
	log("retrieval quality on the Obsidian help vault");
	const retrieval = await evaluateRetrieval();
	const endpoint: EmbeddingEndpoint | null = options.embed ? { ...options.embed, apiKey: process.env.OPENAI_API_KEY?.trim() || null } : null;
	if (endpoint) log(`hybrid retrieval through ${endpoint.baseUrl} with ${endpoint.model}`);
	const hybrid = endpoint ? await evaluateHybridRetrieval(endpoint, log) : null;
	log("MCP tools on the stdio calendar fixture server, and the plugin's start-up");
	const mcp = await benchMcp({ calls: options.mcpCalls, starts: options.mcpStarts, pluginLoads: options.pluginLoads, log });

	// The targets are set for the 10k synthetic vault; a smaller run is still checked, on its largest synthetic vault.
	const synthetic = vaults.filter((v) => v.kind === "synthetic").sort((a, b) => b.files - a.files);
	const target = synthetic.find((v) => v.name === "synthetic-10000") ?? synthetic[0];
	const results: BenchResults = {
		machine: machineInfo(),
		options,
		vaults,
		targets: target ? { vault: target.name, checks: speedTargets(target) } : null,
		retrieval,
		mcp,
		totalSeconds: Math.round((now() - started) / 100) / 10,
	};
	await writeFile(RESULTS_FILE, `${JSON.stringify({ ...results, hybrid }, null, "\t")}\n`);
	process.stdout.write(`${renderReport(results)}\n${renderHybridReport(hybrid, endpoint)}\n`);
	log(`done in ${results.totalSeconds} s; figures in ${RESULTS_FILE}`);
}

main().catch((error: unknown) => {
	process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
