// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type CoworkerPlugin from "../../src/obsidian/main";
import { EmbeddingCostModal } from "../../src/obsidian/index/embedding-cost-modal";
import type { TempVault } from "../helpers/temp-vault";
import { clearNotices, createFakeApp, isModalOpen, noticeMessages } from "../helpers/fake-obsidian-app";
import { startCoworker, stopCoworker } from "../helpers/start-coworker";
import { PLUGIN_DIR, writeModelSettings } from "../helpers/plugin-settings";
import type { FakeEmbeddingServer } from "../helpers/fake-embedding-server";
import { startSemanticVault } from "../helpers/semantic-vault";

const PRIVATE_MARKER = "zq-app-private-5521";

let vault: TempVault;
let server: FakeEmbeddingServer;
let plugin: CoworkerPlugin | undefined;

beforeEach(async () => {
	({ vault, server } = await startSemanticVault(PRIVATE_MARKER));
});

afterEach(async () => {
	if (plugin) await stopCoworker(plugin);
	plugin = undefined;
	clearNotices();
	vi.restoreAllMocks();
	await server.close();
	await vault.cleanup();
});

/** Resolves with the cost modal as soon as it opens (the modal opens as it would, then the test gets it). */
function nextCostModal(): Promise<EmbeddingCostModal> {
	const open: (this: EmbeddingCostModal) => void = Reflect.get(EmbeddingCostModal.prototype, "open");
	return new Promise((resolve) => {
		vi.spyOn(EmbeddingCostModal.prototype, "open").mockImplementation(function (this: EmbeddingCostModal) {
			open.call(this);
			resolve(this);
		});
	});
}

function click(modal: EmbeddingCostModal, text: string): void {
	const button = Array.from(modal.contentEl.querySelectorAll("button")).find((b) => b.textContent === text);
	if (!button) throw new Error(`No button "${text}"`);
	button.click();
}

async function start(extra: Record<string, unknown>): Promise<CoworkerPlugin> {
	await writeModelSettings(vault.root, server, extra);
	return startCoworker(createFakeApp(vault.root), (loaded) => (plugin = loaded));
}

describe("semantic search in the app", () => {
	it("is off by default: no modal, no request, no vectors", async () => {
		const open = vi.spyOn(EmbeddingCostModal.prototype, "open");
		const started = await start({});
		await started.indexSync.whenSaved();
		await started.semantic.update();
		expect(open).not.toHaveBeenCalled();
		expect(server.requests).toEqual([]);
		expect(await started.indexSync.index.searchWithSnippets("vehicle", 5)).toEqual([]);
	});

	it("shows the cost before the first embedding, then embeds on Embed and searches by meaning; the private note is never sent", async () => {
		const modalOpened = nextCostModal();
		const started = await start({ semanticSearch: true, embeddingModel: "test-embed" });
		const modal = await modalOpened;
		expect(modal.titleEl.textContent).toBe("Embed your notes for semantic search?");
		expect(modal.contentEl.textContent).toMatch(/Semantic search will send 2 sections \(about \d+ tokens, estimated from their length at about four characters a token\) to http:\/\/127\.0\.0\.1:\d+\/v1 to be embedded by test-embed\./);
		expect(server.requests).toEqual([]);
		click(modal, "Embed");
		expect(isModalOpen(modal)).toBe(false);
		await started.semantic.update();
		expect(noticeMessages()).toContain("Semantic search is ready: 2 sections embedded.");
		expect(server.inputs().join("\n")).not.toContain(PRIVATE_MARKER);
		const hits = await started.indexSync.index.searchWithSnippets("vehicle", 5);
		expect(hits[0]?.path).toBe("Cars.md");
		const stored = await readFile(join(vault.root, PLUGIN_DIR, "embeddings", "embeddings.json"), "utf8");
		expect(JSON.parse(stored)).toMatchObject({ model: "test-embed" });
	});

	it("turns itself off and sends nothing when the first embedding is declined", async () => {
		const modalOpened = nextCostModal();
		const started = await start({ semanticSearch: true, embeddingModel: "test-embed" });
		click(await modalOpened, "Not now");
		await started.semantic.update();
		expect(server.requests).toEqual([]);
		expect(started.settings.semanticSearch).toBe(false);
		const saved = JSON.parse(await readFile(join(vault.root, PLUGIN_DIR, "data.json"), "utf8")) as { semanticSearch?: boolean };
		expect(saved.semanticSearch).toBe(false);
		expect(noticeMessages()).toContain("Semantic search is off again; nothing was sent. Turn it on in the settings when you want it.");
	});

	it("keeps word search working when the endpoint fails, with one notice for many searches", async () => {
		const modalOpened = nextCostModal();
		const started = await start({ semanticSearch: true, embeddingModel: "test-embed" });
		click(await modalOpened, "Embed");
		await started.semantic.update();
		clearNotices();
		server.setFailure({ kind: "error", status: 500, message: "The server had an error while processing your request." });
		for (const query of ["tomatoes", "tomatoes sun", "tomatoes water"]) {
			const hits = await started.indexSync.index.searchWithSnippets(query, 5);
			expect(hits[0]?.path).toBe("Garden.md");
		}
		const failures = noticeMessages().filter((message) => message.includes("embedding endpoint"));
		expect(failures).toHaveLength(1);
		expect(failures[0]).toContain("refused the request with HTTP 500");
		expect(failures[0]).toContain("Search goes on with words only until the endpoint answers again.");
	});

	it("says in one sentence that it cannot start without an embedding model", async () => {
		await start({ semanticSearch: true });
		expect(noticeMessages()).toContain("Semantic search is on but no embedding model is set (for example text-embedding-3-small or nomic-embed-text), so search uses words only.");
		expect(server.requests).toEqual([]);
	});
});
