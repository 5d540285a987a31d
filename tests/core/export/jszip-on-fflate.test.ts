import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import JSZip from "../../../src/core/export/jszip-on-fflate";

/** The compression method of each local file header, by name: 0 stored, 8 deflated (APPNOTE 4.3.7). */
function methodsOf(zip: Uint8Array): Record<string, number> {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const methods: Record<string, number> = {};
	let at = 0;
	while (view.getUint32(at, true) === 0x04034b50) {
		const method = view.getUint16(at + 8, true);
		const size = view.getUint32(at + 18, true);
		const nameLength = view.getUint16(at + 26, true);
		const extraLength = view.getUint16(at + 28, true);
		methods[strFromU8(zip.subarray(at + 30, at + 30 + nameLength))] = method;
		at += 30 + nameLength + extraLength + size;
	}
	return methods;
}

// pptxgenjs's calls, as it makes them: folders first, text parts, base64 media, then one generateAsync.
function presentationLike(): JSZip {
	const zip = new JSZip();
	zip.folder("ppt").folder("_rels");
	zip.folder("ppt/media");
	zip.file("[Content_Types].xml", "<Types/>");
	zip.folder("ppt").file("presentation.xml", "<p:presentation>Café – ünïcode</p:presentation>");
	zip.file("ppt/media/image-1.png", "iVBORw0K\nGgo=", { base64: true });
	zip.file("[Content_Types].xml", "<Types>again</Types>");
	return zip;
}

describe("the JSZip stand-in on fflate", () => {
	it("writes text as UTF-8, base64 as its bytes, under folder paths, in the order first added, with no entries for folders", async () => {
		const bytes = (await presentationLike().generateAsync({ type: "uint8array" })) as Uint8Array;
		const files = unzipSync(bytes);
		expect(Object.keys(files)).toEqual(["[Content_Types].xml", "ppt/presentation.xml", "ppt/media/image-1.png"]);
		expect(strFromU8(files["[Content_Types].xml"] ?? new Uint8Array())).toBe("<Types>again</Types>");
		expect(strFromU8(files["ppt/presentation.xml"] ?? new Uint8Array())).toBe("<p:presentation>Café – ünïcode</p:presentation>");
		expect([...(files["ppt/media/image-1.png"] ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	});

	it("stores by default and deflates when asked, as JSZip does", async () => {
		const stored = (await presentationLike().generateAsync({ type: "uint8array" })) as Uint8Array;
		const deflated = (await presentationLike().generateAsync({ type: "uint8array", compression: "DEFLATE" })) as Uint8Array;
		expect(Object.values(methodsOf(stored))).toEqual([0, 0, 0]);
		expect(Object.values(methodsOf(deflated))).toEqual([8, 8, 8]);
		expect(unzipSync(deflated)).toEqual(unzipSync(stored));
	});

	it("returns the same archive as an ArrayBuffer, base64 or a Blob, and refuses a type it cannot make in one sentence", async () => {
		const zip = presentationLike();
		const bytes = (await zip.generateAsync({ type: "uint8array" })) as Uint8Array;
		const sameFiles = (other: Uint8Array): void => expect(unzipSync(other)).toEqual(unzipSync(bytes));
		sameFiles(new Uint8Array((await zip.generateAsync({ type: "arraybuffer" })) as ArrayBuffer));
		sameFiles(Uint8Array.from(atob((await zip.generateAsync({ type: "base64" })) as string), (c) => c.charCodeAt(0)));
		const blob = (await zip.generateAsync({ type: "blob" })) as Blob;
		expect(blob.type).toBe("application/zip");
		sameFiles(new Uint8Array(await blob.arrayBuffer()));
		await expect(zip.generateAsync({ type: "nodebuffer" })).rejects.toThrow('The zip writer cannot return "nodebuffer"; ask for one of uint8array, arraybuffer, base64, binarystring, string, blob.');
	});
});
