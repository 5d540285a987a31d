/** Help per command, "did you mean" for typos, flags that exclude each other, and paths that must exist as typed. */
import { afterEach, describe, expect, it } from "vitest";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { runBuiltCli, runCli } from "../helpers/run-cli";
import { COMMANDS } from "../../src/cli/help";

let vault: TempVault | undefined;
afterEach(async () => {
	await vault?.cleanup();
	vault = undefined;
});

describe("coworker help", () => {
	it("lists every command with one line for coworker --help", async () => {
		const result = await runCli("--help");
		expect(result.code).toBe(0);
		for (const command of ["index", "search", "delegate", "workflows", "run", "review", "bases", "tools"]) expect(result.stdout).toMatch(new RegExp(`^  ${command} +\\S`, "m"));
		expect(result.stdout).not.toContain("--feedback");
	});

	it.each(COMMANDS.map((command) => [command.name]))("shows %s's own usage, flags and example for --help and help <command>", async (name) => {
		const viaFlag = await runCli(name, "--help");
		const viaHelp = await runCli("help", name);
		expect(viaFlag.code).toBe(0);
		expect(viaHelp.stdout).toBe(viaFlag.stdout);
		expect(viaFlag.stdout).toMatch(new RegExp(`^Usage: coworker ${name} --vault DIR`));
		expect(viaFlag.stdout).toMatch(new RegExp(`^Example:\\n  coworker ${name} `, "m"));
		expect(viaFlag.stdout).toMatch(/^ {2}--vault DIR +the Obsidian vault folder/m);
	});

	it("shows only the flags a command takes", async () => {
		const review = (await runCli("review", "-h")).stdout;
		expect(review).toMatch(/^ {2}--feedback TEXT +set status: changes-requested/m);
		expect(review).toMatch(/^ {2}--list +list the drafts waiting/m);
		const search = (await runCli("search", "--help")).stdout;
		expect(search).toMatch(/^ {2}--limit N +/m);
		expect(search).not.toContain("--feedback");
		expect(search).not.toContain("--timeout");
		expect((await runCli("delegate", "--help")).stdout).toMatch(/^ {2}--timeout SECONDS +how long a model call may wait/m);
	});

	it("works in the built binary too", async () => {
		const result = await runBuiltCli("run", "--help");
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^ {2}--due +run every workflow occurrence that is due/m);
	});
});

describe("did you mean", () => {
	it.each([
		[["revew", "--vault", "."], 'coworker: Unknown command "revew"; did you mean review?\n'],
		[["help", "delgate"], 'coworker: Unknown command "delgate"; did you mean delegate?\n'],
		[["launch"], 'coworker: Unknown command "launch"; run coworker --help for the list.\n'],
		[["review", "--vault", ".", "--aprove", "x.md"], "coworker: review takes no flag --aprove; did you mean --approve?\n"],
		[["run", "--vault", ".", "--dry", "--due"], "coworker: run takes no flag --dry; did you mean --dry-run?\n"],
		[["search", "--vault", ".", "--limt=3", "x"], "coworker: search takes no flag --limt; did you mean --limit?\n"],
		[["index", "--vault", ".", "--frobnicate"], "coworker: index takes no flag --frobnicate; run coworker index --help for the flags it takes.\n"],
		// A flag another command takes is still unknown here, and the suggestion comes from this command's flags.
		[["search", "--vault", ".", "--feedback", "x", "y"], "coworker: search takes no flag --feedback; run coworker search --help for the flags it takes.\n"],
	])("exits 2 with one sentence for %j", async (argv, message) => {
		const result = await runCli(...argv);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(message);
		expect(result.stdout).toBe("");
	});
});

describe("review arguments", () => {
	it("says --approve and --feedback exclude each other", async () => {
		const result = await runCli("review", "--vault", ".", "--approve", "--feedback", "shorter", "x.md");
		expect(result.code).toBe(2);
		expect(result.stderr).toBe("coworker: --approve and --feedback exclude each other: approve the deliverable, or send it back with feedback.\n");
	});
});

describe("paths that must exist as typed", () => {
	const files = { "Workflows/Weekly status.md": "---\ncoworker: workflow\n---\nWrite.", "Reports/Status 2026-11-23.md": "---\ncoworker: deliverable\nstatus: draft\n---\nBody" };

	it("refuses a workflow path whose case differs from the file's, naming the real one", async () => {
		vault = await createTempVault(files);
		const result = await runCli("run", "--vault", vault.root, "workflows/weekly status.md");
		expect(result.code).toBe(2);
		expect(result.stderr).toBe("coworker: The workflow note workflows/weekly status.md does not exist in the vault; the closest is Workflows/Weekly status.md.\n");
	});

	it("refuses a missing workflow path, naming the closest, and one with nothing close", async () => {
		vault = await createTempVault(files);
		const close = await runCli("run", "--vault", vault.root, "Workflows/Weekly");
		expect(close.stderr).toBe("coworker: The workflow note Workflows/Weekly does not exist in the vault; the closest is Workflows/Weekly status.md.\n");
		const far = await runCli("run", "--vault", vault.root, "Gardening/Tomatoes.md");
		expect(far.code).toBe(2);
		expect(far.stderr).toBe("coworker: The workflow note Gardening/Tomatoes.md does not exist in the vault.\n");
	});

	it("refuses a wrong-case deliverable and changes nothing", async () => {
		vault = await createTempVault(files);
		const result = await runCli("review", "--vault", vault.root, "--approve", "reports/status 2026-11-23.md");
		expect(result.code).toBe(2);
		expect(result.stderr).toBe("coworker: The deliverable reports/status 2026-11-23.md does not exist in the vault; the closest is Reports/Status 2026-11-23.md.\n");
	});

	it("still accepts the exact path, with or without .md for a workflow", async () => {
		vault = await createTempVault(files);
		const result = await runCli("run", "--vault", vault.root, "--dry-run", "--json", "Workflows/Weekly status");
		expect(result.code, result.stderr).toBe(0);
		expect((JSON.parse(result.stdout) as { runs: { workflow: string }[] }).runs.map((run) => run.workflow)).toEqual(["Workflows/Weekly status.md"]);
	});
});
