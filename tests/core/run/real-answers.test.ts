/**
 * runTask end to end against answers shaped as real endpoints send them (reasoning in the content or in a field of its
 * own, Markdown tables, the model's own Sources list, cut-off answers), each plain and streamed.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import YAML from "yaml";
import { copyExampleVault, type TempVault } from "../../helpers/temp-vault";
import { startFakeModelServer, type FakeModelServer } from "../../helpers/fake-model-server";
import { snapshotVault } from "../../helpers/vault-snapshot";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { NodeVaultWriter } from "../../../src/cli/node-vault-writer";
import { NodeFileStore } from "../../../src/cli/node-file-store";
import { VaultIndex } from "../../../src/core/index/vault-index";
import { DEFAULT_INDEX_SETTINGS } from "../../../src/core/index/index-settings";
import { LinkResolver } from "../../../src/core/notes/link-resolver";
import { ModelClient } from "../../../src/core/model/model-client";
import { RunLog } from "../../../src/core/ledger/run-log";
import { DEFAULT_SETTINGS } from "../../../src/core/settings/plugin-settings";
import { CONTINUE_PROMPT } from "../../../src/core/run/agent-loop";
import { runTask, type RunResult, type RunServices, type TaskRequest } from "../../../src/core/run/run-task";

const NOW = Date.UTC(2026, 10, 24, 9, 30, 0);
const PLUGIN = ".obsidian/plugins/ai-coworker";
const THOUGHTS = "SECRET-THOUGHT the user wants a status report, let me plan";

let vault: TempVault;
let server: FakeModelServer;

beforeEach(async () => {
	vault = await copyExampleVault();
	server = await startFakeModelServer();
});

afterEach(async () => {
	await server.close();
	await vault.cleanup();
});

async function services(stream: boolean): Promise<RunServices> {
	const reader = new NodeVaultReader(vault.root);
	const index = new VaultIndex({ vault: reader, store: new NodeFileStore(join(vault.root, PLUGIN)), settings: DEFAULT_INDEX_SETTINGS });
	await index.refresh();
	return {
		readers: { reader, index, links: new LinkResolver(await reader.listAllFiles()), settings: DEFAULT_INDEX_SETTINGS },
		writer: new NodeVaultWriter(vault.root),
		model: new ModelClient({ baseUrl: server.baseUrl, apiKey: null, model: "test-model", fetch: globalThis.fetch, timeoutMs: 5000, maxRetries: 0, stream }),
		runLog: new RunLog(new NodeFileStore(join(vault.root, PLUGIN, "runs"))),
		now: () => NOW,
		settings: {
			contextBudgetTokens: DEFAULT_SETTINGS.contextBudgetTokens,
			maxAgentSteps: DEFAULT_SETTINGS.maxAgentSteps,
			outputFolder: DEFAULT_SETTINGS.outputFolder,
			fileNameTemplate: DEFAULT_SETTINGS.fileNameTemplate,
			memoryNotePath: DEFAULT_SETTINGS.memoryNotePath,
		},
	};
}

function task(overrides: Partial<TaskRequest> = {}): TaskRequest {
	return { goal: "Write a status report on the Acme renewal", format: "report", sources: [{ kind: "note", path: "Projects/Acme renewal.md" }], useMemory: false, agentMode: false, trigger: "cli", ...overrides };
}

async function read(path: string | null): Promise<string> {
	return readFile(join(vault.root, path ?? ""), "utf8");
}

function frontmatterOf(content: string): Record<string, unknown> {
	return YAML.parse(/^---\n([\s\S]*?)\n---\n/.exec(content)?.[1] ?? "") as Record<string, unknown>;
}

async function savedRecords(): Promise<unknown[]> {
	return new RunLog(new NodeFileStore(join(vault.root, PLUGIN, "runs"))).recent(10);
}

/** A failed run: one sentence, nothing written. */
async function expectNothingWritten(result: RunResult, before: Record<string, string>, error: string): Promise<void> {
	expect(result.status).toBe("failed");
	expect(result.error).toBe(error);
	expect(result.files).toEqual([]);
	expect(await snapshotVault(vault.root)).toEqual(before);
}

describe.each([{ stream: false }, { stream: true }])("what real models send back (stream: $stream)", ({ stream }) => {
	it.each([
		["<think> in the content", { kind: "reply" as const, text: `<think>\n${THOUGHTS}\n</think>\n\n# Acme renewal\n\nAt risk ([[Acme renewal]]).` }],
		["<thinking> in the content", { kind: "reply" as const, text: `<thinking>${THOUGHTS}</thinking># Acme renewal\n\nAt risk ([[Acme renewal]]).` }],
		["a lone </think> (the server dropped the opening tag)", { kind: "reply" as const, text: `${THOUGHTS}\n</think>\n\n# Acme renewal\n\nAt risk ([[Acme renewal]]).` }],
		["DeepSeek's reasoning_content", { kind: "reply" as const, text: "# Acme renewal\n\nAt risk ([[Acme renewal]]).", reasoning: THOUGHTS, reasoningShape: "deepseek" as const }],
		["Ollama's reasoning field", { kind: "reply" as const, text: "# Acme renewal\n\nAt risk ([[Acme renewal]]).", reasoning: THOUGHTS, reasoningShape: "ollama" as const }],
		["vLLM's reasoning_content deltas", { kind: "reply" as const, text: "# Acme renewal\n\nAt risk ([[Acme renewal]]).", reasoning: THOUGHTS, reasoningShape: "vllm" as const }],
	])("writes no reasoning into the deliverable: %s", async (_shape, reply) => {
		server.enqueue(reply);
		const result = await runTask(task(), await services(stream));
		expect(result.error).toBeNull();
		const note = await read(result.deliverable);
		expect(note).not.toContain("SECRET-THOUGHT");
		expect(note).not.toMatch(/<\/?think/i);
		expect(note).toMatch(/\n---\n# Acme renewal\n\nAt risk \(\[\[Acme renewal\]\]\)\.\n\n## Sources\n/);
		expect(JSON.stringify(await savedRecords())).not.toContain("SECRET-THOUGHT");
	});

	it("sends no reasoning back in agent mode, which DeepSeek would refuse", async () => {
		server.enqueue(
			{ kind: "tool-calls", calls: [{ name: "read_note", arguments: { note: "Acme Corp" } }] },
			{ kind: "reply", text: `<think>${THOUGHTS}</think>\n# Acme\n\nSee [[Acme Corp]].`, reasoning: THOUGHTS, reasoningShape: "deepseek" },
		);
		const result = await runTask(task({ agentMode: true }), await services(stream));
		expect(result.error).toBeNull();
		expect(await read(result.deliverable)).not.toContain("SECRET-THOUGHT");
	});

	it("fails with one sentence and writes nothing when the answer is only reasoning", async () => {
		const before = await snapshotVault(vault.root);
		server.enqueue(
			{ kind: "reply", text: `<think>${THOUGHTS}</think>` },
			{ kind: "reply", text: stream ? "" : null, reasoning: THOUGHTS, reasoningShape: "vllm" },
			{ kind: "reply", text: "", reasoning: THOUGHTS, reasoningShape: "ollama", finishReason: "length" },
		);
		const svc = await services(stream);
		const sentence = 'The model "test-model" answered with reasoning only and no deliverable; nothing was written.';
		await expectNothingWritten(await runTask(task(), svc), before, sentence);
		await expectNothingWritten(await runTask(task(), svc), before, sentence);
		await expectNothingWritten(await runTask(task(), svc), before, 'The model "test-model" reached its output limit while still reasoning and wrote no deliverable; nothing was written.');
		expect(server.chatRequests()).toHaveLength(3);
	});

	it("turns a Markdown pipe table with a sentence around it into a correct CSV", async () => {
		server.enqueue({
			kind: "reply",
			text: "<think>a table</think>Revenue by client, from [[Q3 figures.csv]]:\n\n| Client | Revenue (EUR) |\n|:--|--:|\n| Acme Corp | 15300 |\n| Initech, GmbH | 5100 |\n\nAll figures are from Q3.",
		});
		const result = await runTask(task({ format: "table", goal: "Revenue per client", sources: [{ kind: "table", path: "Data/Q3 figures.csv" }] }), await services(stream));
		expect(result.error).toBeNull();
		const csv = result.files.find((file) => file.endsWith(".csv")) ?? null;
		expect(await read(csv)).toBe('Client,Revenue (EUR)\nAcme Corp,15300\n"Initech, GmbH",5100\n');
		const note = await read(result.deliverable);
		expect(note).toContain("Revenue by client, from [[Q3 figures.csv]]:\n\n\nAll figures are from Q3.\n\n## Preview");
	});

	it("keeps one Sources section, the pipeline's, and counts no link from the model's own list", async () => {
		server.enqueue({
			kind: "reply",
			text: "---\ntitle: Acme status\n---\n# Acme renewal\n\nAt risk ([[Acme renewal]]).\n\n## References\n\n- [[Acme renewal]]\n- [[Vendor shortlist]]\n- [[Acme Corp]]",
		});
		const result = await runTask(task(), await services(stream));
		const note = await read(result.deliverable);
		expect(note.match(/^## (Sources|References)/gm)).toEqual(["## Sources"]);
		expect(note).not.toContain("title: Acme status");
		expect(note).not.toContain("Vendor shortlist");
		expect(result.unresolvedLinks).toEqual([]);
		expect(frontmatterOf(note).unresolved_links).toBe(0);
		expect(result.sources).toEqual(["Projects/Acme renewal.md"]);
	});

	it("continues an answer cut off at the output limit and joins the parts, adding up every request's usage", async () => {
		server.enqueue(
			{ kind: "reply", text: "# Acme renewal\n\nThe renewal is at ri", finishReason: "length", usage: { prompt_tokens: 500, completion_tokens: 100 } },
			{ kind: "reply", text: "sk ([[Acme renewal]]).", usage: { prompt_tokens: 520, completion_tokens: 10 } },
		);
		const result = await runTask(task(), await services(stream));
		expect(result.truncated).toBe(false);
		expect(result.usage).toEqual({ promptTokens: 1020, completionTokens: 110, totalTokens: 1130 });
		expect(result.record).toMatchObject({ requests: 2, truncated: false });
		const note = await read(result.deliverable);
		expect(note).toContain("The renewal is at risk ([[Acme renewal]]).");
		expect(note).not.toContain("truncated");
		const followUp = server.chatRequests()[1] as { messages: { role: string; content: string }[] };
		expect(followUp.messages.slice(-2)).toEqual([
			{ role: "assistant", content: "# Acme renewal\n\nThe renewal is at ri" },
			{ role: "user", content: CONTINUE_PROMPT },
		]);
	});

	it("marks an answer still cut off after the continuations: property, callout, result and run record", async () => {
		server.setDefault({ kind: "reply", text: "more words and", finishReason: "length" });
		const result = await runTask(task(), await services(stream));
		expect(result.status).toBe("ok");
		expect(result.truncated).toBe(true);
		expect(result.record).toMatchObject({ truncated: true, requests: 3 });
		expect(await savedRecords()).toEqual([expect.objectContaining({ truncated: true })]);
		const note = await read(result.deliverable);
		expect(frontmatterOf(note).truncated).toBe(true);
		expect(note).toMatch(/\n---\n> \[!warning\] Cut off\n> The model stopped at its output limit[^\n]+\n\nmore words andmore words andmore words and\n\n## Sources/);
	});

	it("writes the part already paid for, marked cut off and with a warning, when the continuation request fails", async () => {
		server.enqueue({ kind: "reply", text: "# Acme renewal\n\nAt risk", finishReason: "length" }, { kind: "error", status: 500 });
		const result = await runTask(task(), await services(stream));
		expect(result.status).toBe("ok");
		expect(result.truncated).toBe(true);
		expect(result.warnings).toEqual([expect.stringMatching(/^The answer was cut off and asking for the rest failed, so it is written as it stopped: .*server error/)]);
		const note = await read(result.deliverable);
		expect(note).toContain("truncated: true");
		expect(note).toContain("> [!warning] Cut off\n");
		expect(note).toContain("# Acme renewal\n\nAt risk\n\n## Sources");
	});
});
