import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { strFromU8, unzipSync } from "fflate";
import { exportPptx, slidesOf } from "../../../src/core/export/pptx-export";
import { imageInfo } from "../../../src/core/export/image-size";
import type { Block, ExportDocument, Span } from "../../../src/core/export/export-document";
import type { LoadedImage } from "../../../src/core/export/docx-export";
import { xmlProblem } from "../../helpers/strict-xml";

const text = (value: string, marks: Omit<Extract<Span, { kind: "text" }>, "kind" | "text"> = {}): Span => ({ kind: "text", text: value, ...marks });
const item = (value: Span[], depth: number, ordered = false, start = 1): Block => ({ kind: "item", ordered, start, depth, list: depth, spans: value });

const BLOCKS: Block[] = [
	{ kind: "heading", level: 1, spans: [text('Q3 <plan> & "risks"')] },
	{ kind: "paragraph", spans: [text("Bell\u0007 removed, "), text("code", { code: true }), text(" and "), text("gone", { strike: true })] },
	{ kind: "rule" },
	{ kind: "heading", level: 2, spans: [text("Plan")] },
	item([text("See the "), text("pricing page", { href: "https://example.com/price list?a=1&b=2", bold: true })], 0),
	item([text("Nested", { italic: true })], 1),
	item([text("Numbered")], 2, true),
	item([text("From seven")], 0, true, 7),
	{ kind: "paragraph", spans: [{ kind: "image", path: "Attachments/chart.png", written: "chart.png" }] },
	{ kind: "table", rows: [[[text("Client")], [text("Revenue")]], [[text("Acme")], [text("12400")]], [[text("Globex"), { kind: "image", path: "Attachments/chart.png", written: "chart.png" }]]] },
	{ kind: "notes", text: "Mention the budget first.\nThen the dates." },
	{ kind: "rule" },
	{ kind: "rule" },
	{ kind: "heading", level: 2, spans: [text("Sources")] },
	item([text("Acme Corp")], 0),
];

async function deck(blocks: Block[] = BLOCKS): Promise<Record<string, Uint8Array>> {
	const png = new Uint8Array(await readFile(fileURLToPath(new URL("../../fixtures/chart.png", import.meta.url))));
	const info = imageInfo(png);
	if (!info) throw new Error("the fixture is no PNG");
	const images = new Map<string, LoadedImage>([["Attachments/chart.png", { bytes: png, info }]]);
	const document: ExportDocument = {
		blocks,
		provenance: { title: "Q3 deck", format: "slides", goal: "Brief the team", model: "test-model", created: "2026-11-24T09:00:00+01:00", workflow: null, sources: ["Acme Corp"] },
	};
	return unzipSync(await exportPptx(document, images));
}

const xmlOf = (files: Record<string, Uint8Array>, name: string): string => strFromU8(files[name] ?? new Uint8Array());

/** A relationship's target by its id, from a .rels part. */
function target(rels: string, id: string): string | undefined {
	return new RegExp(`<Relationship Id="${id}" [^>]*Target="([^"]+)"`).exec(rels)?.[1];
}

describe("PowerPoint export", () => {
	it("writes a slide per section, empty sections dropped, the Sources slide last", async () => {
		const files = await deck();
		const slides = Object.keys(files).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name));
		expect(slides.sort()).toEqual(["ppt/slides/slide1.xml", "ppt/slides/slide2.xml", "ppt/slides/slide3.xml"]);
		expect(xmlOf(files, "ppt/slides/slide3.xml")).toContain("<a:t>Sources</a:t>");
		const presentation = xmlOf(files, "ppt/presentation.xml");
		expect(presentation.match(/<p:sldId id="\d+" r:id="(rId\d+)"\/>/g)?.map((entry) => target(xmlOf(files, "ppt/_rels/presentation.xml.rels"), /r:id="(rId\d+)"/.exec(entry)?.[1] ?? ""))).toEqual([
			"slides/slide1.xml",
			"slides/slide2.xml",
			"slides/slide3.xml",
		]);
		expect(presentation).toContain('<p:sldSz cx="12192000" cy="6858000"/>');
		expect(slidesOf(BLOCKS).map((blocks) => blocks[0]?.kind)).toEqual(["heading", "heading", "heading"]);
	});

	it("puts titles and text in the layout's title and body placeholders, escaped, with bold, italic, code and strike runs", async () => {
		const files = await deck();
		const first = xmlOf(files, "ppt/slides/slide1.xml");
		expect(first).toMatch(/<p:ph type="title"\/>.*<a:t>Q3 &lt;plan&gt; &amp; &quot;risks&quot;<\/a:t>/s);
		expect(first).toMatch(/<p:ph type="body" idx="1"\/>.*<a:t>Bell removed, <\/a:t>/s);
		expect(first).toContain('<a:r><a:rPr><a:latin typeface="Consolas"/><a:cs typeface="Consolas"/></a:rPr><a:t>code</a:t></a:r>');
		expect(first).toContain('<a:r><a:rPr strike="sngStrike"/><a:t>gone</a:t></a:r>');
		// A body paragraph that is no list item says so, since the body bullets by default.
		expect(first).toContain('<a:p><a:pPr marL="0" indent="0"><a:buNone/></a:pPr><a:r><a:t>Bell removed');
		const layout = xmlOf(files, "ppt/slideLayouts/slideLayout1.xml");
		expect(layout).toContain('<p:ph type="title"/>');
		expect(layout).toContain('<p:ph type="body" idx="1"/>');
		// A section without a heading takes the deck's title.
		const untitled = await deck([{ kind: "paragraph", spans: [text("Just text")] }]);
		expect(xmlOf(untitled, "ppt/slides/slide1.xml")).toMatch(/<p:ph type="title"\/>.*<a:t>Q3 deck<\/a:t>/s);
	});

	it("writes nested list items as paragraph levels, numbered items with an automatic number from the list's first number, bullets from the master", async () => {
		const slide = xmlOf(await deck(), "ppt/slides/slide2.xml");
		expect(slide).toMatch(/<a:p><a:pPr lvl="0"\/><a:r><a:t>See the <\/a:t>/);
		expect(slide).toContain('<a:p><a:pPr lvl="1"/><a:r><a:rPr i="1"/><a:t>Nested</a:t></a:r></a:p>');
		expect(slide).toContain('<a:p><a:pPr lvl="2"><a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod"/></a:pPr><a:r><a:t>Numbered</a:t></a:r></a:p>');
		// A Markdown list written from `7.` counts from 7.
		expect(slide).toContain('<a:p><a:pPr lvl="0"><a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod" startAt="7"/></a:pPr><a:r><a:t>From seven</a:t></a:r></a:p>');
		const master = xmlOf(await deck(), "ppt/slideMasters/slideMaster1.xml");
		expect(master).toMatch(/<p:bodyStyle><a:lvl1pPr marL="228600" indent="-228600"[^>]*>.*<a:buChar char="•"\/>.*<a:lvl9pPr /s);
	});

	it("links a hyperlink run to an external relationship of its slide", async () => {
		const files = await deck();
		const slide = xmlOf(files, "ppt/slides/slide2.xml");
		const id = /<a:r><a:rPr b="1"><a:hlinkClick r:id="(rId\d+)"\/><\/a:rPr><a:t>pricing page<\/a:t><\/a:r>/.exec(slide)?.[1] ?? "none";
		const rels = xmlOf(files, "ppt/slides/_rels/slide2.xml.rels");
		expect(rels).toContain(`<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/price%20list?a=1&amp;b=2" TargetMode="External"/>`);
	});

	it("writes a table as a DrawingML table, header row bold, short rows padded to the grid", async () => {
		const slide = xmlOf(await deck(), "ppt/slides/slide2.xml");
		const table = /<p:graphicFrame>.*<\/p:graphicFrame>/s.exec(slide)?.[0] ?? "";
		expect(table).toContain('<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1"/>');
		expect(table.match(/<a:gridCol /g)).toHaveLength(2);
		const rows = table.match(/<a:tr [^>]*>.*?<\/a:tr>/gs) ?? [];
		expect(rows.map((row) => row.match(/<a:tc>/g)?.length)).toEqual([2, 2, 2]);
		expect(rows[0]).toContain('<a:rPr sz="1600" b="1"/><a:t>Client</a:t>');
		expect(rows[1]).toContain('<a:rPr sz="1600"/><a:t>12400</a:t>');
	});

	it("embeds an image as a picture related to its part in ppt/media, fitted under the text", async () => {
		const files = await deck();
		const png = new Uint8Array(await readFile(fileURLToPath(new URL("../../fixtures/chart.png", import.meta.url))));
		expect(files["ppt/media/image1.png"]).toEqual(png);
		expect(xmlOf(files, "[Content_Types].xml")).toContain('<Default Extension="png" ContentType="image/png"/>');
		const slide = xmlOf(files, "ppt/slides/slide2.xml");
		const embed = /<p:pic>.*descr="chart\.png".*<a:blip r:embed="(rId\d+)"\/>.*<a:ext cx="(\d+)" cy="(\d+)"\/>.*<\/p:pic>/s.exec(slide);
		expect(target(xmlOf(files, "ppt/slides/_rels/slide2.xml.rels"), embed?.[1] ?? "none")).toBe("../media/image1.png");
		// 4 × 3 pixels, never scaled up: 9525 EMU a pixel.
		expect([embed?.[2], embed?.[3]]).toEqual(["38100", "28575"]);
		// The same image again in a table cell: a second picture of the one media part.
		expect(slide.match(/<p:pic>/g)).toHaveLength(2);
		expect(Object.keys(files).filter((name) => name.startsWith("ppt/media/"))).toEqual(["ppt/media/image1.png"]);
	});

	it("writes speaker notes as a notes slide of their slide, with a notes master and its own theme", async () => {
		const files = await deck();
		expect(Object.keys(files).filter((name) => /notesSlide\d+\.xml$/.test(name))).toEqual(["ppt/notesSlides/notesSlide2.xml"]);
		const notes = xmlOf(files, "ppt/notesSlides/notesSlide2.xml");
		expect(notes).toMatch(/<p:ph type="body" idx="1"\/>.*<a:t>Mention the budget first\.<\/a:t><\/a:r><\/a:p><a:p><a:r><a:t>Then the dates\.<\/a:t>/s);
		expect(xmlOf(files, "ppt/slides/_rels/slide1.xml.rels")).not.toContain("notesSlide");
		expect(xmlOf(files, "ppt/slides/_rels/slide2.xml.rels")).toContain('relationships/notesSlide" Target="../notesSlides/notesSlide2.xml"/>');
		const notesRels = xmlOf(files, "ppt/notesSlides/_rels/notesSlide2.xml.rels");
		expect(notesRels).toContain('relationships/notesMaster" Target="../notesMasters/notesMaster1.xml"/>');
		expect(notesRels).toContain('relationships/slide" Target="../slides/slide2.xml"/>');
		expect(xmlOf(files, "ppt/notesMasters/_rels/notesMaster1.xml.rels")).toContain('Target="../theme/theme2.xml"');
		// The schema's order: masters, notes master, slides, sizes.
		expect(xmlOf(files, "ppt/presentation.xml")).toMatch(/<p:sldMasterIdLst>.*<p:notesMasterIdLst>.*<p:sldIdLst>.*<p:sldSz .*<p:notesSz /s);
	});

	it("writes the title, goal and creator as document properties", async () => {
		const core = xmlOf(await deck(), "docProps/core.xml");
		expect(core).toContain("<dc:title>Q3 deck</dc:title>");
		expect(core).toContain("<dc:subject>Brief the team</dc:subject>");
		expect(core).toContain("<dc:creator>AI Coworker</dc:creator>");
		expect(core).toContain(">2026-11-24T08:00:00Z</dcterms:created>");
	});

	it("writes a theme with the colour, font and format schemes PowerPoint requires", async () => {
		const theme = xmlOf(await deck(), "ppt/theme/theme1.xml");
		const slots = ["dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink"];
		expect(/<a:clrScheme [^>]*>(.*)<\/a:clrScheme>/s.exec(theme)?.[1]?.match(/<a:(\w+)>/g)).toEqual(slots.map((slot) => `<a:${slot}>`));
		expect(theme).toMatch(/<a:fontScheme [^>]*><a:majorFont><a:latin typeface="[^"]+"\/>.*<a:minorFont><a:latin typeface="[^"]+"\/>/s);
		for (const list of ["fillStyleLst", "bgFillStyleLst"]) expect(new RegExp(`<a:${list}>(.*?)</a:${list}>`, "s").exec(theme)?.[1]?.match(/<a:solidFill>/g)).toHaveLength(3);
		expect(/<a:lnStyleLst>(.*?)<\/a:lnStyleLst>/s.exec(theme)?.[1]?.match(/<a:ln /g)).toHaveLength(3);
		expect(/<a:effectStyleLst>(.*?)<\/a:effectStyleLst>/s.exec(theme)?.[1]?.match(/<a:effectStyle>/g)).toHaveLength(3);
	});

	it("writes a consistent package: every part well-formed and typed, every relationship's part present, shape ids unique", async () => {
		const files = await deck();
		const names = Object.keys(files);
		expect(names[0]).toBe("[Content_Types].xml");
		for (const name of names.filter((n) => /\.(xml|rels)$/.test(n))) expect(xmlProblem(xmlOf(files, name)), name).toBeNull();
		const types = xmlOf(files, "[Content_Types].xml");
		for (const name of names.filter((n) => n.endsWith(".xml") && n !== "[Content_Types].xml")) expect(types, name).toContain(`<Override PartName="/${name}"`);
		for (const part of [...types.matchAll(/PartName="\/([^"]+)"/g)].map((m) => m[1] ?? "")) expect(names, part).toContain(part);
		for (const rels of names.filter((n) => n.endsWith(".rels"))) {
			const folder = rels.replace(/_rels\/[^/]+$/, "");
			const source = folder + rels.slice(rels.lastIndexOf("/") + 1).replace(/\.rels$/, "");
			const ids = new Set<string>();
			for (const m of xmlOf(files, rels).matchAll(/<Relationship Id="([^"]+)" [^>]*Target="([^"]+)"( TargetMode="External")?\/>/g)) {
				ids.add(m[1] ?? "");
				if (m[3] === undefined) expect(names, `${rels} → ${m[2]}`).toContain(new URL(m[2] ?? "", `file:///${folder}`).pathname.slice(1));
			}
			// Every r:id and r:embed of the part names one of its relationships.
			for (const m of xmlOf(files, source).matchAll(/r:(?:id|embed)="([^"]+)"/g)) expect(ids, `${source} ${m[1]}`).toContain(m[1]);
		}
		for (const name of names.filter((n) => /^ppt\/(slides|slideLayouts|slideMasters|notesSlides|notesMasters)\/[^/]+\.xml$/.test(n))) {
			const ids = [...xmlOf(files, name).matchAll(/<p:cNvPr id="(\d+)"/g)].map((m) => m[1]);
			expect(new Set(ids).size, name).toBe(ids.length);
		}
	});

	it("exports a note without sections as an empty, still valid deck", async () => {
		const files = await deck([{ kind: "rule" }]);
		expect(Object.keys(files).filter((name) => name.startsWith("ppt/slides/"))).toEqual([]);
		expect(xmlOf(files, "ppt/presentation.xml")).not.toContain("sldIdLst");
		expect(xmlProblem(xmlOf(files, "ppt/presentation.xml"))).toBeNull();
	});
});
