/** `coworker review --list` (the app's Review queue) and `coworker bases` (its Review.base), from the command line. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { writeModelSettings } from "../helpers/plugin-settings";
import { runCli } from "../helpers/run-cli";
import { REVIEW_BASE } from "../../src/core/review/review-queue";

let vault: TempVault;
let server: FakeModelServer;

beforeEach(async () => {
	vault = await createTempVault({
		"Projects/Alpha.md": "# Alpha\n\nOn track.",
		"Projects/Beta.md": "# Beta\n\nLate.",
		"Workflows/Weekly status.md": '---\ncoworker: workflow\nschedule: FREQ=WEEKLY;BYDAY=MO;BYHOUR=9\noutput: "Reports/{{workflow}} {{date}}.md"\nsources:\n  - "[[Alpha]]"\n  - "[[Beta]]"\n---\nWrite a status update.',
	});
	server = await startFakeModelServer({ models: ["test-model"] });
	server.setDefault({ kind: "reply", text: "# Status\n\nFine, see [[Alpha]]." });
	await writeModelSettings(vault.root, server);
});

afterEach(async () => {
	await server.close();
	await vault.cleanup();
});

interface ListedDraft {
	path: string;
	created: string;
	format: string;
	workflow: string | null;
	goal: string | null;
	sources: number;
}

async function list(): Promise<ListedDraft[]> {
	const result = await runCli("review", "--vault", vault.root, "--list", "--json");
	expect(result.code, result.stderr).toBe(0);
	return (JSON.parse(result.stdout) as { drafts: ListedDraft[] }).drafts;
}

describe("coworker review --list", () => {
	it("lists the drafts waiting, newest first, with workflow and sources; approved ones leave the list", async () => {
		expect(await list()).toEqual([]);
		expect((await runCli("review", "--vault", vault.root, "--list")).stdout).toBe("Nothing is waiting for review.\n");

		const ran = await runCli("run", "--vault", vault.root, "--json", "Workflows/Weekly status.md");
		expect(ran.code, ran.stderr).toBe(0);
		const delegated = await runCli("delegate", "--vault", vault.root, "--json", "--format", "memo", "--source", "Projects/Beta.md", "Memo on Beta");
		expect(delegated.code, delegated.stderr).toBe(0);
		const memo = (JSON.parse(delegated.stdout) as { deliverable: string }).deliverable;
		const report = (JSON.parse(ran.stdout) as { runs: { deliverable: string }[] }).runs[0]?.deliverable ?? "";

		const drafts = await list();
		expect(drafts.map((draft) => draft.path)).toEqual([memo, report]);
		expect(drafts[0]).toMatchObject({ format: "memo", workflow: null, goal: "Memo on Beta", sources: 1 });
		expect(drafts[1]).toMatchObject({ format: "report", workflow: "Workflows/Weekly status.md", sources: 2 });

		const text = await runCli("review", "--vault", vault.root, "--list");
		expect(text.stdout.split("\n").filter(Boolean)).toEqual([
			expect.stringMatching(new RegExp(`^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}  ${memo.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}  · delegated task · 1 source$`)),
			expect.stringMatching(/ {2}· workflow Workflows\/Weekly status\.md · 2 sources$/),
		]);

		expect((await runCli("review", "--vault", vault.root, "--approve", memo)).code).toBe(0);
		expect((await list()).map((draft) => draft.path)).toEqual([report]);
	});

	it("refuses --list with a deliverable or a decision", async () => {
		const result = await runCli("review", "--vault", vault.root, "--list", "--approve", "x.md");
		expect(result.code).toBe(2);
		expect(result.stderr).toBe("coworker: review --list takes no DELIVERABLE, --approve or --feedback: it only lists the drafts waiting.\n");
	});
});

describe("coworker bases", () => {
	it("writes Coworker/Review.base as the app's Review queue command does, once", async () => {
		const first = await runCli("bases", "--vault", vault.root);
		expect(first.code, first.stderr).toBe(0);
		expect(first.stdout).toBe("Wrote Coworker/Review.base; open it in Obsidian (Bases core plugin) for the review queue.\n");
		expect(await readFile(join(vault.root, "Coworker/Review.base"), "utf8")).toBe(REVIEW_BASE);
	});

	it("never overwrites an existing base, and says so", async () => {
		await vault.write("Coworker/Review.base", "views: []\n# mine\n");
		const result = await runCli("bases", "--vault", vault.root, "--json");
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toEqual({ path: "Coworker/Review.base", written: false });
		expect(await readFile(join(vault.root, "Coworker/Review.base"), "utf8")).toBe("views: []\n# mine\n");
		expect((await runCli("bases", "--vault", vault.root)).stdout).toBe("Coworker/Review.base already exists; it is left as it is.\n");
	});
});
