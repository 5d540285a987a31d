import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { typedCell } from "../../../src/core/export/xlsx-export";
import { imageInfo } from "../../../src/core/export/image-size";
import { addToListProperty } from "../../../src/core/review/frontmatter-edit";
import { chooseExports } from "../../../src/core/export/export-format";
import { RunLog } from "../../../src/core/ledger/run-log";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";

describe("typed cells for Excel", () => {
	it("types plain numbers, ISO dates and year-months; keeps leading zeros and other text as text", () => {
		expect(typedCell("12400")).toEqual({ kind: "number", value: 12400 });
		expect(typedCell("-1.5")).toEqual({ kind: "number", value: -1.5 });
		expect(typedCell("1,234.5")).toEqual({ kind: "number", value: 1234.5 });
		expect(typedCell("2026-08-03")).toEqual({ kind: "date", serial: 46237, format: "yyyy-mm-dd" });
		expect(typedCell("2026-07")).toEqual({ kind: "date", serial: 46204, format: "yyyy-mm" });
		expect(typedCell("2026-02-30")).toEqual({ kind: "text", text: "2026-02-30" });
		expect(typedCell("00501")).toEqual({ kind: "text", text: "00501" });
		expect(typedCell("Acme Corp")).toEqual({ kind: "text", text: "Acme Corp" });
		expect(typedCell("  ")).toBeNull();
	});
});

describe("image sizes from header bytes", () => {
	it("reads a PNG's size and refuses bytes that are no image", async () => {
		const png = new Uint8Array(await readFile(fileURLToPath(new URL("../../fixtures/chart.png", import.meta.url))));
		expect(imageInfo(png)).toEqual({ type: "png", width: 4, height: 3 });
		expect(imageInfo(new TextEncoder().encode("not an image"))).toBeNull();
	});
});

describe("the exports list property", () => {
	it("adds entries as a block list, keeps every other line (CRLF included), and never adds one twice", () => {
		const note = "---\r\ncoworker: deliverable\r\ntags: [a, b]\r\n---\r\n# Body\r\n";
		const once = addToListProperty(note, "exports", "[[R.docx]]");
		expect(once).toBe('---\r\ncoworker: deliverable\r\ntags: [a, b]\r\nexports:\r\n  - "[[R.docx]]"\r\n---\r\n# Body\r\n');
		const twice = addToListProperty(once, "exports", "[[R.xlsx]]");
		expect(twice).toBe('---\r\ncoworker: deliverable\r\ntags: [a, b]\r\nexports:\r\n  - "[[R.docx]]"\r\n  - "[[R.xlsx]]"\r\n---\r\n# Body\r\n');
		expect(addToListProperty(twice, "exports", "[[R.xlsx]]")).toBe(twice);
		expect(addToListProperty("---\nexports: \"[[Old.docx]]\"\nx: 1\n---\n", "exports", "[[New.docx]]")).toBe('---\nexports:\n  - "[[Old.docx]]"\n  - "[[New.docx]]"\nx: 1\n---\n');
	});
});

describe("which exports fit", () => {
	it("offers the natural format first, refuses a summary as slides in one sentence", () => {
		expect(chooseExports("S.md", "slides", "default")).toEqual({ ok: true, formats: ["pptx"] });
		expect(chooseExports("T.md", "table", "all")).toEqual({ ok: true, formats: ["xlsx", "docx"] });
		expect(chooseExports("S.md", "summary", ["pptx"])).toEqual({ ok: false, error: "S.md is a summary; it exports to docx or xlsx, not pptx." });
	});
});

describe("the run record of an exported deliverable", () => {
	it("lists the exports in the record of the run that wrote the deliverable, and only there", async () => {
		const log = new RunLog(new InMemoryKeyValueStore());
		const record = (id: string, deliverable: string) => ({ id, deliverable, files: [deliverable] }) as unknown as Parameters<RunLog["add"]>[0];
		await log.add(record("20261123T0800-aaaa", "Reports/A.md"));
		await log.add(record("20261124T0800-bbbb", "Reports/B.md"));
		expect(await log.addExports("Reports/A.md", ["Reports/A.docx"])).toBe(true);
		expect(await log.addExports("Reports/C.md", ["Reports/C.docx"])).toBe(false);
		const [b, a] = await log.recent();
		expect(a?.exports).toEqual(["Reports/A.docx"]);
		expect(b?.exports).toBeUndefined();
	});
});
