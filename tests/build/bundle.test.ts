import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import packageJson from "../../package.json";

const read = (relative: string): Promise<string> => readFile(fileURLToPath(new URL(`../../${relative}`, import.meta.url)), "utf8");

// `npm test` builds before vitest runs, so these read what a user would install.
describe("the plugin bundle", () => {
	it("names the licence of every runtime dependency in its banner", async () => {
		const banner = (await read("main.js")).slice(0, 400);
		const dependencies = Object.keys(packageJson.dependencies);
		expect(dependencies.length).toBeGreaterThan(0);
		for (const name of dependencies) expect(banner).toContain(name);
		expect(banner).toMatch(/MIT/);
	});

	it("requires nothing but obsidian at run time, so it loads on mobile", async () => {
		const requires = [...(await read("main.js")).matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
		expect(new Set(requires)).toEqual(new Set(["obsidian"]));
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
});
