/**
 * The app cuts a large build's words into terms on a Web Worker (src/obsidian/index/web-index-worker.ts); the bench
 * runs in Node, so its in-process index uses a Node worker thread running the same program, bundled as the
 * command line bundles it. Both carry the same messages by structured clone.
 */
import { nodeIndexWorkers } from "../src/cli/node-index-worker";
import type { SpawnIndexWorker } from "../src/core/ports/index-worker";

let source: Promise<string> | null = null;

export async function benchIndexWorkers(): Promise<SpawnIndexWorker> {
	source ??= import("../esbuild.config.mjs").then(({ termWorkerSource }) => termWorkerSource("src/cli/term-worker-main.ts", "node"));
	return nodeIndexWorkers(await source);
}
