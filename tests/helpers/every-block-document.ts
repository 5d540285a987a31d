/** A document with every kind of block and mark the Markdown reader produces, for the office writers' tests. */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { LoadedImage } from "../../src/core/export/docx-export";
import type { Block, Provenance } from "../../src/core/export/export-document";
import { imageInfo } from "../../src/core/export/image-size";

/** The vault path the image spans name. */
export const CHART = "Attachments/chart.png";

/** A note with every kind of block the reader produces, its text chosen to need escaping. */
export const EVERY_BLOCK: Block[] = [
	{ kind: "heading", level: 1, spans: [{ kind: "text", text: "Q3 & Q4 <review>" }] },
	{ kind: "paragraph", spans: [{ kind: "text", text: "Plain, " }, { kind: "text", text: "bold", bold: true }, { kind: "text", text: " and " }, { kind: "text", text: "gone", strike: true }, { kind: "text", text: " then " }, { kind: "text", text: "npm i", code: true }, { kind: "text", text: " and the " }, { kind: "text", text: "price list", href: "https://example.com/prices?a=1&b=2", italic: true }, { kind: "text", text: "\nsecond line" }] },
	{ kind: "heading", level: 2, spans: [{ kind: "text", text: "Risks" }] },
	{ kind: "quote", spans: [{ kind: "text", text: "A quoted warning" }] },
	{ kind: "item", ordered: false, start: 1, depth: 0, list: 0, spans: [{ kind: "text", text: "Pricing" }] },
	{ kind: "item", ordered: true, start: 1, depth: 1, list: 1, spans: [{ kind: "text", text: "Nested step" }] },
	{ kind: "item", ordered: false, start: 1, depth: 0, list: 0, spans: [{ kind: "text", text: "Timing" }] },
	{ kind: "heading", level: 3, spans: [{ kind: "text", text: "Steps" }] },
	{ kind: "item", ordered: true, start: 1, depth: 0, list: 2, spans: [{ kind: "text", text: "Send the offer" }] },
	{ kind: "item", ordered: true, start: 1, depth: 0, list: 2, spans: [{ kind: "text", text: "Book the call" }] },
	{ kind: "paragraph", spans: [{ kind: "text", text: "Then, separately:" }] },
	{ kind: "item", ordered: true, start: 4, depth: 0, list: 3, spans: [{ kind: "text", text: "Sign" }] },
	{ kind: "heading", level: 4, spans: [{ kind: "text", text: "Level four" }] },
	{ kind: "heading", level: 5, spans: [{ kind: "text", text: "Level five" }] },
	{ kind: "heading", level: 6, spans: [{ kind: "text", text: "Level six" }] },
	{ kind: "code", text: "if (a < b && c > d) {\n\treturn;\n}" },
	{ kind: "notes", text: "Mention the budget first." },
	{
		kind: "table",
		rows: [
			[[{ kind: "text", text: "Client" }], [{ kind: "text", text: "Revenue (EUR)" }]],
			[[{ kind: "text", text: "Acme Corp" }], [{ kind: "text", text: "12400" }]],
			[[{ kind: "text", text: "Globex" }]],
		],
	},
	{ kind: "rule" },
	{ kind: "paragraph", spans: [{ kind: "image", path: CHART, written: "![[chart.png]]" }, { kind: "text", text: " and again " }, { kind: "image", path: CHART, written: "![[chart.png]]" }] },
];

/** Provenance with every field but the workflow. */
export const PROVENANCE: Provenance = {
	title: "Acme renewal status",
	format: "report",
	goal: "Summarise the Acme renewal",
	model: "test-model",
	created: "2026-11-24T09:00:00+01:00",
	workflow: null,
	sources: ["Acme Corp", "Q3 figures.csv"],
};

/** tests/fixtures/chart.png (4 × 3) as loaded for an export, its size claimed to be another to test scaling. */
export async function chartImages(width?: number, height?: number): Promise<Map<string, LoadedImage>> {
	const bytes = new Uint8Array(await readFile(fileURLToPath(new URL("../fixtures/chart.png", import.meta.url))));
	const info = imageInfo(bytes);
	if (!info) throw new Error("tests/fixtures/chart.png is not a PNG");
	return new Map([[CHART, { bytes, info: { ...info, width: width ?? info.width, height: height ?? info.height } }]]);
}
