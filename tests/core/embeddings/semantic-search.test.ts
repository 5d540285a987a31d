import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import { createTempVault, type TempVault } from "../../helpers/temp-vault";
import { indexOver } from "../../helpers/index-fixtures";
import { startFakeEmbeddingServer, type FakeEmbeddingServer } from "../../helpers/fake-embedding-server";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { NodeFileStore } from "../../../src/cli/node-file-store";
import { EmbeddingClient } from "../../../src/core/embeddings/embedding-client";
import { EmbeddingStore } from "../../../src/core/embeddings/embedding-store";
import { applyEmbeddingPlan, planEmbedding } from "../../../src/core/embeddings/embedding-sync";
import { FailureNotice } from "../../../src/core/embeddings/failure-notice";
import { SemanticRanker } from "../../../src/core/embeddings/semantic-ranker";
import { DEFAULT_INDEX_SETTINGS, type IndexSettings } from "../../../src/core/index/index-settings";
import type { VaultIndex } from "../../../src/core/index/vault-index";

const PRIVATE_MARKER = "zq-private-marker-7731";
const EXCLUDED_MARKER = "zq-excluded-marker-4410";

let vault: TempVault;
let server: FakeEmbeddingServer;

beforeEach(async () => {
	vault = await createTempVault({
		"Cars.md": "# Cars\n\nAn automobile needs an oil change every year.\n\n## Tyres\n\nWinter tyres go on in November.\n",
		"Garden.md": "# Garden\n\nTomatoes want sun and water.\n",
		"Recipes/Bread.md": "# Bread\n\nFlour, water, salt and yeast.\n",
		"Diary.md": `---\ncoworker: private\n---\n# Diary\n\n${PRIVATE_MARKER} my automobile broke down.\n`,
		"Secret/Plans.md": `# Plans\n\n${EXCLUDED_MARKER} automobile purchase.\n`,
	});
	server = await startFakeEmbeddingServer({ synonyms: { automobile: "car", vehicle: "car" } });
});

afterEach(async () => {
	await server.close();
	await vault.cleanup();
});

const settings: IndexSettings = { ...DEFAULT_INDEX_SETTINGS, excludedFolders: ["Secret"] };

function parts(options: { baseUrl?: string } = {}) {
	const client = new EmbeddingClient({ baseUrl: options.baseUrl ?? server.baseUrl, apiKey: null, model: "test-embed", fetch: globalThis.fetch, timeoutMs: 10_000 });
	const store = new EmbeddingStore(new NodeFileStore(join(vault.root, ".obsidian", "plugins", "ai-coworker", "embeddings")), { model: client.model, endpoint: client.endpoint });
	return { client, store, reader: new NodeVaultReader(vault.root) };
}

async function builtIndex(): Promise<VaultIndex> {
	const index = indexOver(vault.root, { settings });
	await index.refresh();
	return index;
}

async function embedAll(index: VaultIndex, options: { baseUrl?: string } = {}) {
	const { client, store, reader } = parts(options);
	const plan = await planEmbedding({ store, reader, index, settings });
	const outcome = await applyEmbeddingPlan(plan, { store, client });
	return { plan, outcome, store, client };
}

describe("embedding the index's sections", () => {
	it("plans the first full embedding with its figures before sending anything", async () => {
		const index = await builtIndex();
		const { client, store, reader } = parts();
		const plan = await planEmbedding({ store, reader, index, settings });
		expect(server.requests).toHaveLength(0);
		expect(plan.firstFull).toBe(true);
		// Cars (two sections), Garden, Bread: the private and excluded notes are not in the index.
		expect(plan.sections).toBe(4);
		expect(plan.estimatedTokens).toBeGreaterThan(10);
		const outcome = await applyEmbeddingPlan(plan, { store, client });
		expect(outcome).toEqual({ embedded: 4, removed: 0, error: null });
		expect(server.inputs()).toHaveLength(4);
		expect(server.requests.every((body) => body.encoding_format === "float" && body.model === "test-embed")).toBe(true);
	});

	it("never sends a private or excluded note", async () => {
		const index = await builtIndex();
		await embedAll(index);
		// A note made private after it was indexed, and before it is embedded, is not sent either.
		await vault.write("Garden.md", `---\ncoworker: private\n---\n# Garden\n\n${PRIVATE_MARKER} tomatoes.\n`);
		await embedAll(index);
		const sent = server.inputs().join("\n");
		expect(sent).toContain("oil change");
		expect(sent).not.toContain(PRIVATE_MARKER);
		expect(sent).not.toContain(EXCLUDED_MARKER);
	});

	it("embeds only new and changed sections on the next update, and drops removed notes", async () => {
		const index = await builtIndex();
		const first = await embedAll(index);
		expect(first.outcome.embedded).toBe(4);
		const before = server.inputs().length;

		// One section of Cars changes, a note is added, one is deleted.
		await vault.write("Cars.md", "# Cars\n\nAn automobile needs an oil change every year.\n\n## Tyres\n\nSummer tyres go on in April.\n");
		await vault.write("Fish.md", "# Fish\n\nSalmon swims upstream.\n");
		const { rm } = await import("node:fs/promises");
		await rm(join(vault.root, "Recipes", "Bread.md"));
		await index.refresh();
		const second = await embedAll(index);
		const sentNow = server.inputs().slice(before);
		expect(sentNow).toHaveLength(2);
		expect(sentNow.some((text) => text.includes("Summer tyres"))).toBe(true);
		expect(sentNow.some((text) => text.includes("Salmon"))).toBe(true);
		expect(second.plan.firstFull).toBe(false);
		expect(second.outcome).toEqual({ embedded: 2, removed: 1, error: null });

		// Nothing changed: nothing is read again and nothing sent.
		const third = await embedAll(index);
		expect(third.plan.sections).toBe(0);
		expect(server.inputs().length).toBe(before + 2);
		expect(third.store.noteCount).toBe(3);
		expect(third.store.note("Recipes/Bread.md")).toBeUndefined();
	});

	it("keeps the notes embedded before a failed batch and plans the rest again", async () => {
		const index = await builtIndex();
		const { client, store, reader } = parts();
		const plan = await planEmbedding({ store, reader, index, settings });
		let batches = 0;
		const failingAfterOne = {
			...client,
			endpoint: client.endpoint,
			model: client.model,
			embed: async (texts: readonly string[]) => {
				if (batches++ === 1) server.setFailure({ kind: "error", status: 500, message: "The server had an error while processing your request." });
				return client.embed(texts);
			},
		} as unknown as EmbeddingClient;
		const outcome = await applyEmbeddingPlan(plan, { store, client: failingAfterOne, batchSize: 2 });
		expect(outcome.embedded).toBe(2);
		expect(outcome.error).toMatch(/^The embedding endpoint http:\/\/127\.0\.0\.1:\d+\/v1\/embeddings \(model "test-embed"\) refused the request with HTTP 500 \(it said: The server had an error/);
		server.setFailure(null);
		const { store: reopened } = parts();
		const again = await planEmbedding({ store: reopened, reader, index, settings });
		expect(again.sections).toBe(2);
	});
});

describe("hybrid search", () => {
	it("finds a note by meaning that shares no word with the query, merged with the lexical hits", async () => {
		const index = await builtIndex();
		const { store, client } = await embedAll(index);
		expect(await index.searchWithSnippets("vehicle maintenance", 5)).toEqual([]);
		const said: string[] = [];
		index.useSemanticRanker(new SemanticRanker({ store, client, failures: new FailureNotice((sentence) => said.push(sentence)) }));
		const hits = await index.searchWithSnippets("vehicle maintenance", 5);
		expect(hits[0]?.path).toBe("Cars.md");
		expect(hits[0]?.snippet).toContain("automobile");
		expect(hits.map((hit) => hit.path)).not.toContain("Diary.md");
		expect(said).toEqual([]);
	});

	it("keeps lexical search working when the endpoint fails, and says so once", async () => {
		const index = await builtIndex();
		const { store, client } = await embedAll(index);
		const lexical = await index.searchWithSnippets("tomatoes sun", 5);
		const said: string[] = [];
		const ranker = new SemanticRanker({ store, client, failures: new FailureNotice((sentence) => said.push(sentence)) });
		index.useSemanticRanker(ranker);
		await server.close();
		const first = await index.searchWithSnippets("tomatoes sun", 5);
		const second = await index.searchWithSnippets("tomatoes water", 5);
		expect(first).toEqual(lexical);
		expect(second[0]?.path).toBe("Garden.md");
		expect(said).toHaveLength(1);
		expect(said[0]).toMatch(/^Nothing is listening at http:\/\/127\.0\.0\.1:\d+\/v1 for embeddings; .* Search goes on with words only until the endpoint answers again\.$/);
	});

	it("says a refused query once, names the endpoint's reason, and tries again after a minute", async () => {
		const index = await builtIndex();
		const { store, client } = await embedAll(index);
		let now = 1_000_000;
		const said: string[] = [];
		const ranker = new SemanticRanker({ store, client, failures: new FailureNotice((sentence) => said.push(sentence)), clock: { now: () => now, yieldToHost: () => Promise.resolve() } });
		index.useSemanticRanker(ranker);
		server.setFailure({ kind: "error", status: 401, message: "Incorrect API key provided." });
		const requestsBefore = server.requests.length;
		await index.searchWithSnippets("automobile", 5);
		await index.searchWithSnippets("automobile oil", 5);
		expect(server.requests.length).toBe(requestsBefore + 1);
		expect(said).toHaveLength(1);
		expect(said[0]).toContain("refused the request with HTTP 401 (it said: Incorrect API key provided.)");
		now += 61_000;
		server.setFailure(null);
		const hits = await index.searchWithSnippets("vehicle", 5);
		expect(hits[0]?.path).toBe("Cars.md");
		expect(server.requests.length).toBe(requestsBefore + 2);
		expect(said).toHaveLength(1);
	});
});
