// Builds the plugin bundle (main.js, for Obsidian) and the command-line tool (dist/coworker.cjs, for Node).
import esbuild from "esbuild";
import process from "process";
import { builtinModules } from "node:module";

const prod = process.argv[2] === "production";

const banner = `/*
AI Coworker for Obsidian. Bundled with esbuild; third-party code keeps its own licence:
gray-matter, js-yaml, minisearch, papaparse, stemmer, @modelcontextprotocol/sdk, zod (MIT); openai (Apache-2.0, Copyright OpenAI);
rrule (BSD-3-Clause, Copyright 2010 Jakub Roztocil and Lars Schöning); tslib (0BSD).
*/
`;

/**
 * gray-matter requires `fs` only for `matter.read(file)`, which we never call. Obsidian on mobile has no
 * `fs`, so the plugin bundle gets an empty module in its place instead of a require that would throw.
 */
const emptyFsForMobile = {
	name: "empty-fs-for-mobile",
	setup(build) {
		build.onResolve({ filter: /^fs$/ }, () => ({ path: "fs", namespace: "empty-fs" }));
		build.onLoad({ filter: /.*/, namespace: "empty-fs" }, () => ({ contents: "module.exports = {};", loader: "js" }));
	},
};

const pluginBuild = {
	banner: { js: banner },
	entryPoints: ["src/obsidian/main.ts"],
	bundle: true,
	external: [
		"obsidian",
		"electron",
		"@codemirror/autocomplete",
		"@codemirror/collab",
		"@codemirror/commands",
		"@codemirror/language",
		"@codemirror/lint",
		"@codemirror/search",
		"@codemirror/state",
		"@codemirror/view",
		"@lezer/common",
		"@lezer/highlight",
		"@lezer/lr",
		...builtinModules,
	],
	plugins: [emptyFsForMobile],
	format: "cjs",
	target: "es2021",
	logLevel: "info",
	sourcemap: prod ? false : "inline",
	treeShaking: true,
	minify: prod,
	outfile: "main.js",
};

const cliBuild = {
	banner: { js: "#!/usr/bin/env node\n" + banner },
	entryPoints: ["src/cli/bin.ts"],
	bundle: true,
	platform: "node",
	format: "cjs",
	target: "node20",
	logLevel: "info",
	sourcemap: prod ? false : "inline",
	outfile: "dist/coworker.cjs",
};

const contexts = await Promise.all([esbuild.context(pluginBuild), esbuild.context(cliBuild)]);
if (prod) {
	await Promise.all(contexts.map((context) => context.rebuild()));
	process.exit(0);
} else {
	await Promise.all(contexts.map((context) => context.watch()));
}
