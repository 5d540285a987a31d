/** A module bundled with some of the build's own esbuild plugins, written to a temporary folder and required from there. */
import { build, type Plugin } from "esbuild";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * `contents` (TypeScript, imports resolved from the repository root) bundled as CommonJS for `platform` with
 * `plugins`; returns its exports, its code, and `remove` for the temporary folder (call it after the test).
 */
export async function bundledModule<T>(contents: string, options: { plugins: Plugin[]; platform: "node" | "browser" }): Promise<{ module: T; code: string; remove: () => Promise<void> }> {
	const dir = await mkdtemp(join(tmpdir(), "coworker-bundle-"));
	const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
	const outfile = join(dir, "bundle.cjs");
	try {
		await build({ stdin: { contents, resolveDir: REPO_ROOT, loader: "ts" }, bundle: true, platform: options.platform, format: "cjs", plugins: options.plugins, outfile, logLevel: "silent" });
		return { module: createRequire(import.meta.url)(outfile) as T, code: await readFile(outfile, "utf8"), remove };
	} catch (error) {
		await remove();
		throw error;
	}
}
