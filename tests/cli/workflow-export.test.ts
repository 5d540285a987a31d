/** A workflow's `export:` from the command line: the office file with each run, a failed export only a warning, a bad value a problem. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { runCli } from "../helpers/run-cli";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { writeModelSettings } from "../helpers/plugin-settings";
import { officeParts } from "../helpers/office-deliverables";

let vault: TempVault;
let server: FakeModelServer;

const workflowNote = (exportValue: string): string =>
	`---\ncoworker: workflow\nformat: report\noutput: "Reports/{{workflow}} {{date}}.md"\nexport: ${exportValue}\nsources:\n  - "[[Project Alpha]]"\n---\nWrite a short status update.\n`;

beforeEach(async () => {
	vault = await createTempVault({ "Projects/Project Alpha.md": "# Project Alpha\n\n## Risks\n- The design review slipped." });
	server = await startFakeModelServer({ models: ["test-model"] });
	await writeModelSettings(vault.root, server, { requestTimeoutSeconds: 5 });
});

afterEach(async () => {
	await server.close();
	await vault.cleanup();
});

describe("a workflow with export:", () => {
	it("writes the .docx with each run, lists it in the note's exports and the run's files", async () => {
		await vault.write("Workflows/Weekly status.md", workflowNote("[docx]"));
		server.enqueue({ kind: "reply", text: "# Status\n\n## Risks\n\nThe design review slipped, see [[Project Alpha]]." });
		const result = await runCli("run", "--vault", vault.root, "--now", "2026-11-23T09:00:00+01:00", "Workflows/Weekly status.md");
		expect(result.stderr).toBe("");
		expect(result.code).toBe(0);
		const files = (await readdir(join(vault.root, "Reports"))).sort();
		expect(files).toEqual(["Weekly status 2026-11-23.docx", "Weekly status 2026-11-23.md"]);
		expect((await officeParts(join(vault.root, "Reports/Weekly status 2026-11-23.docx")))["word/document.xml"]).toMatch(/<w:pStyle w:val="Heading2"\/>.*?Risks/);
		expect(await readFile(join(vault.root, "Reports/Weekly status 2026-11-23.md"), "utf8")).toContain('exports:\n  - "[[Weekly status 2026-11-23.docx]]"\n');
		const records = await readdir(join(vault.root, ".obsidian/plugins/ai-coworker/runs"));
		const record = JSON.parse(await readFile(join(vault.root, ".obsidian/plugins/ai-coworker/runs", records[0] ?? ""), "utf8")) as { files: string[] };
		expect(record.files).toEqual(["Reports/Weekly status 2026-11-23.md", "Reports/Weekly status 2026-11-23.docx"]);
	});

	it("leaves the note written when the export fails, and says so in one sentence", async () => {
		await vault.write("Workflows/Weekly status.md", workflowNote("[docx]"));
		// A file named like an image that is none (a broken sync, a renamed download): the exporter refuses it.
		await vault.write("Attachments/chart.png", "not an image");
		server.enqueue({ kind: "reply", text: "# Status\n\n![[chart.png]]" });
		const result = await runCli("run", "--vault", vault.root, "--now", "2026-11-23T09:00:00+01:00", "Workflows/Weekly status.md");
		expect(result.code).toBe(0);
		expect(await readdir(join(vault.root, "Reports"))).toEqual(["Weekly status 2026-11-23.md"]);
		expect(await readFile(join(vault.root, "Reports/Weekly status 2026-11-23.md"), "utf8")).not.toContain("exports:");
		// The run succeeded (the note is the deliverable); its record says why there is no copy.
		const records = await readdir(join(vault.root, ".obsidian/plugins/ai-coworker/runs"));
		const record = JSON.parse(await readFile(join(vault.root, ".obsidian/plugins/ai-coworker/runs", records[0] ?? ""), "utf8")) as { status: string; warnings: string[]; files: string[] };
		expect(record.status).toBe("ok");
		expect(record.files).toEqual(["Reports/Weekly status 2026-11-23.md"]);
		expect(record.warnings).toContain(
			"The note is written, but its export failed: Reports/Weekly status 2026-11-23.md: the embedded image ![[chart.png]] is not a readable PNG, JPEG or GIF file; nothing was exported.",
		);
	});

	it("names the field when a value does not fit the workflow's format", async () => {
		await vault.write("Workflows/Weekly status.md", workflowNote("[docx, pptx]"));
		const result = await runCli("workflows", "--vault", vault.root, "--json", "--now", "2026-11-23T09:00:00+01:00");
		expect(result.stdout).toContain('Workflows/Weekly status.md: export[2] is \\"pptx\\"; a report exports to docx or xlsx.');
	});
});
