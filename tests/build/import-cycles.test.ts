import { describe, expect, it } from "vitest";
import { build } from "esbuild";
import { builtinModules } from "node:module";

/** Every src/ module's imports of other src/ modules, as esbuild resolves them for both bundles. */
async function importGraph(): Promise<Map<string, string[]>> {
	const result = await build({
		entryPoints: ["src/obsidian/main.ts", "src/cli/bin.ts"],
		bundle: true,
		write: false,
		metafile: true,
		platform: "node",
		format: "cjs",
		outdir: "unused",
		external: ["obsidian"],
		logLevel: "silent",
	});
	const graph = new Map<string, string[]>();
	for (const [path, input] of Object.entries(result.metafile.inputs)) {
		if (!path.startsWith("src/")) continue;
		graph.set(
			path,
			input.imports.map((i) => i.path).filter((p) => p.startsWith("src/")),
		);
	}
	return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | null {
	const state = new Map<string, "visiting" | "done">();
	const stack: string[] = [];
	const visit = (node: string): string[] | null => {
		if (state.get(node) === "done") return null;
		if (state.get(node) === "visiting") return [...stack.slice(stack.indexOf(node)), node];
		state.set(node, "visiting");
		stack.push(node);
		for (const next of graph.get(node) ?? []) {
			const cycle = visit(next);
			if (cycle) return cycle;
		}
		stack.pop();
		state.set(node, "done");
		return null;
	};
	for (const node of graph.keys()) {
		const cycle = visit(node);
		if (cycle) return cycle;
	}
	return null;
}

// STYLE.md asks for a cycle check in CI (as Tasks does with madge); esbuild's metafile gives the graph.
describe("the module graph", () => {
	it("has no import cycles in src/", async () => {
		const graph = await importGraph();
		expect(graph.size).toBeGreaterThan(30);
		expect(findCycle(graph)).toBeNull();
	});

	it("keeps src/core independent of the plugin and the command line", async () => {
		const graph = await importGraph();
		for (const [path, imports] of graph) {
			if (!path.startsWith("src/core/")) continue;
			expect(imports.filter((p) => !p.startsWith("src/core/")), path).toEqual([]);
		}
	});

	it("finds a cycle when there is one", () => {
		expect(findCycle(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]]))).toEqual(["a", "b", "c", "a"]);
	});
});

describe("the plugin's start-up", () => {
	// Evaluating the SDK's schemas took about 30 ms of every Obsidian start; the app loads it with import() when a server is first needed.
	it("reaches the MCP SDK only through import(), so loading main.js does not evaluate it", async () => {
		const { inputs, eager } = await modulesMainEvaluates({ platform: "node", external: ["obsidian"] });
		expect(inputs.some((path) => path.includes("@modelcontextprotocol/sdk"))).toBe(true);
		expect(eager.filter((path) => path.includes("@modelcontextprotocol/sdk") || path.includes("node_modules/zod/"))).toEqual([]);
	});

	// The office libraries (over 700 KB minified) are parsed only when someone exports: the command imports the exporter with import().
	it("reaches the export libraries (docx, pptxgenjs, write-excel-file, micromark) only through import()", async () => {
		// As the plugin build resolves them (browser fields: pptxgenjs's Node-only paths left out).
		const { inputs, eager } = await modulesMainEvaluates({ external: ["obsidian", ...builtinModules] });
		const heavy = /node_modules\/(docx|pptxgenjs|write-excel-file|jszip|fflate|micromark[^/]*|mdast-util-[^/]*)\/|src\/core\/export\/(?!export-format|export-after-run)/;
		expect(inputs.filter((path) => heavy.test(path)).length).toBeGreaterThan(5);
		expect(eager.filter((path) => heavy.test(path))).toEqual([]);
	});
});

/** Every module bundled into main.js, and those loading it evaluates: reached from main.ts without an import(). */
async function modulesMainEvaluates(options: { platform?: "node"; external: string[] }): Promise<{ inputs: string[]; eager: string[] }> {
	const result = await build({
		entryPoints: ["src/obsidian/main.ts"],
		bundle: true,
		write: false,
		metafile: true,
		format: "cjs",
		outdir: "unused",
		...options,
		supported: { "dynamic-import": false },
		logLevel: "silent",
	});
	const inputs = result.metafile.inputs;
	const eager = new Set<string>();
	const visit = (path: string): void => {
		if (eager.has(path)) return;
		eager.add(path);
		for (const imported of inputs[path]?.imports ?? []) if (imported.kind !== "dynamic-import" && !imported.external) visit(imported.path);
	};
	visit("src/obsidian/main.ts");
	return { inputs: Object.keys(inputs), eager: [...eager] };
}
