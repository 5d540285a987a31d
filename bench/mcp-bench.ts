/**
 * MCP tools against the stdio calendar fixture server: a tool call through our session against the SDK client
 * alone; a run's first tool list and call when the server must start, when the app's pool already holds it, and
 * with no pool at all; and what loading the SDK lazily saves each time Obsidian loads the plugin.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { runInThisContext } from "node:vm";
import { build, type Plugin } from "esbuild";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import manifest from "../manifest.json";
import { nodeMcpConnections } from "../src/cli/mcp-tools";
import type { ExternalTools } from "../src/core/ports/external-tools";
import type { McpServerConfig } from "../src/core/tools/mcp-config";
import { McpConnections } from "../src/core/tools/mcp-connections";
import { ToolSession } from "../src/core/tools/tool-session";
import { DEFAULT_SETTINGS } from "../src/core/settings/plugin-settings";
import { collectGarbage, collectYoungGarbage, median, now, percentile } from "./measure";
import { REPO_ROOT, WORK_DIR } from "./paths";
import { pluginOnloadCost } from "./onload-bench";
import type { Latency, McpResult, PluginStartup, Repeated } from "./results";

const FIXTURE = join(REPO_ROOT, "tests", "fixtures", "mcp", "calendar-server.mjs");
const SERVER: McpServerConfig = { name: "calendar", transport: "stdio", command: process.execPath, args: [FIXTURE], env: {} };
const TOOL = "list_events";
/** The name the session offers the model: server and tool, as `functionNameFor` makes it. */
const FUNCTION_NAME = `${SERVER.name}__${TOOL}`;
const EXPECTED_TEXT = "Acme renewal call";
const CALL_TIMEOUT_MS = DEFAULT_SETTINGS.mcpCallTimeoutSeconds * 1000;
/** The result share a run gives a tool call with plenty of budget left; the fixture's answer is far below it. */
const RESULT_TOKENS = 4000;
/** The app's default idle time: long enough that nothing is stopped while the bench measures reuse. */
const KEEP_IDLE_MS = DEFAULT_SETTINGS.mcpIdleMinutes * 60_000;
const WARM_UP_CALLS = 20;
const STARTUP_WORK_DIR = join(WORK_DIR, "mcp");

export interface McpBenchSettings {
	calls: number;
	starts: number;
	pluginLoads: number;
	/** Another main.js to time in the same start-up rounds, or null. */
	compareMain: string | null;
	log: (line: string) => void;
}

export async function benchMcp(settings: McpBenchSettings): Promise<McpResult> {
	const started = now();
	const { log } = settings;
	collectGarbage();
	const calls = await callOverhead(settings.calls, log);
	const starts = await startVersusReuse(settings.starts, log);
	const pluginStartup = await pluginStartupCost(settings.pluginLoads, log, settings.compareMain);
	const left = serversStillRunning();
	if (left === null) log("mcp: ps could not be run, so nothing checked that every server stopped");
	else if (left.length > 0) log(`⚠ mcp: ${left.length} calendar server(s) still running after the bench closed every pool: ${left.join("; ")}`);
	log(`mcp phase took ${((now() - started) / 1000).toFixed(1)} s`);
	return { server: "tests/fixtures/mcp/calendar-server.mjs", tool: FUNCTION_NAME, calls, starts, pluginStartup, serversLeft: left?.length ?? null };
}

/** The same tool call through a long-lived pool's session (permission check, record, cut) and through one SDK client. */
async function callOverhead(count: number, log: (line: string) => void): Promise<McpResult["calls"]> {
	log(`mcp: ${count} calls of ${FUNCTION_NAME} through ToolSession, alternating with Client.callTool alone`);
	const pool = keptPool();
	const client = new Client({ name: manifest.id, version: manifest.version });
	try {
		const session = await openSession(pool.session([SERVER]));
		await client.connect(calendarTransport());
		// The pool lists the tools when it starts a server; the client alone does too, so both hold the same state.
		await client.listTools();
		// The model hands the session its arguments as JSON text, made before the timer starts; the client alone takes an object.
		const ours = async (date: string, rawArguments: string): Promise<void> => {
			const text = await session.call(FUNCTION_NAME, rawArguments, RESULT_TOKENS);
			if (!text.includes(EXPECTED_TEXT)) throw new Error(`the session's call answered something else: ${text.slice(0, 200)}`);
		};
		const floor = async (date: string): Promise<void> => {
			const result = await client.callTool({ name: TOOL, arguments: { date } });
			const first = (result.content as { type: string; text?: string }[] | undefined)?.[0];
			if (!first?.text?.includes(EXPECTED_TEXT)) throw new Error("the client's call answered something else");
		};
		for (let i = 0; i < WARM_UP_CALLS; i++) {
			await ours(dateFor(i), JSON.stringify({ date: dateFor(i) }));
			await floor(dateFor(i));
		}
		const timings = { ours: [] as number[], floor: [] as number[] };
		for (let i = 0; i < count; i++) {
			const date = dateFor(i);
			const rawArguments = JSON.stringify({ date });
			for (const step of rotate(["ours", "floor"] as const, i)) {
				collectYoungGarbage();
				const start = now();
				if (step === "ours") await ours(date, rawArguments);
				else await floor(date);
				timings[step].push(now() - start);
			}
		}
		if (session.records.some((record) => record.status !== "ok")) throw new Error("a call through the session was not recorded as ok");
		await session.close();
		const oursMs = latency(timings.ours);
		const floorMs = latency(timings.floor);
		log(`mcp: call p50 ${oursMs.p50.toFixed(3)} ms through the session, ${floorMs.p50.toFixed(3)} ms with the client alone`);
		return { count, oursMs, floorMs, oursOverFloor: oursMs.p50 / floorMs.p50, overheadMs: oursMs.p50 - floorMs.p50 };
	} finally {
		await client.close();
		await pool.closeAll();
	}
}

type StartStep = "started" | "kept" | "naive" | "nodeStart";
const START_ORDER: StartStep[] = ["started", "kept", "naive", "nodeStart"];

/** A run's first tool list and one call: server started and stopped (the command line), kept by the app's pool, and started per operation. */
async function startVersusReuse(rounds: number, log: (line: string) => void): Promise<McpResult["starts"]> {
	log(`mcp: ${rounds} rounds of a run's first list + call: server started (idle 0), kept by the pool, one fresh pool per operation; node -e "" as the floor`);
	const kept = keptPool();
	try {
		const steps: Record<StartStep, () => Promise<void>> = {
			started: startedListAndCall,
			kept: () => listAndCall(kept),
			naive: naiveListAndCall,
			nodeStart: startNode,
		};
		// Untimed: the kept pool's first run starts its server, and every path is run once before it is timed.
		for (const step of START_ORDER) await steps[step]();
		const timings: Record<StartStep, number[]> = { started: [], kept: [], naive: [], nodeStart: [] };
		for (let i = 0; i < rounds; i++) {
			collectGarbage();
			for (const step of rotate(START_ORDER, i)) {
				collectYoungGarbage();
				const start = now();
				await steps[step]();
				timings[step].push(now() - start);
			}
		}
		const [startedMs, keptMs, naiveMs, nodeStartMs] = START_ORDER.map((step) => repeated(timings[step])) as [Repeated, Repeated, Repeated, Repeated];
		log(
			`mcp: first list + call: started ${startedMs.median.toFixed(1)} ms, kept ${keptMs.median.toFixed(2)} ms, ` +
				`naive ${naiveMs.median.toFixed(1)} ms; node -e "" ${nodeStartMs.median.toFixed(1)} ms`,
		);
		return {
			rounds,
			startedMs,
			keptMs,
			naiveMs,
			nodeStartMs,
			startedOverKept: startedMs.median / keptMs.median,
			startedOverNodeStart: startedMs.median / nodeStartMs.median,
			naiveOverStarted: naiveMs.median / startedMs.median,
		};
	} finally {
		await kept.closeAll();
	}
}

/** What a run does with its tools before and during the model's first tool call: list them, call one, end its use. */
async function listAndCall(pool: McpConnections): Promise<void> {
	const session = await openSession(pool.session([SERVER]));
	try {
		const text = await session.call(FUNCTION_NAME, JSON.stringify({ date: dateFor(0) }), RESULT_TOKENS);
		if (!text.includes(EXPECTED_TEXT)) throw new Error(`the call answered something else: ${text.slice(0, 200)}`);
	} finally {
		await session.close();
	}
}

/** The command line: one pool per command, with no idle time, so the run starts the server, lists, calls and stops it. */
async function startedListAndCall(): Promise<void> {
	const pool = nodeMcpConnections(CALL_TIMEOUT_MS);
	try {
		await listAndCall(pool);
	} finally {
		await pool.closeAll();
	}
}

/** No pool at all: the tool list and the call each get a fresh McpConnections, which starts the server and stops it. */
async function naiveListAndCall(): Promise<void> {
	const forList = nodeMcpConnections(CALL_TIMEOUT_MS);
	try {
		const listing = await openSession(forList.session([SERVER]));
		const listed = listing.handles(FUNCTION_NAME);
		await listing.close();
		if (!listed) throw new Error(`the server did not list ${TOOL}`);
	} finally {
		await forList.closeAll();
	}
	await startedListAndCall();
}

/** The floor of any stdio server: starting Node and letting it exit, with nothing to load. */
function startNode(): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
		child.once("error", reject);
		child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`node -e "" exited with ${code}`))));
	});
}

/** A pool like the app's: a server stays up for the idle time after a run, so the next run finds it running. */
function keptPool(): McpConnections {
	return new McpConnections({
		transportFor: calendarTransport,
		startTimeoutMs: () => CALL_TIMEOUT_MS,
		idleMs: () => KEEP_IDLE_MS,
		now: () => Date.now(),
		clientInfo: { name: manifest.id, version: manifest.version },
	});
}

/** The transport src/cli/mcp-tools.ts makes for this server. */
function calendarTransport(): StdioClientTransport {
	return new StdioClientTransport({ command: process.execPath, args: [FIXTURE], env: getDefaultEnvironment(), stderr: "ignore" });
}

async function openSession(tools: ExternalTools): Promise<ToolSession> {
	const session = await ToolSession.open({
		tools,
		overrides: {},
		grants: [],
		// As on the command line: list_events is read-only, so it is allowed without asking.
		attended: false,
		maxResultBytes: DEFAULT_SETTINGS.mcpMaxResultBytes,
		callTimeoutMs: CALL_TIMEOUT_MS,
		now: () => Date.now(),
	});
	if (session.problems.length > 0) {
		await session.close();
		throw new Error(session.problems.join(" "));
	}
	return session;
}

type StartupStep = "plugin" | "floor" | "naive" | "withoutExport" | "compare";

/**
 * main.js evaluated as Obsidian evaluates it, against a bundle that only extends Obsidian's Plugin (floor)
 * and main.js followed by the SDK's client and types loaded eagerly (naive); against the same main.js built with
 * the exporters left out (what the office exports add to every start); with `compareFile`, another main.js (an
 * older build) in the same rounds.
 */
export async function pluginStartupCost(loads: number, log: (line: string) => void, compareFile: string | null = null): Promise<McpResult["pluginStartup"]> {
	const mainFile = join(REPO_ROOT, "main.js");
	const plugin = await readFile(mainFile, "utf8");
	// A development build carries an inline source map and no minification: several times the text to parse.
	if (plugin.includes("sourceMappingURL=data:")) log("⚠ mcp: main.js is a development build; npm run bench builds the production one first");
	const other = compareFile === null ? null : await readFile(compareFile, "utf8");
	const { floor, sdk, withoutExport } = await buildStartupBundles();
	const [pluginBytes, floorBytes, sdkBytes, withoutExportBytes] = [plugin, floor, sdk, withoutExport].map((code) => Buffer.byteLength(code)) as [number, number, number, number];
	log(
		`mcp: plugin start-up: main.js (${kilobytes(pluginBytes)} KB), floor (${kilobytes(floorBytes)} KB), naive adds the SDK (${kilobytes(sdkBytes)} KB), ` +
			`main.js without the exporters (${kilobytes(withoutExportBytes)} KB); ${loads} loads each`,
	);
	if (other !== null) log(`mcp: plugin start-up: compared with ${compareFile} (${kilobytes(Buffer.byteLength(other))} KB) in the same rounds`);
	const order: StartupStep[] = other === null ? ["plugin", "floor", "naive", "withoutExport"] : ["plugin", "floor", "naive", "withoutExport", "compare"];
	const steps: Record<StartupStep, (source: (code: string) => string) => void> = {
		plugin: (source) => expectPlugin(evaluateModule(source(plugin))),
		floor: (source) => expectPlugin(evaluateModule(source(floor))),
		naive: (source) => {
			expectPlugin(evaluateModule(source(plugin)));
			if (typeof evaluateModule(source(sdk)).Client !== "function") throw new Error("the SDK bundle exports no Client");
		},
		withoutExport: (source) => expectPlugin(evaluateModule(source(withoutExport))),
		compare: (source) => expectPlugin(evaluateModule(source(other ?? ""))),
	};
	let compiles = 0;
	const measure = (source: (code: string) => string): PluginStartup => {
		// Untimed: the first round also fills V8's compilation cache for the cached mode.
		for (const step of order) steps[step](source);
		const timings: Record<StartupStep, number[]> = { plugin: [], floor: [], naive: [], withoutExport: [], compare: [] };
		for (let i = 0; i < loads; i++) {
			collectGarbage();
			for (const step of rotate(order, i)) {
				collectYoungGarbage();
				const start = now();
				steps[step](source);
				timings[step].push(now() - start);
			}
		}
		const [pluginMs, floorMs, naiveMs, withoutExportMs] = (["plugin", "floor", "naive", "withoutExport"] as const).map((step) => repeated(timings[step])) as [Repeated, Repeated, Repeated, Repeated];
		const compared = other === null ? {} : { compareMs: repeated(timings.compare) };
		return {
			pluginMs,
			floorMs,
			naiveMs,
			withoutExportMs,
			pluginOverFloor: pluginMs.median / floorMs.median,
			naiveOverPlugin: naiveMs.median / pluginMs.median,
			eagerSdkMs: naiveMs.median - pluginMs.median,
			exportShareMs: pluginMs.median - withoutExportMs.median,
			...compared,
		};
	};
	// V8 keeps compiled code per source text for the life of the process; a new Obsidian process has none, so
	// each load gets text of its own. The cached figures are what a second load of the same text costs.
	const compiled = measure((code) => `${code}\n//# bench load ${++compiles}`);
	const cached = measure((code) => code);
	const comparedLine = (p: PluginStartup): string => (p.compareMs ? `, compared main.js ${p.compareMs.median.toFixed(1)} ms` : "");
	log(
		`mcp: plugin start-up, compiled each time: main.js ${compiled.pluginMs.median.toFixed(1)} ms, floor ${compiled.floorMs.median.toFixed(2)} ms, ` +
			`naive ${compiled.naiveMs.median.toFixed(1)} ms${comparedLine(compiled)}; cached: main.js ${cached.pluginMs.median.toFixed(1)} ms, naive ${cached.naiveMs.median.toFixed(1)} ms${comparedLine(cached)}`,
	);
	const comparedWith = other === null ? {} : { compareFile: compareFile ?? "", compareBytes: Buffer.byteLength(other) };
	const onload = await pluginOnloadCost({ plugin, floor, withoutExport, compare: other }, loads, log);
	return { loads, pluginBytes, floorBytes, sdkBytes, withoutExportBytes, pluginBuiltAt: (await stat(mainFile)).mtime.toISOString(), compiled, cached, onload, ...comparedWith };
}

/**
 * Bundles of the same shape as main.js (CommonJS, es2021, minified, obsidian external): an empty plugin, the
 * SDK's client and types, and main.js itself built with the exporters left out.
 */
async function buildStartupBundles(): Promise<{ floor: string; sdk: string; withoutExport: string }> {
	await mkdir(STARTUP_WORK_DIR, { recursive: true });
	const bundle = async (name: string, contents: string, platform: "browser" | "node"): Promise<string> => {
		const outfile = join(STARTUP_WORK_DIR, name);
		await build({
			stdin: { contents, resolveDir: REPO_ROOT, loader: "ts", sourcefile: name.replace(/\.js$/, ".ts") },
			bundle: true,
			external: ["obsidian"],
			platform,
			format: "cjs",
			target: "es2021",
			supported: { "dynamic-import": false },
			minify: true,
			logLevel: "warning",
			outfile,
		});
		return readFile(outfile, "utf8");
	};
	const [floor, sdk, withoutExport] = await Promise.all([
		bundle("startup-floor.js", `import { Plugin } from "obsidian";\nexport default class StartupFloorPlugin extends Plugin {\n\tonload(): void {}\n}\n`, "browser"),
		// Exported, so the bundler keeps every module's top level: what a static import would evaluate at start-up.
		bundle("sdk-eager.js", `export { Client } from "@modelcontextprotocol/sdk/client/index.js";\nexport * as types from "@modelcontextprotocol/sdk/types.js";\n`, "node"),
		mainWithoutExporters(join(STARTUP_WORK_DIR, "main-without-exporters.js")),
	]);
	return { floor, sdk, withoutExport };
}

/**
 * main.js as `node esbuild.config.mjs production` builds it, but with the one module that reaches the
 * exporters (export-deliverable, loaded with import() by the command and by workflows) replaced by a stand-in:
 * the difference to main.js is what the office exports cost every start, as Obsidian compiles the whole file.
 */
async function mainWithoutExporters(outfile: string): Promise<string> {
	// Imported when needed: the bench runs as CommonJS under tsx, and the config is an ES module with top-level await.
	const { pluginBuild } = await import("../esbuild.config.mjs");
	const leaveOutExporters: Plugin = {
		name: "leave-out-exporters",
		setup(b) {
			// The core module only (src/core/export/export-deliverable.ts), not the command of the same name.
			b.onResolve({ filter: /[\\/]export-deliverable$/ }, (args) =>
				/core[\\/]export[\\/]export-deliverable$/.test(join(args.resolveDir, args.path)) ? { path: "export-deliverable", namespace: "left-out" } : undefined,
			);
			b.onLoad({ filter: /.*/, namespace: "left-out" }, () => ({ contents: 'export async function exportDeliverable() { throw new Error("left out"); }', loader: "js" }));
		},
	};
	await build({ ...pluginBuild, absWorkingDir: REPO_ROOT, plugins: [...(pluginBuild.plugins ?? []), leaveOutExporters], minify: true, sourcemap: false, logLevel: "warning", outfile });
	return readFile(outfile, "utf8");
}

/** While main.js loads it only extends Obsidian's classes, so an empty class for every name is enough. */
const obsidianClasses = new Map<string, unknown>();
const obsidianStub = new Proxy(
	{},
	{
		get(_, key) {
			if (typeof key !== "string" || key === "__esModule") return undefined;
			if (!obsidianClasses.has(key)) obsidianClasses.set(key, class {});
			return obsidianClasses.get(key);
		},
	},
);

/** As on mobile: obsidian and nothing else (js-yaml tries `buffer` and `esprima` in try/catch and does without). */
function requireOnlyObsidian(name: string): unknown {
	if (name === "obsidian") return obsidianStub;
	throw new Error(`Cannot find module '${name}'`);
}

/** As Obsidian does: the bundle runs as the body of a CommonJS module function. */
function evaluateModule(code: string): Record<string, unknown> {
	const module = { exports: {} as Record<string, unknown> };
	const load = runInThisContext(`(function (require, module, exports) {${code}\n})`) as (r: typeof requireOnlyObsidian, m: typeof module, e: typeof module.exports) => void;
	load(requireOnlyObsidian, module, module.exports);
	return module.exports;
}

function expectPlugin(exports: Record<string, unknown>): void {
	if (typeof exports.default !== "function") throw new Error("the bundle exports no plugin class");
}

/** This process's calendar servers still alive (ps lines), or null when ps cannot be run. */
function serversStillRunning(): string[] | null {
	let out: string;
	try {
		out = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" });
	} catch {
		return null;
	}
	// Only this process's children: tests running at the same time start the same fixture.
	return out
		.split("\n")
		.map((line) => line.trim())
		.filter((line) => line.split(/\s+/)[1] === String(process.pid) && line.includes("calendar-server.mjs"));
}

function dateFor(i: number): string {
	return `2026-11-${String(1 + (i % 28)).padStart(2, "0")}`;
}

function kilobytes(bytes: number): number {
	return Math.round(bytes / 1024);
}

function rotate<T>(items: readonly T[], by: number): T[] {
	const k = by % items.length;
	return [...items.slice(k), ...items.slice(0, k)];
}

function repeated(runs: readonly number[]): Repeated {
	return { runs: [...runs], median: median(runs) };
}

function latency(timings: readonly number[]): Latency {
	return { count: timings.length, p50: median(timings), p95: percentile(timings, 95), max: Math.max(...timings) };
}
