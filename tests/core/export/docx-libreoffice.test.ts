import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { exportDocx } from "../../../src/core/export/docx-export";
import { chartImages, EVERY_BLOCK, PROVENANCE } from "../../helpers/every-block-document";

const run = promisify(execFile);
const soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((path) => existsSync(path));

let out: string;
beforeEach(async () => {
	out = await mkdtemp(join(tmpdir(), "coworker-docx-"));
});
afterEach(() => rm(out, { recursive: true, force: true }));

/** LibreOffice opens the file headlessly and converts it: what it reads is what a reader of the file sees. */
async function convert(file: string, to: string): Promise<string> {
	await run(soffice ?? "soffice", [`-env:UserInstallation=file://${join(out, "profile")}`, "--headless", "--convert-to", to, "--outdir", out, file], { timeout: 120_000 });
	return readFile(join(out, `every.${to.split(":")[0] ?? to}`), "utf8");
}

describe.skipIf(!soffice)("a Word export opened by LibreOffice (skipped: soffice is not installed; CI installs it)", () => {
	it("reads every kind of block as what it is: headings, lists restarting (one from 4), a table with a header, a link, the pictures", { timeout: 240_000 }, async () => {
		const file = join(out, "every.docx");
		await writeFile(file, await exportDocx({ blocks: EVERY_BLOCK, provenance: PROVENANCE }, await chartImages(400, 300)));

		const text = await convert(file, "txt:Text");
		expect(text).toContain("Q3 & Q4 <review>");
		expect(text).toMatch(/Plain, bold and gone then npm i and the price list\r?\nsecond line/);
		expect(text).toMatch(/• Pricing\r?\n\s+a\. Nested step\r?\n\s+• Timing/);
		expect(text).toMatch(/1\. Send the offer\r?\n\s+2\. Book the call\r?\nThen, separately:\r?\n\s+4\. Sign/);
		expect(text).toMatch(/if \(a < b && c > d\) \{\r?\n\treturn;\r?\n\}/);
		expect(text).toContain("Notes: Mention the budget first.");

		const html = await convert(file, "html");
		for (const [level, heading] of ["Q3 &amp; Q4 &lt;review&gt;", "Risks", "Steps", "Level four", "Level five", "Level six"].entries()) {
			expect(html).toMatch(new RegExp(`<h${level + 1}[^>]*>(?:<[^>]+>|\\s)*${heading}`));
		}
		expect(html).toMatch(/<thead>.*Client.*<\/thead>.*Globex/s);
		expect(html).toContain('<a href="https://example.com/prices?a=1&amp;b=2">');
		expect(html.match(/<img [^>]*width="400" height="300"/g)).toHaveLength(2);
		expect(html).toMatch(/border-bottom: 1px solid #000000/);
	});
});
