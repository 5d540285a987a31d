/** Review's writes on real files: approval keeps YAML valid and the file's mode or changes nothing; parallel feedback keeps every lesson. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chmod, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import YAML from "yaml";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { REVIEW_VAULT_FILES } from "../helpers/review-vault";
import { runBuiltCli, runCli } from "../helpers/run-cli";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { writeModelSettings } from "../helpers/plugin-settings";

let vault: TempVault;

beforeEach(async () => {
	vault = await createTempVault({ ...REVIEW_VAULT_FILES });
});

afterEach(async () => {
	await vault.cleanup();
});

const read = (path: string): Promise<string> => readFile(join(vault.root, path), "utf8");
const propertiesOf = (text: string): Record<string, unknown> => YAML.parse(/^\uFEFF?---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? "") as Record<string, unknown>;

describe("coworker review --approve on every frontmatter shape", () => {
	const shapes: Record<string, string> = {
		"quoted keys": `"coworker": deliverable\n'status': draft\nformat: report`,
		"an inline comment": `coworker: deliverable\nstatus: draft # the coworker sets this\nformat: report`,
		"an anchor on status": `coworker: deliverable\nstatus: &s draft\nformat: report`,
		"a ... end marker": `coworker: deliverable\nstatus: draft\nformat: report\n...`,
	};
	for (const [shape, yaml] of Object.entries(shapes)) {
		it(`keeps ${shape} valid YAML with status approved`, async () => {
			await vault.write("Reports/Memo.md", `---\n${yaml}\n---\n# Memo\n\nText.\n`);
			const result = await runCli("review", "--vault", vault.root, "--approve", "Reports/Memo.md");
			expect(result.code, result.stderr).toBe(0);
			const after = await read("Reports/Memo.md");
			expect(propertiesOf(after)).toMatchObject({ coworker: "deliverable", status: "approved", format: "report" });
			expect(after.endsWith("---\n# Memo\n\nText.\n")).toBe(true);
		});
	}

	it("refuses a shape it cannot edit in place, says so naming the note, and changes nothing", async () => {
		const before = `---\ncoworker: deliverable\nstatus: &s draft\nlast: *s\n---\n# Memo\n`;
		await vault.write("Reports/Memo.md", before);
		const result = await runCli("review", "--vault", vault.root, "--approve", "Reports/Memo.md");
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/Reports\/Memo\.md was not changed: .*cannot be edited in place safely.*last/);
		expect(await read("Reports/Memo.md")).toBe(before);
		expect((await readdir(join(vault.root, "Reports"))).sort()).toEqual(["Memo.md"]);
	});

	it("keeps the note's file mode", async () => {
		await vault.write("Reports/Memo.md", `---\ncoworker: deliverable\nstatus: draft\n---\n# Memo\n`);
		await chmod(join(vault.root, "Reports/Memo.md"), 0o640);
		const result = await runCli("review", "--vault", vault.root, "--approve", "Reports/Memo.md");
		expect(result.code, result.stderr).toBe(0);
		expect(propertiesOf(await read("Reports/Memo.md")).status).toBe("approved");
		expect((await stat(join(vault.root, "Reports/Memo.md"))).mode & 0o777).toBe(0o640);
	});
});

describe("parallel reviews", () => {
	let server: FakeModelServer;
	beforeEach(async () => {
		server = await startFakeModelServer({ models: ["test-model"] });
		server.setDefault({ kind: "reply", text: "# Status\n\nAll well, see [[Project Alpha]]." });
		await writeModelSettings(vault.root, server);
	});
	afterEach(async () => {
		await server.close();
	});

	it("50 concurrent review --feedback processes on one workflow keep 50 lessons", { timeout: 180_000 }, async () => {
		// The first sighting of a workflow starts its schedule; the next Monday's occurrence is then due.
		expect((await runCli("run", "--vault", vault.root, "--due", "--json", "--now", "2026-11-01T09:00:00Z")).code).toBe(0);
		const run = await runCli("run", "--vault", vault.root, "--due", "--json", "--now", "2026-11-02T09:01:00Z");
		const deliverable = (JSON.parse(run.stdout) as { runs: { deliverable: string }[] }).runs[0]?.deliverable ?? "";
		expect(deliverable, run.stdout + run.stderr).not.toBe("");
		const results = await Promise.all(Array.from({ length: 50 }, (_, i) => runBuiltCli("review", "--vault", vault.root, "--feedback", `lesson-marker-${i}`, deliverable)));
		for (const result of results) expect(result.code, result.stderr).toBe(0);
		const workflow = await read("Workflows/Weekly status.md");
		const kept = Array.from({ length: 50 }, (_, i) => i).filter((i) => workflow.includes(`lesson-marker-${i} `));
		expect(kept).toHaveLength(50);
		expect(workflow).toContain("- Keep it short.");
		expect((await readdir(join(vault.root, "Workflows"))).sort()).toEqual(["Weekly status.md"]);
	});
});

describe("a review when the index cache cannot be saved", () => {
	it("approves and takes feedback anyway, with a warning: the cache is a convenience, not the command's job", async () => {
		await vault.write("Reports/Memo.md", "---\ncoworker: deliverable\nstatus: draft\nformat: report\n---\n# Memo\n\nText.\n");
		// A folder where the cache's head file goes: every save fails at its last step, as on a full or broken disk.
		await vault.write(".obsidian/plugins/ai-coworker/index-cache.json/blocked", "");
		const approved = await runCli("review", "--vault", vault.root, "--approve", "Reports/Memo.md");
		expect(approved.code, approved.stderr).toBe(0);
		expect(approved.stderr).toMatch(/^warning: the index cache could not be saved \(.+\); the next command rebuilds it\.$/m);
		expect(propertiesOf(await read("Reports/Memo.md"))).toMatchObject({ status: "approved" });
		const feedback = await runCli("review", "--vault", vault.root, "--feedback", "Shorter.", "Reports/Memo.md");
		expect(feedback.code, feedback.stderr).toBe(0);
		expect(propertiesOf(await read("Reports/Memo.md"))).toMatchObject({ status: "changes-requested", feedback: "Shorter." });
		// coworker index, whose job the cache is, still fails.
		expect((await runCli("index", "--vault", vault.root)).code).toBe(1);
	});
});
