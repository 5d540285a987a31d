import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { copyExampleVault, type TempVault } from "../helpers/temp-vault";
import { runBuiltCli, runCli } from "../helpers/run-cli";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { snapshotVault } from "../helpers/vault-snapshot";
import { writeModelSettings } from "../helpers/plugin-settings";

let vault: TempVault;
let server: FakeModelServer;

beforeEach(async () => {
	vault = await copyExampleVault();
	server = await startFakeModelServer({ models: ["test-model"], apiKey: "sk-test" });
	// Fast failures: no waiting between retries unless a test asks for them.
	await writeModelSettings(vault.root, server, { requestTimeoutSeconds: 5 });
	process.env.OPENAI_API_KEY = "sk-test";
});

afterEach(async () => {
	delete process.env.OPENAI_API_KEY;
	await server.close();
	await vault.cleanup();
});

interface DelegateJson {
	status: string;
	deliverable: string | null;
	files: string[];
	sources: string[];
	unresolved_links: number;
	truncated: boolean;
	usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
	error: string | null;
}

function delegate(...args: string[]) {
	return runCli("delegate", "--vault", vault.root, "--json", ...args);
}

describe("coworker delegate", () => {
	it("writes a report linked to its sources, with provenance, from the sources and the memory", async () => {
		server.enqueue({
			kind: "reply",
			text: "# Acme renewal status\n\nThe renewal is at risk ([[Acme renewal#Risks]]); see also [[Vendor shortlist]] and [[Acme Corp]].",
			usage: { prompt_tokens: 900, completion_tokens: 60 },
		});
		const result = await delegate("--source", "Projects/Acme renewal.md", "--source", "Clients/Acme Corp.md", "Write a status report on the Acme renewal");
		expect(result.stderr).toBe("");
		expect(result.code).toBe(0);
		const json = JSON.parse(result.stdout) as DelegateJson;
		expect(json.status).toBe("ok");
		expect(json.deliverable).toMatch(/^Coworker\/Deliverables\/\d{4}-\d{2}-\d{2} Write a status report on the Acme renewal\.md$/);
		expect(json.sources).toEqual(expect.arrayContaining(["Projects/Acme renewal.md", "Clients/Acme Corp.md", "Coworker/Memory.md"]));
		expect(json.unresolved_links).toBe(1);
		expect(json.usage).toEqual({ prompt_tokens: 900, completion_tokens: 60, total_tokens: 960 });

		const request = server.chatRequests()[0] as { messages: { role: string; content: string }[]; model: string };
		expect(request.model).toBe("test-model");
		const user = request.messages.find((message) => message.role === "user")?.content ?? "";
		expect(user).toContain("Write a status report on the Acme renewal");
		expect(user).toContain('cite="[[Acme renewal]]"');
		expect(user).toContain("decisions before open questions");

		const note = await readFile(join(vault.root, json.deliverable ?? ""), "utf8");
		expect(note).toMatch(/^---\ncoworker: deliverable\nstatus: draft\nformat: report\ngoal: Write a status report on the Acme renewal\ncreated: [^\n]+\nmodel: test-model\n/);
		expect(note).toContain('sources:\n  - "[[Acme renewal]]"\n  - "[[Acme Corp]]"');
		expect(note).toContain("unresolved_links: 1");
		expect(note).toContain("[[Acme renewal#Risks]]");
		expect(note).toContain("Vendor shortlist (unresolved link)");
		expect(note).not.toContain("[[Vendor shortlist]]");
		expect(note).toMatch(/## Sources\n\n- \[\[Acme renewal\]\]\n- \[\[Acme Corp\]\]\n- \[\[Memory\]\]\n$/);
	});

	it("writes a table as a CSV file plus a companion note", async () => {
		server.enqueue({ kind: "reply", text: "Revenue by client, from [[Q3 figures.csv]].\n\n```csv\nclient,revenue_eur\nAcme Corp,15300\n\"Initech, GmbH\",5100\n```" });
		const result = await delegate("--format", "table", "--source", "Data/Q3 figures.csv", "Revenue per client in July");
		expect(result.code).toBe(0);
		const json = JSON.parse(result.stdout) as DelegateJson;
		expect(json.files).toHaveLength(2);
		const [csvPath, notePath] = json.files;
		expect(csvPath).toMatch(/\.csv$/);
		expect(notePath).toBe(json.deliverable);
		expect(await readFile(join(vault.root, csvPath ?? ""), "utf8")).toBe('client,revenue_eur\nAcme Corp,15300\n"Initech, GmbH",5100\n');
		const note = await readFile(join(vault.root, notePath ?? ""), "utf8");
		expect(note).toContain("| client | revenue_eur |");
		expect(note).toContain("| Initech, GmbH | 5100 |");
		expect(note).toMatch(/Full table: \[\[.+\.csv\]\]/);
		const request = server.chatRequests()[0] as { messages: { content: string }[] };
		expect(request.messages[1]?.content).toContain("| month | client | product | revenue_eur | active_users | churn_pct |");
	});

	it("writes a slide deck separated by --- with a sources slide", async () => {
		server.enqueue({ kind: "reply", text: "# Project Alpha\n\nStatus for leadership\n\n---\n\n## Risks\n\n- Design review slipped ([[Project Alpha]])" });
		const result = await delegate("--format", "slides", "--source", "Projects/Project Alpha.md", "A three-slide update on Project Alpha");
		expect(result.code).toBe(0);
		const json = JSON.parse(result.stdout) as DelegateJson;
		const deck = await readFile(join(vault.root, json.deliverable ?? ""), "utf8");
		expect(deck).toContain('format: slides');
		expect(deck.split("\n---\n").length).toBeGreaterThanOrEqual(4);
		expect(deck).toMatch(/---\n\n## Sources\n\n- \[\[Project Alpha\]\]/);
	});

	it("writes a reasoning model's answer without its thinking, from a streamed reasoning field or <think> in the content", async () => {
		server.enqueue(
			{ kind: "reply", text: "# Memo\n\nAll good.", reasoning: "HIDDEN deliberation", reasoningShape: "ollama" },
			{ kind: "reply", text: "<think>HIDDEN deliberation</think>\n# Memo\n\nAll good." },
		);
		for (let run = 0; run < 2; run++) {
			const json = JSON.parse((await delegate("--format", "memo", "--no-memory", `Write memo ${run}`)).stdout) as DelegateJson;
			expect(json.status).toBe("ok");
			const memo = await readFile(join(vault.root, json.deliverable ?? ""), "utf8");
			expect(memo).not.toContain("HIDDEN");
			expect(memo).toContain("\n# Memo\n\nAll good.\n\n## Sources");
		}
	});

	it("says a cut-off deliverable is cut off, in --json and in the text output", async () => {
		server.setDefault({ kind: "reply", text: "# Report\n\nThe renewal is", finishReason: "length" });
		const json = JSON.parse((await delegate("--no-memory", "Status report one")).stdout) as DelegateJson;
		expect(json).toMatchObject({ status: "ok", truncated: true });
		expect(await readFile(join(vault.root, json.deliverable ?? ""), "utf8")).toContain("truncated: true");
		const text = await runCli("delegate", "--vault", vault.root, "--no-memory", "Status report two");
		expect(text.code).toBe(0);
		expect(text.stdout).toMatch(/^Wrote .+\nCut off: the model stopped at its output limit even after being asked to continue; the deliverable is marked truncated\.\n/);
		server.setDefault({ kind: "reply", text: "# Report\n\nDone." });
		const whole = JSON.parse((await delegate("--no-memory", "Status report three")).stdout) as DelegateJson;
		expect(whole.truncated).toBe(false);
		expect((await runCli("delegate", "--vault", vault.root, "--no-memory", "Status report four")).stdout).not.toContain("Cut off");
	});

	it("never sends a private note, even when named, and says so", async () => {
		const result = await delegate("--source", "Private/Salary review 2026.md", "--source", "Clients/Acme Corp.md", "--no-memory", "Summarise the salary review");
		const json = JSON.parse(result.stdout) as DelegateJson;
		expect(json.status).toBe("ok");
		expect(json.sources).toEqual(["Clients/Acme Corp.md"]);
		const body = JSON.stringify(server.chatRequests());
		expect(body).not.toContain("Salary review");
	});

	it("stops before calling the model when the only source named is private, writing nothing", async () => {
		const before = await snapshotVault(vault.root);
		const result = await delegate("--source", "Private/Salary review 2026.md", "--no-memory", "Summarise the salary review");
		expect(result.code).toBe(1);
		const json = JSON.parse(result.stdout) as DelegateJson;
		expect(json.status).toBe("failed");
		expect(json.error).toBe("None of the sources named (note Private/Salary review 2026.md) gave anything the coworker may read, so the model was not called; the warnings say why.");
		expect(server.chatRequests()).toEqual([]);
		// The vault as it was (the plugin's own folder, where the run is recorded, aside).
		expect(await snapshotVault(vault.root)).toEqual(before);
	});

	it("leaves the vault exactly as it was when the model fails, and says why in one line", async () => {
		const before = await snapshotVault(vault.root);
		server.enqueue({ kind: "error", status: 500 });
		const result = await runCli("delegate", "--vault", vault.root, "--source", "Projects/Project Alpha.md", "Status report");
		expect(result.code).toBe(1);
		expect(result.stderr.trim().split("\n")).toHaveLength(1);
		expect(result.stderr).toMatch(/^coworker: .*server error/);
		expect(await snapshotVault(vault.root)).toEqual(before);
		const runs = await readdir(join(vault.root, ".obsidian/plugins/ai-coworker/runs"));
		expect(runs).toHaveLength(1);
	});

	it("previews the exact messages without calling the model or writing anything", async () => {
		const before = await snapshotVault(vault.root);
		const result = await runCli("delegate", "--vault", vault.root, "--dry-run", "--search", "renewal risk", "Brief me on renewal risk");
		expect(result.code).toBe(0);
		expect(result.stdout).toContain("──── system ────");
		expect(result.stdout).toMatch(/Estimated tokens: \d+ of a 12000-token budget\./);
		expect(server.requests).toHaveLength(0);
		expect(await snapshotVault(vault.root)).toEqual(before);
	});

	it("rejects bad arguments with exit code 2", async () => {
		expect((await runCli("delegate", "--vault", vault.root)).code).toBe(2);
		expect((await runCli("delegate", "--vault", vault.root, "--format", "poem", "x")).code).toBe(2);
		const missing = await runCli("delegate", "--vault", vault.root, "--source", "Nope.md", "x");
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/Nope\.md \(note Nope\.md\) does not exist/);
	});

	it("works from the built binary with --base-url and --model overrides", async () => {
		await writeFile(join(vault.root, ".obsidian/plugins/ai-coworker/data.json"), JSON.stringify({ maxRetries: 0 }));
		server.enqueue({ kind: "reply", text: "# Memo\n\nAll good." });
		const result = await new Promise<Awaited<ReturnType<typeof runBuiltCli>>>((resolve) => {
			void runBuiltCli("delegate", "--vault", vault.root, "--json", "--format", "memo", "--base-url", server.baseUrl, "--model", "test-model", "Write a memo").then(resolve);
		});
		expect(result.code, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout) as DelegateJson;
		expect(json.status).toBe("ok");
		const request = server.requests.find((r) => r.path.endsWith("/chat/completions"));
		expect(request?.headers.authorization).toBe("Bearer sk-test");
	});
});
