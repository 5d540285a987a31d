/** Progress on stderr only while a terminal watches: indexing counts and a run's stages, redrawn in place and cleared. */
import { afterEach, describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { copyExampleVault, type TempVault } from "../helpers/temp-vault";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { writeModelSettings } from "../helpers/plugin-settings";
import { main } from "../../src/cli/main";
import { terminalProgress } from "../../src/cli/progress";

let vault: TempVault | undefined;
let server: FakeModelServer | undefined;
afterEach(async () => {
	await server?.close();
	await vault?.cleanup();
	vault = server = undefined;
});

/** A stream that records what is written; `isTTY` as a terminal (or a pipe) would say. */
function capture(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
	const chunks: string[] = [];
	const stream = new Writable({
		write(chunk: Buffer | string, _encoding, done) {
			chunks.push(chunk.toString());
			done();
		},
	});
	return Object.assign(stream, { isTTY, text: () => chunks.join("") });
}

async function run(isTTY: boolean, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	const stdout = capture(false);
	const stderr = capture(isTTY);
	const code = await main(argv, stdout, stderr);
	return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe("progress on a terminal", () => {
	it("shows indexing N of M notes in place and clears the line at the end", async () => {
		vault = await copyExampleVault();
		const result = await run(true, "index", "--vault", vault.root);
		expect(result.code).toBe(0);
		const final = /\rIndexing vault: (\d+) of (\d+) notes/g;
		const counts = [...result.stderr.matchAll(final)].map((match) => [Number(match[1]), Number(match[2])]);
		expect(counts.length).toBeGreaterThan(0);
		const [done, total] = counts[counts.length - 1] ?? [];
		expect(done).toBe(total);
		expect(total).toBeGreaterThan(25);
		expect(result.stderr).not.toContain("\n");
		// Cleared: the last thing written blanks the line and returns to its start.
		expect(result.stderr).toMatch(/\r {10,}\r$/);
		expect(result.stdout).toMatch(/^Indexed \d+ notes/);
	});

	it("shows a run's stages: gathering sources, waiting for the model, writing", async () => {
		vault = await copyExampleVault();
		server = await startFakeModelServer({ models: ["test-model"] });
		server.setDefault({ kind: "reply", text: "# Status\n\nFine." });
		await writeModelSettings(vault.root, server);
		const result = await run(true, "delegate", "--vault", vault.root, "--source", "Home.md", "Summarise the home note");
		expect(result.code, result.stderr).toBe(0);
		// The stage is drawn before indexing and again once indexing ends; indexing counts sit between.
		const stages = result.stderr
			.split("\r")
			.map((text) => text.trim())
			.filter((text, i, all) => text !== "" && !text.startsWith("Indexing") && text !== all.slice(0, i).reverse().find((before) => before !== "" && !before.startsWith("Indexing")));
		expect(stages).toEqual(["Gathering sources…", "Waiting for the model (test-model)…", "Writing…"]);
		expect(result.stdout).toMatch(/^Wrote /);
	});
});

describe("no progress when nobody watches", () => {
	it("writes nothing extra when stderr is not a terminal", async () => {
		vault = await copyExampleVault();
		const result = await run(false, "index", "--vault", vault.root);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe("");
	});

	it("writes nothing extra with --json, even on a terminal", async () => {
		vault = await copyExampleVault();
		server = await startFakeModelServer({ models: ["test-model"] });
		await writeModelSettings(vault.root, server);
		const index = await run(true, "index", "--vault", vault.root, "--rebuild", "--json");
		expect(index.stderr).toBe("");
		const delegate = await run(true, "delegate", "--vault", vault.root, "--json", "--source", "Home.md", "Summarise");
		expect(delegate.code, delegate.stderr).toBe(0);
		expect(delegate.stderr).toBe("");
		expect(JSON.parse(delegate.stdout)).toMatchObject({ status: "ok" });
	});
});

describe("terminalProgress", () => {
	it("redraws at most every 100 ms, but always the last count and every stage", () => {
		let clock = 0;
		const written: string[] = [];
		const progress = terminalProgress({ write: (text: string) => written.push(text) }, () => clock);
		progress.indexing(1, 100);
		for (let done = 2; done < 100; done++) {
			clock += 5;
			progress.indexing(done, 100);
		}
		progress.indexing(100, 100);
		// 490 ms of counting: the first draw, about one every 100 ms, then the last.
		expect(written.length).toBeLessThanOrEqual(7);
		expect(written[written.length - 1]).toBe("\rIndexing vault: 100 of 100 notes");
		progress.stage("Waiting for the model");
		// Padded over the longer line before it, so nothing of that one is left on screen.
		const padded = "Waiting for the model…".padEnd("Indexing vault: 100 of 100 notes".length);
		expect(written[written.length - 1]).toBe(`\r${padded}`);
		progress.clear();
		expect(written[written.length - 1]).toBe(`\r${" ".repeat("Waiting for the model…".length)}\r`);
	});

	it("goes back to the run's stage when indexing ends", () => {
		const written: string[] = [];
		let clock = 0;
		const progress = terminalProgress({ write: (text: string) => written.push(text) }, () => clock);
		progress.stage("Gathering sources");
		clock += 100;
		progress.indexing(0, 3);
		progress.indexing(3, 3);
		expect(written).toEqual(["\rGathering sources…", "\rIndexing vault: 0 of 3 notes", "\rGathering sources…          "]);
	});
});
