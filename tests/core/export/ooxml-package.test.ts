import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { contentTypesXml, corePropertiesXml, customPropertiesXml, packageParts, relationshipsXml, xmlText } from "../../../src/core/export/ooxml/package";

describe("the Office Open XML package", () => {
	it("escapes markup and drops characters XML cannot hold", () => {
		expect(xmlText(`a < b & "c" > d`)).toBe("a &lt; b &amp; &quot;c&quot; &gt; d");
		expect(xmlText("bell\u0007 tab\t line\n \uD800lone")).toBe("bell tab\t line\n lone");
		expect(xmlText("emoji 🙂 stays")).toBe("emoji 🙂 stays");
	});

	it("zips the content types first, XML deflated and images stored, to the same bytes each time", () => {
		const image = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
		const parts = new Map<string, string | Uint8Array>([
			["word/document.xml", "<w:document/>"],
			["word/media/image1.png", image],
			["[Content_Types].xml", contentTypesXml({ png: "image/png" }, { "/word/document.xml": "application/x-test" })],
		]);
		const zip = packageParts(parts);
		expect(packageParts(parts)).toEqual(zip);
		const files = unzipSync(zip);
		expect(Object.keys(files)[0]).toBe("[Content_Types].xml");
		expect(files["word/media/image1.png"]).toEqual(image);
		expect(strFromU8(files["[Content_Types].xml"] ?? new Uint8Array())).toContain('<Override PartName="/word/document.xml" ContentType="application/x-test"/>');
	});

	it("writes document properties, leaving out what is empty or not a date", () => {
		const core = corePropertiesXml({ title: "Q3 & Q4", subject: "", creator: "AI Coworker", created: "2026-12-06T10:00:00+01:00" });
		expect(core).toContain("<dc:title>Q3 &amp; Q4</dc:title>");
		expect(core).not.toContain("dc:subject");
		expect(core).toContain(">2026-12-06T09:00:00Z</dcterms:created>");
		expect(corePropertiesXml({ title: "t", created: "last week" })).not.toContain("dcterms:created");
		const custom = customPropertiesXml([{ name: "Goal", value: "x" }, { name: "Model", value: "" }, { name: "Created", value: "y" }]);
		expect(custom).toContain('pid="2" name="Goal"');
		expect(custom).toContain('pid="3" name="Created"');
		expect(custom).not.toContain("Model");
		expect(relationshipsXml([{ id: "rId1", type: "t", target: "https://a.example/?q=1&r=2", external: true }])).toContain('Target="https://a.example/?q=1&amp;r=2" TargetMode="External"');
	});
});
