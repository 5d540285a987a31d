/** Every module's imports of other modules under a folder, read by TypeScript's parser: type-only imports count too. */
import { readdir, readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/**
 * A bundler drops `import type` and `export type … from` (they vanish from the JavaScript), so its graph misses
 * cycles made of types; they still tie the modules together for a reader and for the compiler. This graph keeps
 * every edge: imports and re-exports of either kind, `import()` calls and `import("…")` types.
 * Keys and edges are paths relative to `base`, with forward slashes (`src/core/ports/clock.ts`).
 */
export async function sourceImportGraph(folder: string, base: string): Promise<Map<string, string[]>> {
	const graph = new Map<string, string[]>();
	for (const file of await typeScriptFiles(folder)) {
		const text = await readFile(file, "utf8");
		const edges = moduleSpecifiers(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false))
			.map((specifier) => resolveRelative(file, specifier))
			.filter((target): target is string => target !== null && isInside(target, folder))
			.map((target) => slashed(relative(base, target)));
		graph.set(slashed(relative(base, file)), [...new Set(edges)]);
	}
	return graph;
}

/** Every module specifier the file names, of any kind. */
function moduleSpecifiers(source: ts.SourceFile): string[] {
	const found: string[] = [];
	const visit = (node: ts.Node): void => {
		if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
			found.push(node.moduleSpecifier.text);
		} else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
			found.push(node.arguments[0].text);
		} else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
			found.push(node.argument.literal.text);
		} else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
			found.push(node.moduleReference.expression.text);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

/** A relative specifier resolved as the bundler and the compiler do (`./x` → `x.ts` or `x/index.ts`); packages are left out. */
function resolveRelative(from: string, specifier: string): string | null {
	if (!specifier.startsWith(".")) return null;
	const target = resolve(dirname(from), specifier);
	for (const candidate of [target, `${target}.ts`, join(target, "index.ts")]) {
		if (candidate.endsWith(".ts") && existsSync(candidate)) return candidate;
	}
	return null;
}

async function typeScriptFiles(folder: string): Promise<string[]> {
	const entries = await readdir(folder, { withFileTypes: true, recursive: true });
	return entries.filter((entry) => entry.isFile() && entry.name.endsWith(".ts")).map((entry) => join(entry.parentPath, entry.name)).sort();
}

function isInside(path: string, folder: string): boolean {
	return path.startsWith(resolve(folder) + sep);
}

function slashed(path: string): string {
	return path.split(sep).join("/");
}
