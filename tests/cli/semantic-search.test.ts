import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { runCli } from "../helpers/run-cli";
import type { TempVault } from "../helpers/temp-vault";
import { PLUGIN_DIR, writeModelSettings } from "../helpers/plugin-settings";
import type { FakeEmbeddingServer } from "../helpers/fake-embedding-server";
import { startSemanticVault } from "../helpers/semantic-vault";
import { startFakeModelServer } from "../helpers/fake-model-server";

const PRIVATE_MARKER = "zq-cli-private-9120";

let vault: TempVault;
let server: FakeEmbeddingServer;

beforeEach(async () => {
	({ vault, server } = await startSemanticVault(PRIVATE_MARKER));
});

afterEach(async () => {
	await server.close();
	await vault.cleanup();
});

describe("coworker index and search with semantic search on", () => {
	it("is off by default: nothing is sent and nothing stored", async () => {
		await writeModelSettings(vault.root, server);
		const indexed = await runCli("index", "--vault", vault.root);
		expect(indexed.code).toBe(0);
		const searched = await runCli("search", "--vault", vault.root, "vehicle");
		expect(searched.stdout).toBe('No notes match "vehicle".\n');
		expect(server.requests).toEqual([]);
		expect(await readdir(join(vault.root, PLUGIN_DIR))).not.toContain("embeddings");
	});

	it("says in one sentence that it cannot start without an embedding model", async () => {
		await writeModelSettings(vault.root, server, { semanticSearch: true });
		const searched = await runCli("search", "--vault", vault.root, "tomatoes");
		expect(searched.stderr).toBe("warning: Semantic search is on but no embedding model is set (for example text-embedding-3-small or nomic-embed-text), so search uses words only.\n");
		expect(searched.stdout).toContain("Garden.md");
	});

	it("prints the cost of the first full embedding and sends nothing without --yes", async () => {
		await writeModelSettings(vault.root, server, { semanticSearch: true, embeddingModel: "test-embed" });
		const indexed = await runCli("index", "--vault", vault.root);
		expect(indexed.code).toBe(0);
		expect(indexed.stderr).toMatch(
			/^Semantic search will send 2 sections \(about \d+ tokens, estimated from their length at about four characters a token\) to http:\/\/127\.0\.0\.1:\d+\/v1 to be embedded by test-embed\.\n$/,
		);
		expect(indexed.stdout).toContain("Nothing was sent: run coworker index --yes to embed them (search uses words only until then).");
		expect(server.requests).toEqual([]);
		const searched = await runCli("search", "--vault", vault.root, "tomatoes");
		expect(searched.stderr).toContain("warning: semantic search has embedded nothing yet, so searches use words only.");
		expect(searched.stdout).toContain("Garden.md");
		expect(server.requests).toEqual([]);
	});

	it("embeds with --yes, then finds notes by meaning; the private note is never sent", async () => {
		await writeModelSettings(vault.root, server, { semanticSearch: true, embeddingModel: "test-embed" });
		const indexed = await runCli("index", "--vault", vault.root, "--yes");
		expect(indexed.code).toBe(0);
		expect(indexed.stdout).toContain("Semantic search: embedded 2 sections, dropped 0 notes; 2 sections stored.");
		const searched = await runCli("search", "--vault", vault.root, "--json", "vehicle");
		const hits = JSON.parse(searched.stdout) as { path: string }[];
		expect(hits[0]?.path).toBe("Cars.md");
		expect(server.inputs().join("\n")).not.toContain(PRIVATE_MARKER);
		// The search sent only the query: nothing had changed.
		expect(server.inputs().slice(2)).toEqual(["vehicle"]);
	});

	it("keeps searching by words when the endpoint fails, says so once, and index exits 1", async () => {
		await writeModelSettings(vault.root, server, { semanticSearch: true, embeddingModel: "test-embed" });
		await runCli("index", "--vault", vault.root, "--yes");
		await vault.write("Garden.md", "# Garden\n\nTomatoes want sun, water and patience.\n");
		server.setFailure({ kind: "error", status: 503, message: "The server is overloaded or not ready yet." });
		const searched = await runCli("search", "--vault", vault.root, "tomatoes patience");
		expect(searched.code).toBe(0);
		expect(searched.stdout).toContain("1. Garden.md");
		const warnings = searched.stderr.split("\n").filter((line) => line.includes("embedding endpoint"));
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain("refused the request with HTTP 503 (it said: The server is overloaded or not ready yet.)");
		const indexed = await runCli("index", "--vault", vault.root);
		expect(indexed.code).toBe(1);
		expect(indexed.stdout).toContain("0 sections were embedded before it; the rest wait for the next run.");
	});

	it("gives a delegated task's search source the notes found by meaning; a dry run sends nothing for it", async () => {
		await writeModelSettings(vault.root, server, { semanticSearch: true, embeddingModel: "test-embed" });
		await runCli("index", "--vault", vault.root, "--yes");
		const embeddingRequests = server.requests.length;
		const chat = await startFakeModelServer();
		try {
			const dry = await runCli("delegate", "--vault", vault.root, "--json", "--no-memory", "--dry-run", "--search", "vehicle maintenance", "Summarise the upkeep");
			expect(server.requests.length).toBe(embeddingRequests);
			expect(dry.stdout).not.toContain("oil change");
			chat.enqueue({ kind: "reply", text: "# Upkeep\n\nChange the oil yearly ([[Cars]])." });
			const run = await runCli("delegate", "--vault", vault.root, "--json", "--no-memory", "--base-url", chat.baseUrl, "--search", "vehicle maintenance", "Summarise the upkeep");
			expect(run.code).toBe(0);
			// Ranked first by meaning (words alone find nothing, so the run would have stopped before the model).
			expect((JSON.parse(run.stdout) as { sources: string[] }).sources[0]).toBe("Cars.md");
			expect(JSON.stringify(chat.chatRequests()[0])).toContain("oil change");
			expect(server.inputs().slice(-1)).toEqual(["vehicle maintenance"]);
		} finally {
			await chat.close();
		}
	});
});
