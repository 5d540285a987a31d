import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { copyExampleVault, type TempVault } from "../helpers/temp-vault";
import { runCli } from "../helpers/run-cli";
import { REPORT, SLIDES, TABLE, writeDeliverables } from "../helpers/office-deliverables";

const run = promisify(execFile);
const soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((path) => existsSync(path));

let vault: TempVault;
let out: string;
beforeEach(async () => {
	vault = await copyExampleVault();
	await writeDeliverables(vault);
	out = await mkdtemp(join(tmpdir(), "coworker-soffice-"));
});
afterEach(async () => {
	await vault.cleanup();
	await rm(out, { recursive: true, force: true });
});

/** LibreOffice opens each export headlessly and converts it; its text is what a reader would see. */
async function convert(file: string, to: string): Promise<string> {
	const profile = `file://${join(out, "profile")}`;
	await run(soffice ?? "soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", to, "--outdir", out, file], { timeout: 120_000 });
	const name = file.slice(file.lastIndexOf("/") + 1).replace(/\.\w+$/, "");
	return readFile(join(out, `${name}.${to.split(":")[0] ?? to}`), "utf8");
}

describe.skipIf(!soffice)("exports opened by LibreOffice (skipped: soffice is not installed; CI installs it)", () => {
	it("converts the .docx, .pptx and .xlsx with their text intact", { timeout: 240_000 }, async () => {
		for (const note of [REPORT, SLIDES, TABLE]) expect((await runCli("export", "--vault", vault.root, note)).code).toBe(0);
		const report = await convert(join(vault.root, REPORT.replace(/\.md$/, ".docx")), "txt:Text");
		expect(report).toContain("Acme renewal status");
		expect(report).toContain("Globex");
		const table = await convert(join(vault.root, TABLE.replace(/\.md$/, ".xlsx")), "csv");
		expect(table).toMatch(/Initech, GmbH/);
		expect(table).toMatch(/12400/);
		const deck = await convert(join(vault.root, SLIDES.replace(/\.md$/, ".pptx")), "pdf");
		expect(deck.startsWith("%PDF")).toBe(true);
		if (existsSync("/usr/bin/pdftotext")) {
			const { stdout } = await run("/usr/bin/pdftotext", [join(out, `${SLIDES.slice(SLIDES.lastIndexOf("/") + 1).replace(/\.md$/, "")}.pdf`), "-"]);
			expect(stdout).toContain("Goals");
			expect(stdout).toMatch(/Ship the pipeline by\s+December/);
			// The Timeline slide's table: its cells survive.
			for (const cell of ["Milestone", "Month", "Pilot", "January"]) expect(stdout).toContain(cell);
		}
	});
});
