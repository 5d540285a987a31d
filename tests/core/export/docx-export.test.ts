import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { exportDocx, type LoadedImage } from "../../../src/core/export/docx-export";
import type { Block, ExportDocument } from "../../../src/core/export/export-document";
import { uriReference } from "../../../src/core/export/ooxml/package";
import { xmlProblem } from "../../helpers/strict-xml";
import { CHART, chartImages, EVERY_BLOCK, PROVENANCE } from "../../helpers/every-block-document";

async function exported(document: ExportDocument = { blocks: EVERY_BLOCK, provenance: PROVENANCE }, images?: Map<string, LoadedImage>): Promise<{ xml: Record<string, string>; binary: Record<string, Uint8Array> }> {
	const files = unzipSync(await exportDocx(document, images ?? (await chartImages())));
	const xml = Object.fromEntries(Object.entries(files).filter(([name]) => /\.(xml|rels)$/.test(name)).map(([name, bytes]) => [name, strFromU8(bytes)]));
	return { xml, binary: files };
}

/** The `w:style` element with the given id. */
function style(styles: string, id: string): string {
	return new RegExp(`<w:style [^>]*w:styleId="${id}">.*?</w:style>`).exec(styles)?.[0] ?? "";
}

/** The paragraphs (`w:p` elements at any depth, none nested in another) of document.xml. */
function paragraphs(document: string): string[] {
	return document.match(/<w:p>.*?<\/w:p>|<w:p\/>/g) ?? [];
}

describe("Word export", () => {
	it("writes every part as well-formed XML, with the parts Word needs and nothing it cannot find", async () => {
		const { xml } = await exported();
		for (const [name, text] of Object.entries(xml)) expect(xmlProblem(text), name).toBeNull();
		const types = xml["[Content_Types].xml"] ?? "";
		for (const part of ["word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml", "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"]) {
			expect(xml[part], part).toBeDefined();
			expect(types).toContain(`PartName="/${part}"`);
		}
		expect(xml["_rels/.rels"]).toMatch(/Type="[^"]+\/officeDocument" Target="word\/document.xml"/);
		const relationships = xml["word/_rels/document.xml.rels"] ?? "";
		for (const target of ["styles.xml", "numbering.xml", "settings.xml"]) expect(relationships).toContain(`Target="${target}"`);
	});

	it("gives headings the built-in Heading 1–6 styles with their outline levels, which the navigation pane reads", async () => {
		const { xml } = await exported();
		const document = xml["word/document.xml"] ?? "";
		const styles = xml["word/styles.xml"] ?? "";
		expect(document).toMatch(/<w:p><w:pPr><w:pStyle w:val="Heading1"\/><\/w:pPr><w:r><w:t xml:space="preserve">Q3 &amp; Q4 &lt;review&gt;<\/w:t><\/w:r><\/w:p>/);
		for (let level = 1; level <= 6; level++) {
			expect(document).toContain(`<w:pStyle w:val="Heading${level}"/>`);
			const heading = style(styles, `Heading${level}`);
			expect(heading).toContain(`<w:name w:val="heading ${level}"/>`);
			expect(heading).toContain(`<w:outlineLvl w:val="${level - 1}"/>`);
		}
		expect(style(styles, "Quote")).toMatch(/<w:ind w:left="720".*<w:i\/>/);
		expect(document).toMatch(/<w:pStyle w:val="Quote"\/><\/w:pPr><w:r><w:t xml:space="preserve">A quoted warning/);
	});

	it("writes runs with their properties in schema order, line breaks as w:br, tabs as w:tab and code in Consolas", async () => {
		const document = (await exported()).xml["word/document.xml"] ?? "";
		expect(document).toContain('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">bold</w:t></w:r>');
		expect(document).toContain('<w:r><w:rPr><w:strike/></w:rPr><w:t xml:space="preserve">gone</w:t></w:r>');
		expect(document).toContain('<w:rPr><w:rStyle w:val="Hyperlink"/><w:i/></w:rPr><w:t xml:space="preserve">price list</w:t>');
		expect(document).toContain('<w:r><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/></w:rPr><w:t xml:space="preserve">npm i</w:t></w:r>');
		expect(document).toContain('<w:r><w:br/><w:t xml:space="preserve">second line</w:t></w:r>');
		// The code block: a shaded paragraph per line, its text escaped, its tab a w:tab.
		expect(document).toContain('<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:spacing w:after="0"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/></w:rPr><w:t xml:space="preserve">if (a &lt; b &amp;&amp; c &gt; d) {</w:t>');
		expect(document).toContain("<w:tab/><w:t xml:space=\"preserve\">return;</w:t>");
		expect(document).toContain('<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Notes: Mention the budget first.</w:t></w:r>');
		expect(document).toContain('<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr></w:pPr></w:p>');
		// Paragraph properties come first: never after a run of the same paragraph.
		for (const paragraph of paragraphs(document)) expect(paragraph).not.toMatch(/<w:r>.*<w:pPr>/);
		expect(document).toMatch(/<w:sectPr>.*<\/w:sectPr><\/w:body><\/w:document>$/);
	});

	it("links to an address through an external relationship, the address escaped and made a URI", async () => {
		const { xml } = await exported();
		const id = /<w:hyperlink r:id="([^"]+)" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/>/.exec(xml["word/document.xml"] ?? "")?.[1];
		expect(id).toBeDefined();
		expect(xml["word/_rels/document.xml.rels"]).toContain(`<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/prices?a=1&amp;b=2" TargetMode="External"/>`);
		expect(style(xml["word/styles.xml"] ?? "", "Hyperlink")).toMatch(/w:type="character".*<w:u w:val="single"\/>/);
		expect(uriReference(" https://example.com/a b/é?q=<x>&r=%20%zz ")).toBe("https://example.com/a%20b/%C3%A9?q=%3Cx%3E&r=%20%25zz");
	});

	it("numbers lists: bullets and nesting by level, and each ordered list restarting at its own first number with its own w:num", async () => {
		const { xml } = await exported();
		const document = xml["word/document.xml"] ?? "";
		const numbering = xml["word/numbering.xml"] ?? "";
		const numPr = (text: string): [number, number] => {
			const found = new RegExp(`<w:numPr><w:ilvl w:val="(\\d)"/><w:numId w:val="(\\d+)"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">${text}<`).exec(document);
			return [Number(found?.[1]), Number(found?.[2])];
		};
		const [pricing, nested, timing, send, book, sign] = ["Pricing", "Nested step", "Timing", "Send the offer", "Book the call", "Sign"].map(numPr);
		expect(pricing).toEqual([0, 1]);
		expect(timing).toEqual([0, 1]);
		expect(nested?.[0]).toBe(1);
		expect(book).toEqual(send);
		// Three ordered lists (the nested one and two at the top), three instances, none the bullets'.
		expect(new Set([nested?.[1], send?.[1], sign?.[1], 1]).size).toBe(4);
		for (const [list, start] of [[nested, 1], [send, 1], [sign, 4]] as const) {
			const instance = new RegExp(`<w:num w:numId="${list?.[1]}"><w:abstractNumId w:val="(\\d+)"/>(.*?)</w:num>`).exec(numbering);
			expect(instance?.[2]).toContain(`<w:lvlOverride w:ilvl="0"><w:startOverride w:val="${start}"/></w:lvlOverride>`);
			expect(numbering).toMatch(new RegExp(`<w:abstractNum w:abstractNumId="${instance?.[1]}">.*?<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>`));
		}
		expect(numbering).toMatch(/<w:num w:numId="1"><w:abstractNumId w:val="(\d+)"\/><\/w:num>/);
		expect(numbering).toMatch(/<w:lvl w:ilvl="1"><w:start w:val="1"\/><w:numFmt w:val="bullet"\/><w:lvlText w:val="◦"\/>.*?<w:ind w:left="1440" w:hanging="360"\/>/);
		// abstractNum definitions precede every num, as the schema orders them.
		expect(numbering.lastIndexOf("<w:abstractNum ")).toBeLessThan(numbering.indexOf("<w:num "));
	});

	it("writes a table with a grid, a repeated bold header row and a paragraph in every cell", async () => {
		const document = (await exported()).xml["word/document.xml"] ?? "";
		const table = /<w:tbl>.*?<\/w:tbl>/.exec(document)?.[0] ?? "";
		expect(table).toMatch(/^<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"\/>.*<\/w:tblPr><w:tblGrid><w:gridCol w:w="4513"\/><w:gridCol w:w="4513"\/><\/w:tblGrid><w:tr>/);
		const rows = table.match(/<w:tr>.*?<\/w:tr>/g) ?? [];
		expect(rows).toHaveLength(3);
		expect(rows[0]).toMatch(/^<w:tr><w:trPr><w:tblHeader\/><\/w:trPr>/);
		expect(rows[0]).toContain('<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Client</w:t>');
		expect(rows[1]).not.toContain("tblHeader");
		expect(rows[1]).not.toContain("<w:b/>");
		// The short last row is filled to the grid; every cell ends with a paragraph.
		for (const row of rows) expect(row.match(/<w:tc>/g)).toHaveLength(2);
		expect(table.match(/<\/w:p><\/w:tc>/g)).toHaveLength(6);
	});

	it("embeds an image once as a media part, each placement a picture with its own id, sized to fit the page", async () => {
		const images = await chartImages(1200, 600);
		const { xml, binary } = await exported(undefined, images);
		expect(Object.keys(binary).filter((name) => name.startsWith("word/media/"))).toEqual(["word/media/image1.png"]);
		expect(binary["word/media/image1.png"]).toEqual(images.get(CHART)?.bytes);
		expect(xml["[Content_Types].xml"]).toContain('<Default Extension="png" ContentType="image/png"/>');
		const relationship = /<Relationship Id="([^"]+)" Type="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships\/image" Target="media\/image1.png"\/>/.exec(xml["word/_rels/document.xml.rels"] ?? "");
		expect(relationship).not.toBeNull();
		const document = xml["word/document.xml"] ?? "";
		expect(document.match(new RegExp(`<a:blip r:embed="${relationship?.[1]}"/>`, "g"))).toHaveLength(2);
		expect([...document.matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => m[1])).toEqual(["1", "2"]);
		// 1200 × 600 pixels scaled to 600 × 300, at 9525 EMU per pixel.
		expect(document).toContain('<wp:extent cx="5715000" cy="2857500"/>');
		expect(document).toContain(`descr="${CHART}"`);
	});

	it("names each media part by its image's type, with that type's content type", async () => {
		const [png] = [...(await chartImages()).values()];
		const jpeg: LoadedImage = { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), info: { type: "jpg", width: 10, height: 10 } };
		const gif: LoadedImage = { bytes: new Uint8Array([0x47, 0x49, 0x46]), info: { type: "gif", width: 10, height: 10 } };
		const spans = ["a.png", "b.jpg", "c.gif"].map((path) => ({ kind: "image" as const, path, written: path }));
		const images = new Map<string, LoadedImage>([["a.png", png ?? jpeg], ["b.jpg", jpeg], ["c.gif", gif]]);
		const { xml, binary } = await exported({ blocks: [{ kind: "paragraph", spans }], provenance: PROVENANCE }, images);
		expect(Object.keys(binary).filter((name) => name.startsWith("word/media/")).sort()).toEqual(["word/media/image1.png", "word/media/image2.jpg", "word/media/image3.gif"]);
		expect(binary["word/media/image2.jpg"]).toEqual(jpeg.bytes);
		for (const [extension, type] of [["png", "image/png"], ["jpg", "image/jpeg"], ["gif", "image/gif"]]) expect(xml["[Content_Types].xml"]).toContain(`<Default Extension="${extension}" ContentType="${type}"/>`);
		expect([...(xml["word/document.xml"] ?? "").matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => m[1])).toEqual(["1", "2", "3"]);
	});

	it("keeps every part well-formed whatever the note holds: markup characters, quotes, controls, lone surrogates", async () => {
		const nasty = `a & b < c > d "e" 'f' \u0007 \uD800 ]]> <!-- x -->`;
		const blocks: Block[] = [
			{ kind: "heading", level: 2, spans: [{ kind: "text", text: nasty }] },
			{ kind: "paragraph", spans: [{ kind: "text", text: nasty, href: `https://example.com/${nasty}`, bold: true }] },
			{ kind: "code", text: nasty },
			{ kind: "notes", text: nasty },
			{ kind: "table", rows: [[[{ kind: "text", text: nasty }]]] },
			{ kind: "paragraph", spans: [{ kind: "image", path: nasty, written: nasty }] },
		];
		const images = new Map([[nasty, [...(await chartImages()).values()][0] as LoadedImage]]);
		const { xml } = await exported({ blocks, provenance: { ...PROVENANCE, title: nasty, goal: nasty, model: nasty, workflow: nasty, sources: [nasty] } }, images);
		for (const [name, text] of Object.entries(xml)) expect(xmlProblem(text), name).toBeNull();
		expect(xml["word/document.xml"]).toContain(`a &amp; b &lt; c &gt; d &quot;e&quot; 'f'  `);
		expect(xml["word/_rels/document.xml.rels"]).toContain('Target="https://example.com/a%20&amp;%20b%20%3C%20c%20%3E%20d%20%22e%22');
		expect(xml["docProps/custom.xml"]).toContain("name=\"Workflow\"><vt:lpwstr>a &amp; b &lt; c");
	});

	it("writes an image it was not given as nothing, rather than a picture without a part", async () => {
		const { xml, binary } = await exported(undefined, new Map());
		expect(Object.keys(binary).some((name) => name.startsWith("word/media/"))).toBe(false);
		expect(xml["word/document.xml"]).not.toContain("<w:drawing>");
		expect(xml["word/document.xml"]).toContain("and again");
	});

	it("puts the provenance in the core and custom properties, leaving out what is empty", async () => {
		const { xml } = await exported();
		const core = xml["docProps/core.xml"] ?? "";
		expect(core).toContain("<dc:title>Acme renewal status</dc:title>");
		expect(core).toContain("<dc:subject>Summarise the Acme renewal</dc:subject>");
		expect(core).toContain("<dc:creator>AI Coworker</dc:creator>");
		expect(core).toContain("<dc:description>Sources: Acme Corp; Q3 figures.csv</dc:description>");
		expect(core).toContain("<cp:keywords>report</cp:keywords>");
		expect(core).toContain(">2026-11-24T08:00:00Z</dcterms:created>");
		const custom = xml["docProps/custom.xml"] ?? "";
		for (const [name, value] of [["Goal", "Summarise the Acme renewal"], ["Model", "test-model"], ["Created", "2026-11-24T09:00:00+01:00"], ["Sources", "Acme Corp; Q3 figures.csv"]]) {
			expect(custom).toContain(`name="${name}"><vt:lpwstr>${value}</vt:lpwstr>`);
		}
		expect(custom).not.toContain("Workflow");
		const bare = await exported({ blocks: [], provenance: { ...PROVENANCE, goal: null, model: null, created: null, sources: [] } });
		expect(bare.xml["docProps/core.xml"]).not.toMatch(/dc:subject|dc:description|dcterms:created/);
		expect(bare.xml["docProps/custom.xml"]).not.toContain("<property");
		expect(xmlProblem(bare.xml["word/document.xml"] ?? "")).toBeNull();
	});

	it("writes the same bytes for the same note", async () => {
		const images = await chartImages();
		const document = { blocks: EVERY_BLOCK, provenance: PROVENANCE };
		expect(await exportDocx(document, images)).toEqual(await exportDocx(document, images));
	});
});
