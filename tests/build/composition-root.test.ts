import { describe, expect, it } from "vitest";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";

/** The two composition roots: the only files allowed to build an adapter. */
const ROOTS = new Set(["src/obsidian/composition-root.ts", "src/cli/composition-root.ts"]);

/** Functions that make an adapter (a fetch, a model client, MCP servers): called only from a root. */
const ADAPTER_FACTORIES = ["requestUrlFetch", "desktopHttpFetch", "createPluginModel", "modelFromSettings", "mcpToolsFor", "nodeMcpConnections"];

/** Core classes over a store that a face would otherwise build itself. */
const CORE_ADAPTERS = ["RunLog", "WorkflowLedger", "OccurrenceClaims"];

async function filesUnder(folder: string): Promise<string[]> {
	const entries = await readdir(folder, { withFileTypes: true, recursive: true });
	return entries.filter((entry) => entry.isFile() && entry.name.endsWith(".ts")).map((entry) => join(entry.parentPath, entry.name).split("\\").join("/"));
}

/** Every class the faces' adapter files export: src/obsidian/adapters/*, src/cli/node-*.ts, the CLI's progress index. */
async function adapterClasses(): Promise<string[]> {
	const files = [...(await filesUnder("src/obsidian/adapters")), ...(await filesUnder("src/cli")).filter((file) => /\/(node-[^/]*|progress-vault-index)\.ts$/.test(file))];
	const names: string[] = [];
	for (const file of files) for (const match of (await readFile(file, "utf8")).matchAll(/^export class (\w+)/gm)) names.push(match[1] ?? "");
	return names;
}

/** `new Name(` of an adapter class and calls of an adapter factory in one file's text, as `Name (line N)`. */
function adapterConstructions(fileName: string, text: string, classes: readonly string[]): string[] {
	const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
	const found: string[] = [];
	const at = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
	const visit = (node: ts.Node): void => {
		if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && classes.includes(node.expression.text)) found.push(`new ${node.expression.text} (line ${at(node)})`);
		if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ADAPTER_FACTORIES.includes(node.expression.text)) found.push(`${node.expression.text}() (line ${at(node)})`);
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

describe("one composition root per face", () => {
	it("builds every adapter of the app and of the command line in its composition root, nowhere else", async () => {
		const classes = [...(await adapterClasses()), ...CORE_ADAPTERS];
		expect(classes).toEqual(expect.arrayContaining(["ObsidianVaultReader", "ObsidianVaultWriter", "PluginDataStore", "NodeVaultReader", "NodeFileStore", "NodeNoteEditor"]));
		const outside: Record<string, string[]> = {};
		const inRoots: string[] = [];
		for (const file of [...(await filesUnder("src/obsidian")), ...(await filesUnder("src/cli"))]) {
			const found = adapterConstructions(file, await readFile(file, "utf8"), classes);
			// A factory's own body (a model client inside createPluginModel) is the adapter, not a second root.
			if (ROOTS.has(file)) inRoots.push(...found);
			else if (found.length > 0) outside[file] = found;
		}
		expect(outside).toEqual({});
		expect(inRoots.length).toBeGreaterThan(10);
	});

	it("names a command that builds its own adapter", () => {
		const text = 'import { ObsidianVaultReader } from "../adapters/obsidian-vault-reader";\nexport const read = (app) => new ObsidianVaultReader(app.vault).read("a.md");\nexport const model = (app, s) => createPluginModel(app, s, fetch);\n';
		expect(adapterConstructions("src/obsidian/commands/x.ts", text, ["ObsidianVaultReader"])).toEqual(["new ObsidianVaultReader (line 2)", "createPluginModel() (line 3)"]);
	});
});
