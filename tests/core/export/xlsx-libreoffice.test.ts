import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { exportXlsx } from "../../../src/core/export/xlsx-export";
import { hostInZone } from "../../helpers/host-zone";

const run = promisify(execFile);
const soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((path) => existsSync(path));

let out: string;
beforeEach(async () => {
	out = await mkdtemp(join(tmpdir(), "coworker-xlsx-"));
});
afterEach(() => rm(out, { recursive: true, force: true }));

/**
 * Every sheet as LibreOffice shows it, through its CSV filter: comma, double quote, UTF-8, "save cell contents
 * as shown" (so dates come out in their number format) and sheet -1 (each sheet to its own file, name-Sheet.csv).
 */
async function sheetsAsShown(bytes: Uint8Array): Promise<Record<string, string>> {
	await writeFile(join(out, "book.xlsx"), bytes);
	const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";
	await run(soffice ?? "soffice", [`-env:UserInstallation=file://${join(out, "profile")}`, "--headless", "--convert-to", filter, "--outdir", out, join(out, "book.xlsx")], { timeout: 120_000 });
	const sheets: Record<string, string> = {};
	for (const name of ["Q3 revenue", "Sources"]) sheets[name] = await readFile(join(out, `book-${name}.csv`), "utf8");
	return sheets;
}

describe.skipIf(!soffice)("the .xlsx opened by LibreOffice (skipped: soffice is not installed; CI installs it)", () => {
	it("shows numbers, dates and clock times as the note wrote them, even on a host in another time zone", { timeout: 240_000 }, async () => {
		hostInZone("Pacific/Auckland");
		const bytes = await exportXlsx(
			[
				{
					name: "Q3: revenue",
					header: ["month", "client", "revenue_eur", "reviewed", "logged", "zip"],
					rows: [
						["2026-07", 'Initech, "GmbH"', "12,400", "2026-08-03", "2026-08-03T12:30", "00501"],
						["2026-09", "Acme & <Co>", "0.5", "2026-09-27", "2026-09-27 02:30:15+13:00", "_x0041_"],
					],
				},
			],
			{ title: "Q3", format: "table", goal: "Sum Q3", model: "test-model", created: "2026-11-24T09:00:00+01:00", workflow: null, sources: ["Acme Corp"] },
		);
		const sheets = await sheetsAsShown(bytes);
		expect(sheets["Q3 revenue"]?.trim().split("\n")).toEqual([
			"month,client,revenue_eur,reviewed,logged,zip",
			'2026-07,"Initech, ""GmbH""",12400,2026-08-03,2026-08-03 12:30,00501',
			"2026-09,Acme & <Co>,0.5,2026-09-27,2026-09-27 02:30:15,_x0041_",
		]);
		expect(sheets.Sources?.trim().split("\n")).toEqual(["Property,Value", "Title,Q3", "Goal,Sum Q3", "Model,test-model", "Created,2026-11-24T09:00:00+01:00", "Source,Acme Corp"]);
	});
});
