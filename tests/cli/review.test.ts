/** Review from the command line: approval touches only two properties; feedback becomes a lesson the next run reads; revisions link back. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { REVIEW_VAULT_FILES, WEEKLY_WORKFLOW } from "../helpers/review-vault";
import { runCli } from "../helpers/run-cli";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { writeModelSettings } from "../helpers/plugin-settings";

let vault: TempVault;
let server: FakeModelServer;

const WORKFLOW = WEEKLY_WORKFLOW;

beforeEach(async () => {
	vault = await createTempVault({ ...REVIEW_VAULT_FILES });
	server = await startFakeModelServer({ models: ["test-model"] });
	server.setDefault({ kind: "reply", text: "# Status\n\nAll well, see [[Project Alpha]]." });
	await writeModelSettings(vault.root, server);
});

afterEach(async () => {
	await server.close();
	await vault.cleanup();
});

async function delegate(goal: string): Promise<string> {
	const result = await runCli("delegate", "--vault", vault.root, "--json", "--source", "Projects/Project Alpha.md", goal);
	expect(result.code, result.stderr).toBe(0);
	return (JSON.parse(result.stdout) as { deliverable: string }).deliverable;
}

async function runWorkflowAt(now: string): Promise<string> {
	const result = await runCli("run", "--vault", vault.root, "--due", "--json", "--now", now);
	const runs = (JSON.parse(result.stdout) as { runs: { deliverable: string | null; status: string }[] }).runs;
	expect(runs.map((run) => run.status)).toEqual(["ok"]);
	return runs[0]?.deliverable ?? "";
}

const read = (path: string): Promise<string> => readFile(join(vault.root, path), "utf8");

describe("coworker review --approve", () => {
	it("changes only the status and reviewed properties; the body and every other property keep their bytes", async () => {
		const path = await delegate("Status of Project Alpha");
		const before = await read(path);
		const result = await runCli("review", "--vault", vault.root, "--approve", path);
		expect(result.code, result.stderr).toBe(0);
		const after = await read(path);
		const [beforeLines, afterLines] = [before.split("\n"), after.split("\n")];
		expect(afterLines.filter((line) => !beforeLines.includes(line))).toEqual(["status: approved", expect.stringMatching(/^reviewed: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/)]);
		expect(beforeLines.filter((line) => !afterLines.includes(line))).toEqual(["status: draft"]);
		expect(after.slice(after.indexOf("\n---\n"))).toBe(before.slice(before.indexOf("\n---\n")));
	});

	it("refuses a note that is not a deliverable, and bad arguments", async () => {
		const refused = await runCli("review", "--vault", vault.root, "--approve", "Projects/Project Alpha.md");
		expect(refused.code).toBe(1);
		expect(refused.stderr).toBe("coworker: Projects/Project Alpha.md is not a deliverable (its properties do not say coworker: deliverable).\n");
		expect((await read("Projects/Project Alpha.md")).startsWith("# Project Alpha")).toBe(true);
		expect((await runCli("review", "--vault", vault.root, "x.md")).code).toBe(2);
		expect((await runCli("review", "--vault", vault.root, "--approve", "--feedback", "no", "x.md")).code).toBe(2);
		expect((await runCli("review", "--vault", vault.root, "--approve", "--revise", "x.md")).code).toBe(2);
	});
});

describe("coworker review --feedback", () => {
	it("adds the feedback to the workflow's Lessons, and the next run's request carries it", async () => {
		await runCli("run", "--vault", vault.root, "--due", "--now", "2026-11-01T00:00:00Z");
		const first = await runWorkflowAt("2026-11-02T09:01:00Z");
		const result = await runCli("review", "--vault", vault.root, "--json", "--feedback", "Put decisions before open questions.", first);
		expect(result.code, result.stderr).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({ status: "ok", review_status: "changes-requested", lesson_in: "Workflows/Weekly status.md", revision: null });
		const workflow = await read("Workflows/Weekly status.md");
		expect(workflow).toMatch(/## Lessons\n- Keep it short\.\n- \d{4}-\d{2}-\d{2}: Put decisions before open questions\. \(review of \[\[Weekly status 2026-11-02\]\]\)\n$/);
		expect(workflow.startsWith(WORKFLOW.slice(0, WORKFLOW.indexOf("## Lessons")))).toBe(true);
		expect(await read(first)).toContain("status: changes-requested");

		await runWorkflowAt("2026-11-09T09:01:00Z");
		const request = JSON.stringify(server.chatRequests().at(-1));
		expect(request).toContain("Put decisions before open questions.");
	});

	it("writes a revision that links to the note it revises, keeping the earlier one; with --remember a delegated task's lesson goes to the memory note", async () => {
		const path = await delegate("Status of Project Alpha");
		server.enqueue({ kind: "reply", text: "# Status, revised\n\nDecisions first: ship on 2026-12-01, see [[Project Alpha]]." });
		const result = await runCli("review", "--vault", vault.root, "--json", "--feedback", "Lead with the decisions.", "--revise", "--remember", path);
		expect(result.code, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout) as { lesson_in: string; revision: { deliverable: string; status: string } };
		expect(json.lesson_in).toBe("Coworker/Memory.md");
		expect(json.revision.status).toBe("ok");
		expect(json.revision.deliverable).toMatch(/revised\.md$/);
		const revision = await read(json.revision.deliverable);
		const previousName = path.replace(/^.*\//, "").replace(/\.md$/, "");
		expect(revision).toContain(`revises: "[[${previousName}]]"`);
		expect(revision).toContain("Decisions first");
		expect(await read(path)).toContain("status: changes-requested");
		expect(await read("Coworker/Memory.md")).toMatch(/## Feedback\n- \d{4}-\d{2}-\d{2}: Lead with the decisions\. \(review of \[\[.+\]\]\)\n$/);
		const request = JSON.stringify(server.chatRequests().at(-1));
		expect(request).toContain("Lead with the decisions.");
		expect(request).toContain(`cite=\\"[[${previousName}]]\\"`);
	});

	it("without --remember, a delegated task's feedback stays on the deliverable and out of the memory note", async () => {
		const path = await delegate("Status of Project Alpha");
		const memoryBefore = await read("Coworker/Memory.md").catch(() => null);
		const result = await runCli("review", "--vault", vault.root, "--feedback", "Lead with the decisions.", path);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toContain("add --remember to keep it for future tasks");
		expect(await read(path)).toContain("feedback: Lead with the decisions.");
		expect(await read("Coworker/Memory.md").catch(() => null)).toBe(memoryBefore);
		expect((await runCli("review", "--vault", vault.root, "--approve", "--remember", path)).code).toBe(2);
	});

	it("prefers a workflow's last approved deliverable over a later draft as the next run's reference", async () => {
		await runCli("run", "--vault", vault.root, "--due", "--now", "2026-11-01T00:00:00Z");
		const approved = await runWorkflowAt("2026-11-02T09:01:00Z");
		expect((await runCli("review", "--vault", vault.root, "--approve", approved)).code).toBe(0);
		const draft = await runWorkflowAt("2026-11-09T09:01:00Z");
		await runWorkflowAt("2026-11-16T09:01:00Z");
		const request = JSON.stringify(server.chatRequests().at(-1));
		const name = (path: string): string => path.replace(/^.*\//, "").replace(/\.md$/, "");
		expect(request).toContain(`cite=\\"[[${name(approved)}]]\\"`);
		expect(request).not.toContain(`cite=\\"[[${name(draft)}]]\\"`);
	});
});
