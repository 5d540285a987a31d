import { describe, expect, it } from "vitest";
import { build } from "esbuild";
import { builtinModules } from "node:module";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sourceImportGraph } from "../helpers/source-import-graph";

/** Every src/ module's imports of other src/ modules, type-only ones included (a bundler's graph drops those). */
function importGraph(): Promise<Map<string, string[]>> {
	return sourceImportGraph("src", ".");
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

// STYLE.md asks for a cycle check in CI (as Tasks does with madge); TypeScript's parser gives the graph.
describe("the module graph", () => {
	it("has no import cycles in src/, type imports included", async () => {
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

	it("sees a cycle made only of `import type` and `export type … from`, which a bundle leaves out", async () => {
		const folder = await mkdtemp(join(tmpdir(), "coworker-graph-"));
		try {
			await writeFile(join(folder, "a.ts"), 'import type { B } from "./b";\nexport interface A { b: B }\n');
			await writeFile(join(folder, "b.ts"), 'export type { C as B } from "./c";\n');
			await writeFile(join(folder, "c.ts"), 'import { type A } from "./a";\nexport type C = { a: A };\nexport const lazy = () => import("./d");\n');
			await writeFile(join(folder, "d.ts"), "export type D = import(\"./c\").C;\n");
			const graph = await sourceImportGraph(folder, folder);
			expect(Object.fromEntries(graph)).toEqual({ "a.ts": ["b.ts"], "b.ts": ["c.ts"], "c.ts": ["a.ts", "d.ts"], "d.ts": ["c.ts"] });
			expect(findCycle(graph)).toEqual(["a.ts", "b.ts", "c.ts", "a.ts"]);
		} finally {
			await rm(folder, { recursive: true, force: true });
		}
	});
});

describe("the plugin's start-up", () => {
	// Evaluating the SDK's schemas took about 30 ms of every Obsidian start; the app loads it with import() when a server is first needed.
	it("reaches the MCP SDK only through import(), so loading main.js does not evaluate it", async () => {
		const { inputs, eager } = await modulesMainEvaluates({ platform: "node", external: ["obsidian"] });
		expect(inputs.some((path) => path.includes("@modelcontextprotocol/sdk"))).toBe(true);
		expect(eager.filter((path) => path.includes("@modelcontextprotocol/sdk") || path.includes("node_modules/zod/"))).toEqual([]);
	});

	// The exporters (the office writers, fflate, the Markdown parser) are evaluated only when someone exports: the command imports them with import().
	it("reaches the exporters (office writers, fflate, micromark) only through import()", async () => {
		// As the plugin build resolves them (browser fields).
		const { inputs, eager } = await modulesMainEvaluates({ external: ["obsidian", ...builtinModules] });
		const heavy = /node_modules\/(fflate|micromark[^/]*|mdast-util-[^/]*)\/|src\/core\/export\/(?!export-format|export-after-run)/;
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
