import { describe, expect, it } from "vitest";
import { readFile, readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { runInThisContext } from "node:vm";
import * as obsidian from "obsidian";
import packageJson from "../../package.json";

const read = (relative: string): Promise<string> => readFile(fileURLToPath(new URL(`../../${relative}`, import.meta.url)), "utf8");

// `npm test` builds before vitest runs, so these read what a user would install.
describe("the plugin bundle", () => {
	it("names the licence of every runtime dependency in its banner", async () => {
		const banner = (await read("main.js")).slice(0, 800);
		const dependencies = Object.keys(packageJson.dependencies);
		expect(dependencies.length).toBeGreaterThan(0);
		for (const name of dependencies) expect(banner).toContain(name);
		expect(banner).toMatch(/MIT/);
	});

	it("loads with nothing but obsidian to require, as on mobile; Node built-ins are required only where the desktop app starts a program, follows a symbolic link or streams the model's answer", async () => {
		const code = await read("main.js");
		const required: string[] = [];
		const mobileRequire = (name: string): unknown => {
			required.push(name);
			if (name === "obsidian") return obsidian;
			throw new Error(`Cannot find module '${name}'`);
		};
		const module = { exports: {} as Record<string, unknown> };
		// As Obsidian does: the bundle runs as the body of a CommonJS module function.
		const load = runInThisContext(`(function (require, module, exports) {${code}\n})`) as (r: typeof mobileRequire, m: typeof module, e: typeof module.exports) => void;
		load(mobileRequire, module, module.exports);
		expect(typeof module.exports.default).toBe("function");
		// js-yaml (through gray-matter) tries `buffer` and `esprima` inside try/catch and does without them.
		expect(required.filter((name) => name !== "buffer" && name !== "esprima")).toEqual(required.filter((name) => name === "obsidian"));
		expect(required).toContain("obsidian");
		// ajv writes require("ajv/dist/runtime/…") into code it generates as text; those are strings, not calls.
		const named = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? "").filter((name) => name !== "obsidian" && !name.startsWith("ajv"));
		expect(new Set(named)).toEqual(new Set(["child_process", "fs", "http", "https", "path", "process"]));
	});

	it("leaves out the MCP SDK's default validator (ajv), which the client is never asked to build", async () => {
		const code = await read("main.js");
		const body = code.slice(code.indexOf("*/") + 2);
		expect(body).toContain("AI Coworker passes its own JSON-schema validator to the MCP client.");
		expect(body).not.toMatch(/ajv/i);
	});

	it("sets no innerHTML, outerHTML or insertAdjacentHTML anywhere, bundled libraries included (Obsidian's plugin guidelines)", async () => {
		const body = (await read("main.js")).slice(800);
		expect(body).not.toMatch(/\b(innerHTML|outerHTML|insertAdjacentHTML)\b/);
	});

	it("carries the index worker's program, started as a Web Worker for a large build (esbuild.config.mjs defines it)", async () => {
		const bundle = await read("main.js");
		// Left undefined, the name would stay in the bundle (`typeof COWORKER_WEB_TERM_WORKER`) and the app build on one thread.
		expect(bundle).not.toContain("COWORKER_WEB_TERM_WORKER");
	});

	it("ships a manifest whose version matches package.json and versions.json", async () => {
		const manifest = JSON.parse(await read("manifest.json")) as { id: string; version: string; minAppVersion: string };
		const versions = JSON.parse(await read("versions.json")) as Record<string, string>;
		expect(manifest.version).toBe(packageJson.version);
		expect(Object.values(versions)).toContain(manifest.minAppVersion);
		expect(manifest.id).not.toMatch(/obsidian/);
	});
});

describe("the command-line bundle", () => {
	it("starts with a node shebang so npx can run it", async () => {
		expect((await read("dist/coworker.cjs")).startsWith("#!/usr/bin/env node\n")).toBe(true);
		expect(packageJson.bin.coworker).toBe("dist/coworker.cjs");
	});

	it("carries the index worker's program, started as a worker thread for a large build (esbuild.config.mjs defines it)", async () => {
		const chunks = (await readdir(fileURLToPath(new URL("../../dist/cli", import.meta.url)))).filter((name) => name.endsWith(".mjs"));
		const texts = await Promise.all(chunks.map((name) => read(`dist/cli/${name}`)));
		expect(texts.length).toBeGreaterThan(1);
		expect(texts.filter((text) => text.includes("COWORKER_NODE_TERM_WORKER"))).toEqual([]);
	});
});
