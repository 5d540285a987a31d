/** Where a deliverable goes: the template filled in, kept inside the vault, and never on top of an existing file (checked on real files). */
import { afterEach, describe, expect, it } from "vitest";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { createTempVault, type TempVault } from "../../helpers/temp-vault";
import { NodeVaultWriter } from "../../../src/cli/node-vault-writer";
import { checkOutputTemplate, firstFreePath, outputPathFrom, titleFromGoal, type OutputPathValues } from "../../../src/core/deliverable/output-path";

const VALUES: OutputPathValues = { date: "2026-11-24", title: "Status report", workflow: "Weekly status" };

let vault: TempVault | undefined;

afterEach(async () => {
	await vault?.cleanup();
	vault = undefined;
});

describe("outputPathFrom", () => {
	it("fills the placeholders and adds the extension", () => {
		expect(outputPathFrom("Coworker/Deliverables/{{date}} {{title}}", VALUES, "md")).toEqual({ ok: true, path: "Coworker/Deliverables/2026-11-24 Status report.md" });
		expect(outputPathFrom("Reports/{{workflow}}/{{ date }} {{title}}", VALUES, "md")).toEqual({ ok: true, path: "Reports/Weekly status/2026-11-24 Status report.md" });
		expect(outputPathFrom("{{title}}", VALUES, "csv")).toEqual({ ok: true, path: "Status report.csv" });
	});

	it("does not double an .md the template already has, and tidies the slashes", () => {
		expect(outputPathFrom("/Reports//{{title}}.md", VALUES, "md")).toEqual({ ok: true, path: "Reports/Status report.md" });
		expect(outputPathFrom("Reports\\{{title}}", VALUES, "md")).toEqual({ ok: true, path: "Reports/Status report.md" });
	});

	it("lets an empty workflow placeholder fall away without an empty folder", () => {
		expect(outputPathFrom("Reports/{{workflow}}/{{title}}", { ...VALUES, workflow: "" }, "md")).toEqual({ ok: true, path: "Reports/Status report.md" });
	});

	it("keeps slashes and other unsafe characters in values from making folders or breaking links", () => {
		for (const title of ["a/b/c", "../../etc/passwd", "..\\..\\boot", "Q3: revenue [draft] #1 | a^b?*<>\""]) {
			const result = outputPathFrom("Reports/{{title}}", { ...VALUES, title }, "md");
			expect(result.ok, title).toBe(true);
			if (!result.ok) continue;
			expect(result.path.split("/"), title).toHaveLength(2);
			expect(result.path).toMatch(/^Reports\/[^/\\:*?"<>|#^[\]]+\.md$/);
			expect(result.path.split("/")).not.toContain("..");
		}
		expect(outputPathFrom("Reports/{{title}}", { ...VALUES, title: "a/b/c" }, "md")).toEqual({ ok: true, path: "Reports/a b c.md" });
		expect(outputPathFrom("Reports/{{title}}", { ...VALUES, title: "Q3: revenue [draft] #1" }, "md")).toEqual({ ok: true, path: "Reports/Q3 revenue draft 1.md" });
	});

	it("does not let a value make a hidden file", () => {
		expect(outputPathFrom("Reports/{{title}}", { ...VALUES, title: "...secret" }, "md")).toEqual({ ok: true, path: "Reports/secret.md" });
	});

	it("caps a long value", () => {
		const result = outputPathFrom("R/{{title}}", { ...VALUES, title: "word ".repeat(100) }, "md");
		expect(result.ok && result.path.length).toBeLessThanOrEqual("R/".length + 120 + ".md".length);
	});

	it("refuses a template that leaves the vault or points into a hidden folder", () => {
		expect(outputPathFrom("../Out/{{title}}", VALUES, "md")).toEqual({ ok: false, error: 'output: "../Out/{{title}}" would leave the vault.' });
		expect(outputPathFrom("Reports/../../{{title}}", VALUES, "md").ok).toBe(false);
		expect(outputPathFrom("C:/Reports/{{title}}", VALUES, "md").ok).toBe(false);
		expect(outputPathFrom(".obsidian/{{title}}", VALUES, "md")).toEqual({ ok: false, error: 'output: ".obsidian/{{title}}" points into a hidden folder.' });
	});

	it("reports an unknown placeholder naming the field, before filling anything in", () => {
		expect(outputPathFrom("Reports/{{tittle}}", VALUES, "md", "fileNameTemplate")).toEqual({
			ok: false,
			error: "fileNameTemplate: {{tittle}} is not a placeholder; use {{date}}, {{title}} or {{workflow}}.",
		});
		expect(checkOutputTemplate("Reports/{{date}} {{title", "Workflow output")).toBe('Workflow output: "Reports/{{date}} {{title" has an unclosed {{ }} placeholder.');
		expect(checkOutputTemplate("Reports/date}}", "output")).toBe('output: "Reports/date}}" has an unclosed {{ }} placeholder.');
		expect(checkOutputTemplate("Reports/{{date}} {{title}}", "output")).toBeNull();
	});

	it("names the file Deliverable when the whole name comes out empty", () => {
		expect(outputPathFrom("{{workflow}}", { ...VALUES, workflow: "" }, "md")).toEqual({ ok: true, path: "Deliverable.md" });
	});

	// Regression test (a bug found and fixed while issue 3 was built): the fallback name "Deliverable" is meant for a file name that comes out empty, but vaultPathOf drops the
	// trailing slash first, so "Reports/{{title}}" with an empty title becomes "Reports.md": the folder turns into the
	// file name and the deliverable lands one level up.
	it("names the file Deliverable, inside the folder, when the placeholders come out empty", () => {
		expect(outputPathFrom("Reports/{{title}}", { ...VALUES, title: "" }, "md")).toEqual({ ok: true, path: "Reports/Deliverable.md" });
	});
});

describe("firstFreePath", () => {
	it("returns the path itself when nothing is there", async () => {
		vault = await createTempVault();
		const writer = new NodeVaultWriter(vault.root);
		expect(await firstFreePath("Out/Report.md", (path) => writer.exists(path))).toBe("Out/Report.md");
	});

	it("adds \" 2\", \" 3\" as Obsidian names copies, counting folders as taken", async () => {
		vault = await createTempVault({ "Out/Report.md": "1", "Out/Report 2.md": "2" });
		await mkdir(join(vault.root, "Out", "Report 3.md"));
		const writer = new NodeVaultWriter(vault.root);
		expect(await firstFreePath("Out/Report.md", (path) => writer.exists(path))).toBe("Out/Report 4.md");
	});

	it("checks the companions too, so a table's note and CSV share a free stem", async () => {
		vault = await createTempVault({ "Out/Table.csv": "a,b", "Out/Table 2.md": "note" });
		const writer = new NodeVaultWriter(vault.root);
		const seen: string[] = [];
		const exists = (path: string): Promise<boolean> => {
			seen.push(path);
			return writer.exists(path);
		};
		expect(await firstFreePath("Out/Table.md", exists, (path) => [path.replace(/\.md$/, ".csv")])).toBe("Out/Table 3.md");
		expect(seen).toEqual(["Out/Table.md", "Out/Table.csv", "Out/Table 2.md", "Out/Table 2.csv", "Out/Table 3.md", "Out/Table 3.csv"]);
	});

	it("keeps dots in folder names out of the stem", async () => {
		vault = await createTempVault({ "v1.2/Notes.md": "x" });
		const writer = new NodeVaultWriter(vault.root);
		expect(await firstFreePath("v1.2/Notes.md", (path) => writer.exists(path))).toBe("v1.2/Notes 2.md");
	});
});

describe("titleFromGoal", () => {
	it("takes the goal's first sentence or line", () => {
		expect(titleFromGoal("Write a status report on the Acme renewal")).toBe("Write a status report on the Acme renewal");
		expect(titleFromGoal("Summarise Q3 revenue. Keep it short! Thanks")).toBe("Summarise Q3 revenue");
		expect(titleFromGoal("  Brief me on renewal risk?\nUse the memory.")).toBe("Brief me on renewal risk");
		expect(titleFromGoal("Compare v2.0 and v2.1 of the release")).toBe("Compare v2.0 and v2.1 of the release");
	});

	it("drops characters a file name cannot hold", () => {
		expect(titleFromGoal("Plan: a/b [draft] #3?")).toBe("Plan a b draft 3");
		expect(titleFromGoal("...hidden")).toBe("hidden");
	});

	it("cuts a long goal at a word, to at most 60 characters", () => {
		const title = titleFromGoal("Write a thorough report on every decision the team made about the Acme renewal this quarter");
		expect(title.length).toBeLessThanOrEqual(60);
		expect(title).toBe("Write a thorough report on every decision the team made");
		expect(titleFromGoal("x".repeat(100))).toBe("x".repeat(60));
	});

	it("falls back to Deliverable when nothing usable is left", () => {
		expect(titleFromGoal("")).toBe("Deliverable");
		expect(titleFromGoal("???")).toBe("Deliverable");
		expect(titleFromGoal("[]/|")).toBe("Deliverable");
	});
});
