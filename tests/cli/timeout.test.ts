/** `--timeout SECONDS`: a model that never answers fails the command after about that long, with a sentence naming the flag. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readdir } from "node:fs/promises";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { writeModelSettings } from "../helpers/plugin-settings";
import { runCli } from "../helpers/run-cli";

let vault: TempVault;
let server: FakeModelServer;

beforeEach(async () => {
	vault = await createTempVault({
		"Projects/Alpha.md": "# Alpha\n\nOn track.",
		"Workflows/Daily.md": "---\ncoworker: workflow\nschedule: FREQ=DAILY;BYHOUR=9\nsources:\n  - \"[[Alpha]]\"\n---\nSummarise Alpha.",
	});
	server = await startFakeModelServer({ models: ["test-model"] });
	server.setDefault({ kind: "hang" });
	// The settings' own timeout is two minutes: only the flag can end these runs within the test's time.
	await writeModelSettings(vault.root, server, { requestTimeoutSeconds: 120 });
});

afterEach(async () => {
	await server.close();
	await vault.cleanup();
});

const SENTENCE = /did not answer within 1 s \(--timeout 1\); raise --timeout or try a smaller request\./;

describe("--timeout", () => {
	it("ends a delegate whose model hangs, writing nothing", async () => {
		const started = Date.now();
		const result = await runCli("delegate", "--vault", vault.root, "--timeout", "1", "--source", "Projects/Alpha.md", "Summarise Alpha");
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(SENTENCE);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(server.chatRequests()).toHaveLength(1);
		expect((await readdir(vault.root)).sort()).toEqual([".obsidian", "Projects", "Workflows"]);
	});

	it("ends a workflow run whose model hangs", async () => {
		const result = await runCli("run", "--vault", vault.root, "--json", "--timeout", "1", "Workflows/Daily.md");
		expect(result.code).toBe(1);
		const runs = (JSON.parse(result.stdout) as { runs: { status: string; error: string }[] }).runs;
		expect(runs).toHaveLength(1);
		expect(runs[0]?.status).toBe("failed");
		expect(runs[0]?.error).toMatch(SENTENCE);
	});

	it("ends a review --revise whose model hangs; the review itself is kept", async () => {
		server.enqueue({ kind: "reply", text: "# Alpha\n\nOn track, see [[Alpha]]." });
		const delegated = await runCli("delegate", "--vault", vault.root, "--json", "--source", "Projects/Alpha.md", "Summarise Alpha");
		expect(delegated.code, delegated.stderr).toBe(0);
		const deliverable = (JSON.parse(delegated.stdout) as { deliverable: string }).deliverable;
		const result = await runCli("review", "--vault", vault.root, "--json", "--timeout", "1", "--feedback", "Shorter.", "--revise", deliverable);
		expect(result.code).toBe(1);
		const review = JSON.parse(result.stdout) as { review_status: string; revision: { status: string; error: string } };
		expect(review.review_status).toBe("changes-requested");
		expect(review.revision.status).toBe("failed");
		expect(review.revision.error).toMatch(SENTENCE);
	});

	it.each(["0", "-3", "soon", ""])("refuses --timeout %j with one sentence naming the flag", async (value) => {
		const result = await runCli("delegate", "--vault", vault.root, "--timeout", value, "Summarise");
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(`coworker: --timeout must be a positive number of seconds, such as 120 (got "${value}").\n`);
		expect(server.chatRequests()).toHaveLength(0);
	});
});
