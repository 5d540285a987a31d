/** Entry of `npm run bench`: measures every vault and the MCP tools, checks the targets, prints the tables, writes bench/results.json. */
import { mkdir, writeFile } from "node:fs/promises";
import { parseBenchArgs, USAGE } from "./args";
import { prepareCorpus } from "./corpora";
import { benchMcp, pluginStartupCost } from "./mcp-bench";
import { now } from "./measure";
import { RESULTS_FILE, RETRIEVAL_RESULTS_FILE, WORK_DIR } from "./paths";
import { renderReport, retrievalSection, startupSection } from "./report";
import { machineInfo, type BenchResults, type VaultResult } from "./results";
import { evaluateRetrieval } from "./retrieval-quality";
import { evaluateHybridRetrieval, renderHybridReport, type EmbeddingEndpoint } from "./hybrid-retrieval";
import { ensureSyntheticVault } from "./synthetic-vault";
import { speedTargets, wholeProcessTargets } from "./targets";
import { benchWholeProcesses, type WholeProcessResult } from "./cli-bench";
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
	if (options.startupOnly) {
		log("the plugin's start-up only; bench/results.json is left as it is");
		const startup = await pluginStartupCost(options.pluginLoads, log, options.compareMain);
		process.stdout.write(`${startupSection(startup).join("\n")}\n`);
		return;
	}
	if (options.retrievalOnly) {
		log("retrieval quality only, on every question set of bench/retrieval");
		const retrieval = await evaluateRetrieval(log);
		await writeFile(RETRIEVAL_RESULTS_FILE, `${JSON.stringify(retrieval, null, "\t")}\n`);
		process.stdout.write(`${retrievalSection(retrieval).join("\n")}\n`);
		log(`done in ${Math.round((now() - started) / 100) / 10} s; figures in ${RETRIEVAL_RESULTS_FILE}`);
		return;
	}
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
	const wholeProcess: WholeProcessResult[] = [];
	for (const vault of vaults) wholeProcess.push(await benchWholeProcesses(vault.name, vault.dir, { repetitions: options.processRounds, log }));
	for (const source of options.wholeProcessCorpora) {
		log(`preparing corpus ${source} (whole processes only)`);
		const corpus = await prepareCorpus(source);
		wholeProcess.push(await benchWholeProcesses(corpus.name, corpus.dir, { repetitions: options.processRounds, log }));
	}
	const largest = [...wholeProcess].sort((a, b) => b.notes - a.notes)[0];
	log("retrieval quality on every question set of bench/retrieval");
	const retrieval = await evaluateRetrieval(log);
	const endpoint: EmbeddingEndpoint | null = options.embed ? { ...options.embed, apiKey: process.env.OPENAI_API_KEY?.trim() || null } : null;
	if (endpoint) log(`hybrid retrieval through ${endpoint.baseUrl} with ${endpoint.model}`);
	const hybrid = endpoint ? await evaluateHybridRetrieval(endpoint, log) : null;
	log("MCP tools on the stdio calendar fixture server, and the plugin's start-up");
	const mcp = await benchMcp({ calls: options.mcpCalls, starts: options.mcpStarts, pluginLoads: options.pluginLoads, compareMain: options.compareMain, log });

	// The targets are set for the 10k synthetic vault; a smaller run is still checked, on its largest synthetic vault.
	const synthetic = vaults.filter((v) => v.kind === "synthetic").sort((a, b) => b.files - a.files);
	const target = synthetic.find((v) => v.name === "synthetic-10000") ?? synthetic[0];
	const results: BenchResults = {
		machine: machineInfo(),
		options,
		vaults,
		targets: target ? { vault: target.name, checks: speedTargets(target) } : null,
		wholeProcess,
		wholeProcessTargets: largest ? { vault: largest.vault, checks: wholeProcessTargets(largest) } : null,
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
