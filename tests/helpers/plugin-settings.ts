/** Writes the plugin's data.json into a test vault, pointing the model at a fake server. */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The plugin's folder in a vault, where data.json, the caches and the run records live. */
export const PLUGIN_DIR = ".obsidian/plugins/ai-coworker";

/**
 * The custom provider at `server`, the model `test-model`, and no retries (failures come at once), plus
 * `extra` settings, which win.
 */
export async function writeModelSettings(root: string, server: { baseUrl: string }, extra: Record<string, unknown> = {}): Promise<void> {
	await mkdir(join(root, PLUGIN_DIR), { recursive: true });
	await writeFile(join(root, PLUGIN_DIR, "data.json"), JSON.stringify({ provider: "custom", baseUrl: server.baseUrl, model: "test-model", maxRetries: 0, ...extra }));
}
