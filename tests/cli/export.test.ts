import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { copyExampleVault, type TempVault } from "../helpers/temp-vault";
import { runBuiltCli, runCli } from "../helpers/run-cli";
import { snapshotVault } from "../helpers/vault-snapshot";
import { mediaParts, officeParts, REPORT, SLIDES, TABLE, writeDeliverables } from "../helpers/office-deliverables";

let vault: TempVault;
beforeEach(async () => {
	vault = await copyExampleVault();
	await writeDeliverables(vault);
});
afterEach(() => vault.cleanup());

const full = (path: string): string => join(vault.root, path);

describe("coworker export", () => {
	it("writes a report as .docx beside it: Word headings, a real table, a hyperlink, list numbering, the image, provenance as properties", async () => {
		const before = await readFile(full(REPORT), "utf8");
		const result = await runCli("export", "--vault", vault.root, REPORT);
		expect(result.stderr).toBe("");
		expect(result.code).toBe(0);
		const docx = REPORT.replace(/\.md$/, ".docx");
		expect(result.stdout.trim()).toBe(`Exported: ${docx}`);
		const parts = await officeParts(full(docx));
		const body = parts["word/document.xml"] ?? "";
		expect(body).toMatch(/<w:pStyle w:val="Heading1"\/>.*?Acme renewal status/);
		expect(body).toMatch(/<w:pStyle w:val="Heading2"\/>.*?Risks/);
		expect(body).toMatch(/<w:tbl>.*<w:t[^>]*>Globex<\/w:t>.*<w:t[^>]*>7800<\/w:t>.*<\/w:tbl>/s);
		// Whatever form the relationship id takes, it must name the address in the document's relationships.
		expect(body).toMatch(/<w:hyperlink [^>]*r:id="([^"]+)"/);
		const linkId = (/<w:hyperlink [^>]*r:id="([^"]+)"/.exec(body)?.[1] ?? "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
		expect(parts["word/_rels/document.xml.rels"]).toMatch(new RegExp(`Id="${linkId}"[^>]*Target="https://example.com/pricing"|Target="https://example.com/pricing"[^>]*Id="${linkId}"`));
		// A wikilink reads as the note's title; bold and the list survive.
		expect(body).toContain(">Acme Corp<");
		expect(body).not.toContain("[[");
		expect(body).toMatch(/<w:b\/>.*?on track/);
		expect(body).toMatch(/<w:numPr>/);
		expect(await mediaParts(full(docx))).toEqual([expect.stringMatching(/^word\/media\/.+\.png$/)]);
		expect(parts["docProps/core.xml"]).toContain("Write the report");
		expect(parts["docProps/custom.xml"]).toContain("test-model");
		expect(parts["docProps/custom.xml"]).toContain("Acme Corp");
		// Only the exports property is new in the note.
		const after = await readFile(full(REPORT), "utf8");
		expect(after).toContain(`exports:\n  - "[[2026-11-24 Acme renewal status.docx]]"\n`);
		expect(after.replace(/exports:\n {2}- "\[\[[^\]]+\]\]"\n/, "")).toBe(before);
	});

	it("writes slides as .pptx: a slide per section, titles in placeholders, speaker notes, the Sources slide last", async () => {
		const result = await runCli("export", "--vault", vault.root, "--json", SLIDES);
		expect(result.code).toBe(0);
		const pptx = SLIDES.replace(/\.md$/, ".pptx");
		expect(JSON.parse(result.stdout)).toMatchObject({ status: "ok", files: [pptx] });
		const parts = await officeParts(full(pptx));
		const slides = Object.keys(parts).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name));
		expect(slides).toHaveLength(4);
		const slide = (n: number): string => parts[`ppt/slides/slide${n}.xml`] ?? "";
		expect(slide(1)).toContain("Project Alpha kickoff");
		expect(slide(2)).toMatch(/<p:ph\s[^>]*type="title"[^>]*\/>.*<a:t>Goals<\/a:t>/s);
		expect(slide(2)).toMatch(/<p:ph\s[^>]*type="body"[^>]*\/>.*Ship the pipeline/s);
		expect(slide(2)).toContain("December");
		// One paragraph per bullet, its level once, at its start (PowerPoint repairs a file with properties mid-paragraph);
		// the bullet itself comes from the master's body style, so a theme restyles it.
		expect(slide(2)).toMatch(/<a:p><a:pPr lvl="0"\/><a:r>(?:(?!<a:pPr).)*December<\/a:t><\/a:r><\/a:p>/s);
		// A table and an image share the Timeline slide with its bullets.
		expect(slide(3)).toMatch(/<a:tbl>.*<a:t>Milestone<\/a:t>.*<a:t>Pilot<\/a:t>.*<\/a:tbl>/s);
		expect(slide(3)).toMatch(/<p:pic>.*<a:blip r:embed="rId\d+"\/>.*<\/p:pic>/s);
		expect(await mediaParts(full(pptx))).toEqual(["ppt/media/image1.png"]);
		expect(slide(4)).toContain("<a:t>Sources</a:t>");
		const notes = Object.entries(parts).filter(([name]) => /notesSlide\d+\.xml$/.test(name)).map(([, xml]) => xml);
		expect(notes.some((xml) => xml.includes("Mention the budget first."))).toBe(true);
	});

	it("writes a table as .xlsx from its CSV: typed numbers and dates, the header bold and frozen, a Sources sheet", async () => {
		const result = await runBuiltCli("export", "--vault", vault.root, TABLE);
		expect(result.stderr).toBe("");
		expect(result.code).toBe(0);
		const parts = await officeParts(full(TABLE.replace(/\.md$/, ".xlsx")));
		const sheet = parts["xl/worksheets/sheet1.xml"] ?? "";
		// 12400 typed as a number: no t="s" (shared string) on its cell, the value itself in <v>.
		expect(sheet).toMatch(/<c r="C2"(?: s="\d+")?(?: t="n")?><v>12400<\/v><\/c>/);
		// The dates are numbers with a date format: 2026-08-03 is serial 46237.
		expect(sheet).toMatch(/<c r="E2" s="\d+"(?: t="n")?><v>46237<\/v><\/c>/);
		expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
		expect(sheet).toMatch(/<col [^>]*width=/);
		expect(parts["xl/workbook.xml"]).toMatch(/<sheet [^>]*name="Table".*<sheet [^>]*name="Sources"/s);
		expect(parts["xl/styles.xml"]).toMatch(/<b\/>/);
		const strings = parts["xl/sharedStrings.xml"] ?? "";
		expect(strings).toContain("Initech, GmbH");
		expect(strings).toContain("test-model");
	});

	it("numbers a second export instead of replacing the first, and --to picks another format that fits", async () => {
		expect((await runCli("export", "--vault", vault.root, REPORT)).code).toBe(0);
		const again = await runCli("export", "--vault", vault.root, "--to", "docx,xlsx", REPORT);
		expect(again.code).toBe(0);
		const stem = REPORT.replace(/\.md$/, "");
		expect(again.stdout).toBe(`Exported: ${stem} 2.docx\nExported: ${stem}.xlsx\n`);
		const parts = await officeParts(full(`${stem}.xlsx`));
		expect(parts["xl/worksheets/sheet1.xml"]).toMatch(/<v>12400<\/v>/);
		const note = await readFile(full(REPORT), "utf8");
		expect(note).toContain('exports:\n  - "[[2026-11-24 Acme renewal status.docx]]"\n  - "[[2026-11-24 Acme renewal status 2.docx]]"\n  - "[[2026-11-24 Acme renewal status.xlsx]]"\n');
	});

	it("says in one sentence why bad input is refused, and leaves the vault as it was", async () => {
		await rm(full(TABLE.replace(/\.md$/, ".csv")));
		const cases: [string[], RegExp][] = [
			[["Clients/Acme Corp.md"], /^coworker: Clients\/Acme Corp\.md is not a deliverable \(its properties do not say coworker: deliverable\); nothing was exported\.\n$/],
			[[TABLE], /^coworker: Coworker\/Deliverables\/2026-11-24 Q3 revenue\.md: its table .*Q3 revenue\.csv is gone or cannot be read; nothing was exported\.\n$/],
			[["--to", "pptx", "Coworker/Deliverables/2026-11-24 Acme renewal status.md"], /^coworker: .* is a report; it exports to docx or xlsx, not pptx\.\n$/],
		];
		await rm(full("Attachments/chart.png"));
		cases.push([[REPORT], /^coworker: .*Acme renewal status\.md: the embedded image !\[\[chart\.png\]\] is not a PNG, JPEG or GIF file in the vault; nothing was exported\.\n$/]);
		const before = await snapshotVault(vault.root);
		for (const [args, message] of cases) {
			const result = await runCli("export", "--vault", vault.root, ...args);
			expect(result.code, args.join(" ")).toBe(1);
			expect(result.stderr).toMatch(message);
		}
		expect(await snapshotVault(vault.root)).toEqual(before);
		const usage = await runCli("export", "--vault", vault.root, "--to", "pdf", REPORT);
		expect(usage.code).toBe(2);
		expect(usage.stderr).toBe('coworker: --to must be docx, pptx, xlsx or all (got "pdf").\n');
		await expect(stat(full(REPORT.replace(/\.md$/, ".docx")))).rejects.toThrow();
	});
});
