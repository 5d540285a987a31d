/** The note as the exporters see it: what the Markdown parser's tree becomes (lists' first numbers, footnotes, references). */
import { describe, expect, it } from "vitest";
import { readMarkdown } from "../../../src/core/export/read-markdown";
import { plainText, type Block } from "../../../src/core/export/export-document";
import type { VaultLinks } from "../../../src/core/ports/vault-links";

/** A vault of one other note, "Pricing.md". */
const links: VaultLinks = {
	resolve: (linkpath) => (linkpath === "Pricing" ? "Pricing.md" : null),
	linktext: (path) => path.replace(/\.md$/, ""),
	markdownLink: (path) => `[[${path.replace(/\.md$/, "")}]]`,
};

function blocksOf(body: string): Block[] {
	const read = readMarkdown("Reports/Q3.md", `---\ncoworker: deliverable\n---\n${body}`, links);
	if (!read.ok) throw new Error(read.error);
	return read.document.blocks;
}

const textOf = (block: Block | undefined): string => (block && "spans" in block ? plainText(block.spans) : "");

describe("reading a deliverable for export", () => {
	it("keeps an ordered list's first number, and bullets count from 1", () => {
		const blocks = blocksOf("3. Third\n4. Fourth\n\nBetween.\n\n1. One\n\n- Bullet\n");
		const items = blocks.filter((block) => block.kind === "item");
		expect(items.map((item) => [textOf(item), item.kind === "item" && item.ordered, item.kind === "item" && item.start])).toEqual([
			["Third", true, 3],
			["Fourth", true, 3],
			["One", true, 1],
			["Bullet", false, 1],
		]);
		// Two ordered lists, told apart.
		const [third, fourth, one] = items;
		expect(third?.kind === "item" && third.list).toBe(fourth?.kind === "item" && fourth.list);
		expect(one?.kind === "item" && one.list).not.toBe(third?.kind === "item" && third.list);
	});

	it("numbers footnotes by first reference and lists them after the body, leaving out one never cited", () => {
		const blocks = blocksOf(
			[
				"Revenue rose[^growth] while [[Pricing]] held[^flat].",
				"",
				"Again[^growth].",
				"",
				"[^flat]: Unchanged since May, see [^source].",
				"[^growth]: **12 %** on the year.",
				"[^source]: The board pack.",
				"[^unused]: Never cited.",
				"",
				"## After",
			].join("\n"),
		);
		expect(blocks.map(textOf)).toEqual(["Revenue rose[1] while Pricing held[2].", "Again[1].", "After", "[1] 12 % on the year.", "[2] Unchanged since May, see [3].", "[3] The board pack."]);
		const growth = blocks[3];
		// The mark is plain; the footnote's own marks are kept.
		expect(growth?.kind === "paragraph" && growth.spans).toEqual([
			{ kind: "text", text: "[1] " },
			{ kind: "text", text: "12 %", bold: true },
			{ kind: "text", text: " on the year." },
		]);
	});

	it("decodes character references as CommonMark does and keeps an unknown one as written", () => {
		expect(blocksOf("&copy; 2026 &amp; &#x41;&#66; &notAnEntity;").map(textOf)).toEqual(["© 2026 & AB &notAnEntity;"]);
	});
});
