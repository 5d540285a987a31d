import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { Window } from "happy-dom";
import { excelLimitProblem, exportXlsx, typedCell, type SheetTable } from "../../../src/core/export/xlsx-export";
import type { Provenance } from "../../../src/core/export/export-document";
import { excelSerial } from "../../../src/core/export/ooxml/excel-serial-date";
import { columnLetters } from "../../../src/core/export/ooxml/cell-reference";
import { sheetNames } from "../../../src/core/export/ooxml/sheet-names";
import { escapedXstring } from "../../../src/core/export/ooxml/shared-strings";
import { hostInZone } from "../../helpers/host-zone";
import { xmlProblem } from "../../helpers/strict-xml";

const PROVENANCE: Provenance = {
	title: "Q3 revenue & churn",
	format: "table",
	goal: "Sum Q3 <revenue> per client",
	model: "test-model",
	created: "2026-11-24T09:00:00+01:00",
	workflow: null,
	sources: ["Acme Corp", "Q3 figures.csv"],
};

const TABLE: SheetTable = {
	name: "Q3: revenue/clients",
	header: ["month", "client", "revenue_eur", "reviewed", "logged", "zip", "note"],
	rows: [
		["2026-07", "Acme & Co", "12,400", "2026-08-03", "2026-08-03T12:30", "00501", "  spaced\r\nline"],
		["2026-08", "Initech, GmbH", "5100.5", "2026-09-01", "2026-09-01 23:59:59+13:00", "90210", "_x0041_ is text", "an extra cell"],
	],
};

/** The parts of an .xlsx as text, each checked to be well-formed XML. */
async function workbookParts(tables: readonly SheetTable[]): Promise<Record<string, string>> {
	const files = unzipSync(await exportXlsx(tables, PROVENANCE));
	const parts: Record<string, string> = {};
	for (const [name, bytes] of Object.entries(files)) {
		parts[name] = strFromU8(bytes);
		expect(xmlProblem(parts[name] ?? ""), name).toBeNull();
	}
	return parts;
}

function parse(xml: string | undefined): Document {
	return new new Window().DOMParser().parseFromString(xml ?? "", "application/xml") as unknown as Document;
}

function tags(xml: string | undefined, tag: string): Element[] {
	return Array.from(parse(xml).getElementsByTagName(tag));
}

/** A worksheet's cells by reference: the value as stored, its type attribute and its cellXfs entry. */
function cells(parts: Record<string, string>, sheet: number): Map<string, { v: string; t: string | null; xf: Element | undefined; text: string | undefined }> {
	const strings = tags(parts["xl/sharedStrings.xml"], "si").map((si) => si.textContent);
	const xfs = tags(parts["xl/styles.xml"], "cellXfs").flatMap((list) => Array.from(list.getElementsByTagName("xf")));
	const result = new Map<string, { v: string; t: string | null; xf: Element | undefined; text: string | undefined }>();
	for (const c of tags(parts[`xl/worksheets/sheet${sheet}.xml`], "c")) {
		const v = c.getElementsByTagName("v")[0]?.textContent ?? "";
		result.set(c.getAttribute("r") ?? "", { v, t: c.getAttribute("t"), xf: xfs[Number(c.getAttribute("s") ?? 0)], text: c.getAttribute("t") === "s" ? strings[Number(v)] : undefined });
	}
	return result;
}

function formatCode(parts: Record<string, string>, xf: Element | undefined): string | null {
	const id = xf?.getAttribute("numFmtId");
	const format = tags(parts["xl/styles.xml"], "numFmt").find((f) => f.getAttribute("numFmtId") === id);
	return format?.getAttribute("formatCode") ?? null;
}

describe("typed cells", () => {
	it("types numbers (thousands separators, exponents) and keeps leading zeros, and what is no number, as text", () => {
		expect(typedCell("1,234,567")).toEqual({ kind: "number", value: 1234567 });
		expect(typedCell("+2.5e3")).toEqual({ kind: "number", value: 2500 });
		expect(typedCell("0.75")).toEqual({ kind: "number", value: 0.75 });
		expect(typedCell("-007")).toEqual({ kind: "text", text: "-007" });
		expect(typedCell("1,23")).toEqual({ kind: "text", text: "1,23" });
		expect(typedCell("1e999")).toEqual({ kind: "text", text: "1e999" });
		expect(typedCell(" 42 ")).toEqual({ kind: "number", value: 42 });
	});

	it("gives dates and date-times their serial as written on the clock, whatever the host's or the text's zone", () => {
		hostInZone("Pacific/Auckland");
		expect(typedCell("2026-08-03T12:30")).toEqual({ kind: "date", serial: 46237 + 12.5 / 24, format: "yyyy-mm-dd hh:mm" });
		expect(typedCell("2026-08-03 12:30:00Z")).toEqual({ kind: "date", serial: 46237 + 12.5 / 24, format: "yyyy-mm-dd hh:mm:ss" });
		expect(typedCell("2026-08-03T23:30:15-05:00")).toEqual({ kind: "date", serial: 46237 + (23 * 3600 + 30 * 60 + 15) / 86400, format: "yyyy-mm-dd hh:mm:ss" });
		// New Zealand's daylight saving began on 2026-09-27 at 02:00: a local clock never showed 02:30 that night, Excel has no zones.
		expect(typedCell("2026-09-27T02:30")).toEqual({ kind: "date", serial: excelSerial({ year: 2026, month: 9, day: 27, hour: 2, minute: 30 }), format: "yyyy-mm-dd hh:mm" });
		expect(typedCell("2026-09-27")).toEqual({ kind: "date", serial: 46292, format: "yyyy-mm-dd" });
		expect(typedCell("2026-08-03T24:00")).toEqual({ kind: "text", text: "2026-08-03T24:00" });
		expect(typedCell("2026-13")).toEqual({ kind: "text", text: "2026-13" });
	});

	it("counts serials as Excel's 1900 date system does, its phantom 1900-02-29 included", () => {
		expect(excelSerial({ year: 1900, month: 1, day: 1 })).toBe(1);
		expect(excelSerial({ year: 1900, month: 2, day: 28 })).toBe(59);
		expect(excelSerial({ year: 1900, month: 3, day: 1 })).toBe(61);
		expect(excelSerial({ year: 2024, month: 2, day: 29 })).toBe(45351);
		expect(excelSerial({ year: 9999, month: 12, day: 31 })).toBe(2958465);
		expect(excelSerial({ year: 1899, month: 12, day: 31 })).toBeNull();
		expect(excelSerial({ year: 2026, month: 2, day: 29 })).toBeNull();
		expect(excelSerial({ year: 2026, month: 1, day: 1, hour: 12, minute: 60 })).toBeNull();
		expect(typedCell("1899-12-31")).toEqual({ kind: "text", text: "1899-12-31" });
	});
});

describe("sheet names and cell references", () => {
	it("makes names Excel accepts: no : \\ / ? * [ ], at most 31 characters, distinct without regard to case", () => {
		expect(sheetNames(["Q3: revenue/clients", "a[1]*?", "  ", "'quoted'", "History"])).toEqual(["Q3 revenue clients", "a 1", "Sheet", "quoted", "History (2)"]);
		const long = "A sheet name well over thirty-one characters";
		const [first, second, third] = sheetNames([long, long, long.toUpperCase()]);
		expect(first).toBe(long.slice(0, 31));
		expect(second).toBe(`${long.slice(0, 27).trimEnd()} (2)`);
		expect(third?.toLowerCase()).toBe(`${long.slice(0, 27).trimEnd()} (3)`.toLowerCase());
		expect(sheetNames(["Table", "table", "Table (2)"])).toEqual(["Table", "table (2)", "Table (2) (2)"]);
		// 30 letters and an emoji: cut before the pair, not through it.
		expect(sheetNames([`${"x".repeat(30)}🙂`])).toEqual(["x".repeat(30)]);
		for (const name of sheetNames([long, long, "a:b", "x".repeat(40), "x".repeat(40)])) expect(name.length).toBeLessThanOrEqual(31);
	});

	it("names columns A…Z, AA…ZZ, AAA… up to Excel's last, XFD", () => {
		expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]);
	});
});

describe("the .xlsx writer", () => {
	it("writes well-formed parts, each listed with its content type and reached from the package's relationships", async () => {
		const parts = await workbookParts([TABLE]);
		expect(Object.keys(parts).sort()).toEqual(
			["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"].sort(),
		);
		const types = parse(parts["[Content_Types].xml"]);
		const overridden = Array.from(types.getElementsByTagName("Override")).map((o) => o.getAttribute("PartName"));
		for (const name of Object.keys(parts).filter((n) => !n.endsWith(".rels") && n !== "[Content_Types].xml")) expect(overridden).toContain(`/${name}`);
		const targets = tags(parts["xl/_rels/workbook.xml.rels"], "Relationship").map((r) => `xl/${r.getAttribute("Target") ?? ""}`);
		expect(targets.sort()).toEqual(["xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]);
		const sheetIds = tags(parts["xl/workbook.xml"], "sheet").map((s) => s.getAttribute("r:id"));
		expect(sheetIds).toEqual(["rId1", "rId2"]);
		expect(parts["xl/_rels/workbook.xml.rels"]).toMatch(/Id="rId1" Type="[^"]+\/worksheet" Target="worksheets\/sheet1\.xml"/);
		expect(parts["_rels/.rels"]).toMatch(/Type="[^"]+\/officeDocument" Target="xl\/workbook\.xml"/);
	});

	it("stores numbers and dates as numbers with date formats, and text, escaped, in the shared strings", async () => {
		const parts = await workbookParts([TABLE]);
		const sheet = cells(parts, 1);
		expect(sheet.get("C2")).toMatchObject({ v: "12400", t: null });
		expect(sheet.get("C3")).toMatchObject({ v: "5100.5", t: null });
		expect(sheet.get("A2")?.v).toBe("46204");
		expect(formatCode(parts, sheet.get("A2")?.xf)).toBe("yyyy-mm");
		expect(sheet.get("D2")?.v).toBe("46237");
		expect(formatCode(parts, sheet.get("D2")?.xf)).toBe("yyyy-mm-dd");
		expect(Number(sheet.get("E2")?.v)).toBeCloseTo(46237.5208333, 6);
		expect(formatCode(parts, sheet.get("E2")?.xf)).toBe("yyyy-mm-dd hh:mm");
		expect(Number(sheet.get("E3")?.v)).toBeCloseTo(46266 + 86399 / 86400, 9);
		expect(formatCode(parts, sheet.get("E3")?.xf)).toBe("yyyy-mm-dd hh:mm:ss");
		expect(sheet.get("F2")).toMatchObject({ t: "s", text: "00501" });
		expect(sheet.get("B2")?.text).toBe("Acme & Co");
		expect(sheet.get("H3")?.text).toBe("an extra cell");
		// Spaces kept, the carriage return and a look-alike escape written so Excel reads back the text itself.
		expect(parts["xl/sharedStrings.xml"]).toContain('<t xml:space="preserve">  spaced_x000D_\nline</t>');
		expect(parts["xl/sharedStrings.xml"]).toContain("<t>_x005F_x0041_ is text</t>");
		expect(parts["xl/sharedStrings.xml"]).toContain("<t>Acme &amp; Co</t>");
		expect(escapedXstring("bell\u0007 tab\t")).toBe("bell_x0007_ tab\t");
		// Formats of our own take ids from 164, after the built-in ones.
		for (const f of tags(parts["xl/styles.xml"], "numFmt")) expect(Number(f.getAttribute("numFmtId"))).toBeGreaterThanOrEqual(164);
		expect(parts["xl/styles.xml"]).toMatch(/<fills count="2"><fill><patternFill patternType="none"\/><\/fill><fill><patternFill patternType="gray125"\/><\/fill><\/fills>/);
	});

	it("makes the header bold and frozen, fits the column widths, in the schema's element order", async () => {
		const parts = await workbookParts([{ ...TABLE, rows: [...TABLE.rows, ["2026-09", "x".repeat(100)]] }]);
		const sheet = cells(parts, 1);
		const fonts = tags(parts["xl/styles.xml"], "font");
		for (const header of ["A1", "B1", "G1"]) {
			expect(sheet.get(header)?.t).toBe("s");
			expect(fonts[Number(sheet.get(header)?.xf?.getAttribute("fontId"))]?.getElementsByTagName("b")).toHaveLength(1);
		}
		expect(fonts[Number(sheet.get("B2")?.xf?.getAttribute("fontId") ?? 0)]?.getElementsByTagName("b")).toHaveLength(0);
		const xml = parts["xl/worksheets/sheet1.xml"] ?? "";
		const pane = parse(xml).getElementsByTagName("pane")[0];
		expect([pane?.getAttribute("ySplit"), pane?.getAttribute("topLeftCell"), pane?.getAttribute("state")]).toEqual(["1", "A2", "frozen"]);
		const order = ["<dimension ", "<sheetViews>", "<sheetFormatPr ", "<cols>", "<sheetData>"].map((tag) => xml.indexOf(tag));
		expect(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] ?? 0)))).toBe(true);
		const widths = Array.from(parse(xml).getElementsByTagName("col")).map((col) => Number(col.getAttribute("width")));
		// month: 7-letter values + 2; client: capped at 60; revenue_eur: the header's 11 + 2; zip: the minimum 8.
		expect(widths).toEqual([9, 60, 13, 12, 27, 8, 17, 15]);
		expect(parse(xml).getElementsByTagName("dimension")[0]?.getAttribute("ref")).toBe("A1:H4");
	});

	it("puts a Sources sheet last, its name kept even when a table has it, and the provenance in the document properties", async () => {
		const parts = await workbookParts([TABLE, { name: "sources", header: ["a"], rows: [["1"]] }, { name: "Q3 revenue clients", header: ["b"], rows: [] }]);
		const names = tags(parts["xl/workbook.xml"], "sheet").map((s) => s.getAttribute("name"));
		expect(names).toEqual(["Q3 revenue clients", "sources (2)", "Q3 revenue clients (2)", "Sources"]);
		const sources = cells(parts, 4);
		expect([...sources.values()].map((c) => c.text)).toEqual([
			"Property", "Value", "Title", "Q3 revenue & churn", "Goal", "Sum Q3 <revenue> per client", "Model", "test-model", "Created", "2026-11-24T09:00:00+01:00", "Source", "Acme Corp", "Source", "Q3 figures.csv",
		]);
		expect(parts["xl/worksheets/sheet4.xml"]).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
		const core = parse(parts["docProps/core.xml"]);
		expect(core.getElementsByTagName("dc:title")[0]?.textContent).toBe("Q3 revenue & churn");
		expect(core.getElementsByTagName("dc:subject")[0]?.textContent).toBe("Sum Q3 <revenue> per client");
		expect(core.getElementsByTagName("dc:creator")[0]?.textContent).toBe("AI Coworker");
		// A table with no rows still has its frozen header.
		expect(cells(parts, 3).get("A1")?.text).toBe("b");
	});

	it("says which cell or row is past what Excel holds (32,767 characters a cell, 1,048,576 rows, 16,384 columns)", () => {
		const table = (header: string[], rows: string[][]): SheetTable => ({ name: "T", header, rows });
		expect(excelLimitProblem(table(["a", "b"], [["1", "x".repeat(32_767)]]), "its table")).toBeNull();
		expect(excelLimitProblem(table(["a", "b"], [["1", "2"], ["3", "x".repeat(32_768)]]), "its table T.csv")).toBe(
			"its table T.csv has a cell of 32,768 characters in row 3, column B, more than an Excel cell holds (32,767)",
		);
		expect(excelLimitProblem(table(["a"], Array.from({ length: 1_048_576 }, () => ["1"])), "its table")).toMatch(/^its table has 1,048,577 rows with its header, more than an Excel sheet holds \(1,048,576\)$/);
		expect(excelLimitProblem(table(Array.from({ length: 16_385 }, () => "h"), []), "its table 2")).toMatch(/^its table 2 has 16,385 columns in row 1, /);
	});
});
