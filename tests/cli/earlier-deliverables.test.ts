/** The command line's context: a goal with no sources searches the vault, and --earlier-deliverables (or data.json) says which earlier deliverables come in. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { runCli } from "../helpers/run-cli";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { writeModelSettings } from "../helpers/plugin-settings";

let vault: TempVault;
let server: FakeModelServer;

function deliverable(status: string, text: string): string {
	return `---\ncoworker: deliverable\nstatus: ${status}\nformat: report\ncreated: 2026-11-30T09:15:00+01:00\n---\n# Acme renewal status\n\n${text}\n\n## Sources\n\n- [Acme renewal](../Clients/Acme%20renewal.md)\n`;
}

const WORKFLOW = `---
coworker: workflow
schedule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9"
format: report
output: "Reports/Weekly {{date}}.md"
sources:
  - folder: Reports
  - "[[Acme renewal]]"
---
Write the weekly Acme renewal status.
`;

beforeEach(async () => {
	vault = await createTempVault({
		"Clients/Acme renewal.md": "# Acme renewal\n\nStatus: the renewal is in legal review; Laura signs by 12 December.",
		"Reports/Approved.md": deliverable("approved", "Acme renewal status, approved: legal review."),
		"Reports/Draft.md": deliverable("draft", "Acme renewal status, draft: pending."),
		"Workflows/Weekly.md": WORKFLOW,
	});
	server = await startFakeModelServer();
	await writeModelSettings(vault.root, server);
});

afterEach(async () => {
	await server.close();
	await vault.cleanup();
});

interface Preview {
	sources: string[];
	warnings: string[];
	messages: { role: string; content: string }[];
}

async function dryDelegate(...args: string[]): Promise<Preview> {
	const result = await runCli("delegate", "--vault", vault.root, "--dry-run", "--json", ...args);
	expect(result.stderr).toBe("");
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout) as Preview;
}

/** The deliverables among a run's sources. */
function reports(sources: readonly string[]): string[] {
	return sources.filter((path) => path.startsWith("Reports/"));
}

async function dryRunSources(...args: string[]): Promise<string[]> {
	const result = await runCli("run", "--vault", vault.root, "--dry-run", "--json", ...args, "Workflows/Weekly.md");
	expect(result.code).toBe(0);
	const json = JSON.parse(result.stdout) as { runs: { sources: string[]; error: string | null }[] };
	expect(json.runs[0]?.error).toBeNull();
	return json.runs[0]?.sources ?? [];
}

describe("coworker delegate and run: context", () => {
	it("delegate with no source named searches the vault for the goal, and --dry-run shows it", async () => {
		const preview = await dryDelegate("Acme renewal status for Laura");
		expect(preview.sources).toContain("Clients/Acme renewal.md");
		expect(preview.sources).toContain("Reports/Approved.md");
		expect(preview.sources).not.toContain("Reports/Draft.md");
		expect(preview.messages[1]?.content).toContain('<source kind="deliverable" status="approved" date="2026-11-30" cite="[[Approved]]">');
	});

	it("--earlier-deliverables all lets drafts in, none leaves every deliverable out; the flag wins over data.json", async () => {
		expect((await dryDelegate("--search", "acme renewal status", "--earlier-deliverables", "all", "Status")).sources).toEqual(
			expect.arrayContaining(["Reports/Approved.md", "Reports/Draft.md"]),
		);
		const none = await dryDelegate("--search", "acme renewal status", "--earlier-deliverables", "none", "Status");
		expect(none.sources).toContain("Clients/Acme renewal.md");
		expect(reports(none.sources)).toEqual([]);
		expect(none.warnings).toEqual([
			'2 earlier deliverables were left out of the search, folder, tag and linked-note sources (setting "Earlier deliverables as context": none); name one as a source to use it.',
		]);

		await writeModelSettings(vault.root, server, { earlierDeliverables: "none" });
		expect(reports((await dryDelegate("--search", "acme renewal status", "Status")).sources)).toEqual([]);
		expect((await dryDelegate("--search", "acme renewal status", "--earlier-deliverables", "approved", "Status")).sources).toContain("Reports/Approved.md");
	});

	it("run reads the setting from data.json and takes --earlier-deliverables for a workflow's folder source", async () => {
		expect(await dryRunSources()).toEqual(expect.arrayContaining(["Clients/Acme renewal.md", "Reports/Approved.md"]));
		expect(await dryRunSources()).not.toContain("Reports/Draft.md");
		expect(await dryRunSources("--earlier-deliverables", "all")).toEqual(expect.arrayContaining(["Reports/Approved.md", "Reports/Draft.md"]));
		expect(await dryRunSources("--earlier-deliverables", "none")).toEqual(["Clients/Acme renewal.md"]);
		await writeModelSettings(vault.root, server, { earlierDeliverables: "none" });
		expect(await dryRunSources()).toEqual(["Clients/Acme renewal.md"]);
	});

	it("a value other than approved, all or none is a usage error naming the flag", async () => {
		for (const command of ["delegate", "run"]) {
			const result = await runCli(command, "--vault", vault.root, "--earlier-deliverables", "drafts", command === "run" ? "--due" : "Status");
			expect(result.code).toBe(2);
			expect(result.stderr.trim()).toBe('coworker: --earlier-deliverables must be one of approved, all, none (got "drafts").');
		}
	});

	it("delegate stops before calling the model when every named source comes up empty", async () => {
		const result = await runCli("delegate", "--vault", vault.root, "--json", "--folder", "Nowhere", "Status");
		expect(result.code).toBe(1);
		const json = JSON.parse(result.stdout) as { status: string; error: string };
		expect(json.status).toBe("failed");
		expect(json.error).toBe("None of the sources named (folder Nowhere) gave anything the coworker may read, so the model was not called; the warnings say why.");
		expect(server.chatRequests()).toHaveLength(0);
	});
});
