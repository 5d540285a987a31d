/** Several `coworker index` processes on one vault at once: all succeed, and the cache they leave loads. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { runBuiltCli } from "../helpers/run-cli";

let vault: TempVault;

beforeEach(async () => {
	const notes: Record<string, string> = {};
	for (let i = 0; i < 300; i++) notes[`Notes/Note ${i}.md`] = `# Note ${i}\n\n${"Words about project alpha and its risks. ".repeat(40)}\n\n## Part\n\nMore text ${i}.`;
	vault = await createTempVault(notes);
});

afterEach(async () => {
	await vault.cleanup();
});

describe("concurrent coworker index", () => {
	it("six processes rebuilding and saving at once all succeed, and the next one loads their cache", { timeout: 120_000 }, async () => {
		const results = await Promise.all(Array.from({ length: 6 }, () => runBuiltCli("index", "--vault", vault.root, "--rebuild", "--json")));
		for (const result of results) expect(result.code, result.stderr).toBe(0);
		const after = await runBuiltCli("index", "--vault", vault.root, "--json");
		expect(after.code, after.stderr).toBe(0);
		const summary = JSON.parse(after.stdout) as { cache: string; notes: number; reindexed: number };
		expect(summary).toMatchObject({ cache: "loaded", notes: 300, reindexed: 0 });
	});
});
