/**
 * The plugin's onload as a whole: main.js's plugin class constructed with the Obsidian test double's App on a copy
 * of the example vault and loaded (onload, awaited) as Obsidian does when it enables the plugin, against an empty
 * plugin's onload (the floor). Indexing waits for the layout, so none of it is in these figures.
 */
import { cp, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { runInThisContext } from "node:vm";
import { build } from "esbuild";
import manifest from "../manifest.json";
import { collectGarbage, collectYoungGarbage, median, now } from "./measure";
import { REPO_ROOT, WORK_DIR } from "./paths";
import type { PluginOnload, Repeated } from "./results";

const ONLOAD_WORK_DIR = join(WORK_DIR, "onload");
const DOUBLE_FILE = join(ONLOAD_WORK_DIR, "obsidian-double.mjs");
const VAULT_DIR = join(ONLOAD_WORK_DIR, "vault");

/** What the bench uses of the double: the App and the Plugin base class main.js extends. */
interface Double {
	App: new (vaultDir: string) => { vault: { load(): void } };
}

interface LoadablePlugin {
	loadAsync(): Promise<void>;
	unload(): void;
	/** Ours only: the work onunload set going. */
	unloaded?: Promise<void>;
}

type PluginClass = new (app: unknown, manifest: unknown) => LoadablePlugin;

type OnloadStep = "plugin" | "floor" | "withoutExport" | "compare";

/**
 * Medians over `loads` loads of each bundle, in turn (the order rotating each round), each on a new App over the
 * same vault; creating the App is not timed. `withoutExport` is main.js built with the exporters left out (what
 * exporting adds to onload); with `compare`, another main.js (an older build) in the same rounds.
 */
export async function pluginOnloadCost(
	bundles: { plugin: string; floor: string; withoutExport: string; compare: string | null },
	loads: number,
	log: (line: string) => void,
): Promise<PluginOnload> {
	const { compare } = bundles;
	const double = await loadDouble();
	await rm(VAULT_DIR, { recursive: true, force: true });
	await cp(join(REPO_ROOT, "examples", "vault"), VAULT_DIR, { recursive: true, filter: (path) => !path.includes(".obsidian") });
	const classes: Partial<Record<OnloadStep, PluginClass>> = {
		plugin: pluginClassOf(bundles.plugin, double),
		floor: pluginClassOf(bundles.floor, double),
		withoutExport: pluginClassOf(bundles.withoutExport, double),
	};
	if (compare !== null) classes.compare = pluginClassOf(compare, double);
	const order = Object.keys(classes) as OnloadStep[];
	const timings: Record<OnloadStep, number[]> = { plugin: [], floor: [], withoutExport: [], compare: [] };
	const once = async (which: OnloadStep): Promise<number> => {
		const Loaded = classes[which];
		if (Loaded === undefined) throw new Error(`no ${which} bundle to load`);
		const app = new double.App(VAULT_DIR);
		app.vault.load();
		const instance = new Loaded(app, { ...manifest, dir: `.obsidian/plugins/${manifest.id}` });
		const start = now();
		await instance.loadAsync();
		const ms = now() - start;
		instance.unload();
		await instance.unloaded;
		return ms;
	};
	// Untimed: a first load of each fills the caches of the code it runs.
	for (const which of order) await once(which);
	for (let i = 0; i < loads; i++) {
		collectGarbage();
		for (let step = 0; step < order.length; step++) {
			const which = order[(i + step) % order.length] as OnloadStep;
			// As for the start-up table: garbage left by the load before (and by the hundreds of compiled copies of
			// main.js before this table) is collected untimed, not in whichever onload it happened to fall into.
			collectYoungGarbage();
			timings[which].push(await once(which));
		}
	}
	const pluginMs = repeated(timings.plugin);
	const floorMs = repeated(timings.floor);
	const withoutExportMs = repeated(timings.withoutExport);
	const compared = compare === null ? {} : { compareMs: repeated(timings.compare) };
	const comparedLine = compared.compareMs ? `, compared main.js ${compared.compareMs.median.toFixed(1)} ms` : "";
	log(`mcp: plugin onload on the test double's App: main.js ${pluginMs.median.toFixed(1)} ms, floor ${floorMs.median.toFixed(2)} ms, without exporters ${withoutExportMs.median.toFixed(1)} ms${comparedLine} (${loads} loads each)`);
	return {
		loads,
		pluginMs,
		floorMs,
		withoutExportMs,
		pluginOverFloor: pluginMs.median / floorMs.median,
		overheadMs: pluginMs.median - floorMs.median,
		exportShareMs: pluginMs.median - withoutExportMs.median,
		...compared,
	};
}

/** The double is TypeScript with a top-level await (its private DOM); bundled as an ES module it loads from the CommonJS bench. */
async function loadDouble(): Promise<Double> {
	await mkdir(ONLOAD_WORK_DIR, { recursive: true });
	await build({
		entryPoints: [join(REPO_ROOT, "tests", "__mocks__", "obsidian.ts")],
		bundle: true,
		format: "esm",
		platform: "node",
		packages: "external",
		logLevel: "warning",
		outfile: DOUBLE_FILE,
	});
	// eslint-disable-next-line no-unsanitized/method -- the path is the bench's own build output, not input
	return (await import(pathToFileURL(DOUBLE_FILE).href)) as Double;
}

/** Evaluates a bundle as Obsidian does, with the double as `obsidian` and the Node global as `window` (timers are all onload takes from it). */
function pluginClassOf(code: string, double: Double): PluginClass {
	const module = { exports: {} as Record<string, unknown> };
	const load = runInThisContext(`(function (require, module, exports, window) {${code}\n})`) as (r: (name: string) => unknown, m: typeof module, e: typeof module.exports, w: typeof globalThis) => void;
	load(
		(name) => {
			if (name === "obsidian") return double;
			throw new Error(`Cannot find module '${name}'`);
		},
		module,
		module.exports,
		globalThis,
	);
	const exported = module.exports.default;
	if (typeof exported !== "function") throw new Error("the bundle exports no plugin class");
	return exported as PluginClass;
}

function repeated(runs: readonly number[]): Repeated {
	return { runs: [...runs], median: median(runs) };
}
