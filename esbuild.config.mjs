// Builds the plugin bundle (main.js, for Obsidian) and the command-line tool (dist/coworker.cjs, for Node).
import esbuild from "esbuild";
import process from "process";
import { builtinModules } from "node:module";
import { chmodSync, mkdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const prod = process.argv[2] === "production";

const banner = `/*
AI Coworker for Obsidian. Bundled with esbuild; third-party code keeps its own licence:
MIT: gray-matter, js-yaml, section-matter, extend-shallow, is-extendable, kind-of, strip-bom-string, minisearch, papaparse,
stemmer, @modelcontextprotocol/sdk, zod, eventsource-parser, content-type, pkce-challenge, cross-spawn, path-key,
shebang-command, shebang-regex, fflate,
mdast-util-from-markdown, mdast-util-gfm, micromark-extension-gfm, micromark and its parts, character-entities; Apache-2.0: openai (Copyright OpenAI); BSD-3-Clause: rrule (Copyright 2010 Jakub
Roztocil and Lars Schöning); ISC: which, isexe, zod-to-json-schema; 0BSD: tslib.
The command line also holds ajv, ajv-formats, fast-deep-equal, json-schema-traverse (MIT) and fast-uri (BSD-3-Clause).
*/
`;

/**
 * gray-matter requires `fs` only for `matter.read(file)`, which we never call. Obsidian on mobile has no
 * `fs`, so the plugin bundle gets an empty module in its place instead of a require that would throw.
 */
const emptyFsForMobile = {
	name: "empty-fs-for-mobile",
	setup(build) {
		// Only gray-matter's: cross-spawn (desktop only, loaded lazily) needs the real fs to find programs on Windows.
		build.onResolve({ filter: /^fs$/ }, (args) => (/[\\/]gray-matter[\\/]/.test(args.importer) ? { path: "fs", namespace: "empty-fs" } : undefined));
		build.onLoad({ filter: /.*/, namespace: "empty-fs" }, () => ({ contents: "module.exports = {};", loader: "js" }));
	},
};

/**
 * The MCP client builds its default JSON-schema validator (ajv) only when it is given none; ours always is
 * (src/core/tools/mcp-connections.ts), so the plugin bundle gets a stand-in that says so if ever reached,
 * and leaves out over 100 KB that every Obsidian start would otherwise parse.
 */
const noAjvInPlugin = {
	name: "no-ajv-in-plugin",
	setup(build) {
		build.onResolve({ filter: /ajv-provider\.js$/ }, (args) => (/@modelcontextprotocol[\\/]sdk/.test(args.importer) ? { path: "ajv-provider", namespace: "no-ajv" } : undefined));
		build.onLoad({ filter: /.*/, namespace: "no-ajv" }, () => ({
			contents: 'export class AjvJsonSchemaValidator { constructor() { throw new Error("AI Coworker passes its own JSON-schema validator to the MCP client."); } }',
			loader: "js",
		}));
	},
};

/** The sentence a stand-in for a part of the OpenAI client throws when code reaches it. */
function leftOutOfOpenAi(part) {
	return `AI Coworker leaves the OpenAI client's ${part} out of its bundle (esbuild.config.mjs).`;
}

/**
 * The OpenAI client makes an object for each of its APIs (audio, files, fine-tuning, realtime, …), but we call
 * only chat completions and the model list (src/core/model/model-client.ts). Both bundles get an empty class
 * for every other API, so the plugin leaves out over 200 KB that every Obsidian start would otherwise parse.
 * Reaching one anyway throws a sentence that says so; a renamed API class fails the build (no matching export).
 */
const OPENAI_APIS_USED = new Set(["chat", "models", "shared", "index"]);
const openAiUsedApisOnly = {
	name: "openai-used-apis-only",
	setup(build) {
		build.onResolve({ filter: /^\.\/(resources\/)?[a-z-]+(\/[a-z-]+)?\.mjs$/ }, (args) => {
			const fromClient = /[\\/]openai[\\/]client\.mjs$/.test(args.importer);
			const fromApiIndex = /[\\/]openai[\\/]resources[\\/]index\.mjs$/.test(args.importer);
			if (!(fromClient && args.path.startsWith("./resources/")) && !fromApiIndex) return undefined;
			const api = args.path.replace(/^\.\/(resources\/)?/, "").split(/[/.]/)[0];
			return OPENAI_APIS_USED.has(api) ? undefined : { path: api, namespace: "openai-api-left-out" };
		});
		build.onLoad({ filter: /.*/, namespace: "openai-api-left-out" }, (args) => {
			const name = args.path.replace(/(?:^|-)([a-z])/g, (_, letter) => letter.toUpperCase());
			const message = leftOutOfOpenAi(`${args.path} API`);
			return {
				contents: `export class ${name} {}\nObject.setPrototypeOf(${name}.prototype, new Proxy({}, { get(_, key) { if (typeof key === "symbol" || key === "then" || key === "toJSON") return undefined; throw new Error(${JSON.stringify(message)}); } }));\n`,
				loader: "js",
			};
		});
	},
};

/**
 * The chat API's helpers for tool-running loops and client-side stream assembly (`runTools`, `stream`,
 * ChatCompletionStream and its runners, about 60 KB) are never called: we stream with `create` and assemble
 * answers ourselves (src/core/model/model-client.ts). Both bundles get a stand-in for each helper class that
 * throws a sentence saying so if reached; a renamed class fails the build (no matching export).
 */
const OPENAI_CHAT_HELPERS = ["ChatCompletionRunner", "ChatCompletionStreamingRunner", "ChatCompletionStream"];
const openAiChatHelpersLeftOut = {
	name: "openai-chat-helpers-left-out",
	setup(build) {
		const helper = new RegExp(`^\\.\\./\\.\\./\\.\\./lib/(${OPENAI_CHAT_HELPERS.join("|")})\\.mjs$`);
		build.onResolve({ filter: helper }, (args) =>
			/[\\/]openai[\\/]resources[\\/]chat[\\/]completions[\\/]completions\.mjs$/.test(args.importer) ? { path: helper.exec(args.path)[1], namespace: "openai-chat-helper-left-out" } : undefined,
		);
		build.onLoad({ filter: /.*/, namespace: "openai-chat-helper-left-out" }, (args) => {
			const message = leftOutOfOpenAi(args.path);
			const refuse = `() => { throw new Error(${JSON.stringify(message)}); }`;
			return {
				contents: `export const ${args.path} = new Proxy(class {}, { get(target, key) { if (typeof key === "symbol" || key in target) return Reflect.get(target, key); return ${refuse}; }, construct: ${refuse} });\n`,
				loader: "js",
			};
		});
	},
};

/**
 * micromark decodes character references with decode-named-character-reference, whose browser build sets an
 * element's innerHTML; Obsidian's plugin guidelines rule innerHTML out, so the plugin gets a lookup in a table
 * instead. Its Node build holds the table (character-entities, 2,231 names) as an object literal, which V8 parses
 * at every Obsidian start although it is needed only by the first export: about 4 ms of start-up for 35 KB. Here
 * the same table is one string of JSON, which V8 scans rather than parses, turned into an object on first use.
 */
const characterReferencesWithoutInnerHtml = {
	name: "character-references-without-inner-html",
	setup(build) {
		build.onResolve({ filter: /^decode-named-character-reference$/ }, () => ({ path: "decode-named-character-reference", namespace: "packed-character-references" }));
		build.onLoad({ filter: /.*/, namespace: "packed-character-references" }, async () => ({ contents: await packedCharacterReferences(), loader: "js" }));
	},
};

/** The module decode-named-character-reference exports, with the table kept as JSON text until first called. */
async function packedCharacterReferences() {
	const { characterEntities } = await import("character-entities");
	return `const TABLE_JSON = ${JSON.stringify(JSON.stringify(characterEntities))};
let table;
const own = {}.hasOwnProperty;
export function decodeNamedCharacterReference(value) {
	table ??= JSON.parse(TABLE_JSON);
	return own.call(table, value) ? table[value] : false;
}
`;
}

/**
 * js-yaml (under gray-matter) requires esprima when it loads, only to read `!!js/function` values, a type of its
 * full schema that gray-matter's safe load never uses. In the command line that require is real: every start
 * compiled esprima's 280 KB. The CLI bundle gets js-yaml without it: such a value would not be recognised as a
 * function (as in a browser), which the safe schema already ensures.
 */
const yamlWithoutEsprima = {
	name: "yaml-without-esprima",
	setup(build) {
		build.onLoad({ filter: /[\\/]js-yaml[\\/]lib[\\/]js-yaml[\\/]type[\\/]js[\\/]function\.js$/ }, async (args) => {
			const source = await readFile(args.path, "utf8");
			const contents = source.replace("esprima = _require('esprima');", "esprima = undefined;");
			if (contents === source) throw new Error(`${args.path} no longer requires esprima as esbuild.config.mjs expects.`);
			return { contents, loader: "js" };
		});
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
	plugins: [emptyFsForMobile, noAjvInPlugin, openAiUsedApisOnly, openAiChatHelpersLeftOut, characterReferencesWithoutInnerHtml],
	format: "cjs",
	target: "es2021",
	// Obsidian runs main.js as a CommonJS module; a native import() of "process" would be resolved as a URL.
	// Lowered, a guarded import() becomes a require() that runs only when reached (the desktop app).
	supported: { "dynamic-import": false },
	logLevel: "info",
	sourcemap: prod ? false : "inline",
	treeShaking: true,
	minify: prod,
	outfile: "main.js",
};

/**
 * The command line is split into chunks (ES modules, dist/cli/) so a command loads only its own code: `index`
 * and `search` used to compile and run the whole 4 MB bundle (model client, exporters, MCP SDK) at every start,
 * half of a warm `coworker index` on a 38k-note vault. dist/coworker.cjs is a small launcher that imports it.
 */
const cliBuild = {
	banner: {
		// Bundled CommonJS packages call require() for Node's modules; an ES module has none of its own.
		js: banner + 'import { createRequire as __coworkerCreateRequire } from "node:module";\nconst require = __coworkerCreateRequire(import.meta.url);\n',
	},
	entryPoints: { bin: "src/cli/bin.ts" },
	bundle: true,
	splitting: true,
	platform: "node",
	format: "esm",
	outExtension: { ".js": ".mjs" },
	chunkNames: "chunk-[hash]",
	target: "node20",
	plugins: [openAiUsedApisOnly, openAiChatHelpersLeftOut, yamlWithoutEsprima],
	logLevel: "info",
	sourcemap: prod ? false : "inline",
	outdir: "dist/cli",
};

/**
 * The index worker's program (a bulk build's words cut into terms on a second thread) as one script's text, which
 * each face starts from a string: the command line as a Node worker thread (`eval`), the app as a Web Worker from
 * a blob, so neither needs a second file beside its bundle. Built once per run: in watch mode, a change to the
 * worker's code needs a restart.
 */
async function termWorkerSource(entry, platform) {
	const result = await esbuild.build({
		entryPoints: [entry],
		bundle: true,
		write: false,
		format: "iife",
		platform,
		target: platform === "node" ? "node20" : "es2021",
		minify: true,
		logLevel: "warning",
	});
	return result.outputFiles[0].text;
}

// Tests import this file for its plugins (tests/build/openai-bundle.test.ts) and the bench for the plugin's
// build (bench/mcp-bench.ts); only `node esbuild.config.mjs` builds.
export { characterReferencesWithoutInnerHtml, openAiChatHelpersLeftOut, openAiUsedApisOnly, pluginBuild, termWorkerSource };

const CLI_LAUNCHER = "dist/coworker.cjs";
const cliLauncher = `#!/usr/bin/env node
// The coworker command line: its code is in ./cli/ (ES modules, split by command; see esbuild.config.mjs).
"use strict";
const { pathToFileURL } = require("node:url");
const { join } = require("node:path");
import(pathToFileURL(join(__dirname, "cli", "bin.mjs")).href).catch((error) => {
	process.stderr.write(\`\${error instanceof Error ? (error.stack ?? error.message) : String(error)}\\n\`);
	process.exitCode = 1;
});
`;

// Node gives this module its real path, so the script's path is compared once symlinks are resolved.
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
	// Chunks are named by content hash: clear the old ones, so dist/cli holds one build.
	rmSync("dist/cli", { recursive: true, force: true });
	mkdirSync("dist", { recursive: true });
	writeFileSync(CLI_LAUNCHER, cliLauncher);
	const [nodeWorker, webWorker] = await Promise.all([termWorkerSource("src/cli/term-worker-main.ts", "node"), termWorkerSource("src/obsidian/index/term-worker-main.ts", "browser")]);
	const contexts = await Promise.all([
		esbuild.context({ ...pluginBuild, define: { COWORKER_WEB_TERM_WORKER: JSON.stringify(webWorker) } }),
		esbuild.context({ ...cliBuild, define: { COWORKER_NODE_TERM_WORKER: JSON.stringify(nodeWorker) } }),
	]);
	if (prod) {
		await Promise.all(contexts.map((context) => context.rebuild()));
		// `npx coworker` runs the bin file itself, so it must be executable on a fresh clone (esbuild writes 0644).
		chmodSync(CLI_LAUNCHER, 0o755);
		process.exit(0);
	} else {
		await Promise.all(contexts.map((context) => context.watch()));
	}
}
