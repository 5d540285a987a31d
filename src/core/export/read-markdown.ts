/** Reads a deliverable note into an {@link ExportDocument} with a real Markdown parser (micromark, GFM tables). */
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import type { BlockContent, DefinitionContent, FootnoteDefinition, PhrasingContent, RootContent } from "mdast";
import type { VaultLinks } from "../ports/vault-links";
import { parseFrontmatter } from "../notes/frontmatter";
import { basenameOf } from "../notes/note-path";
import { linkpathOf, URL_SCHEME, WIKILINK } from "../notes/links";
import type { PropertyValue } from "../notes/parsed-note";
import { listOfStrings } from "../notes/tags";
import type { Block, ExportDocument, Provenance, Span, TextSpan } from "./export-document";

/** Image files an office document can hold, as Obsidian embeds them. */
export const IMAGE_EXTENSION = /\.(png|jpe?g|gif)$/i;

export type ReadMarkdownResult = { ok: true; document: ExportDocument } | { ok: false; error: string };

type Marks = Omit<TextSpan, "kind" | "text">;

/**
 * The note's body as blocks, its properties as provenance. A wikilink becomes the linked note's title in
 * plain text (there is no address outside the vault to link to); an embedded image that resolves to no file
 * is the one failure, since the office file would silently lack it.
 */
export function readMarkdown(path: string, text: string, links: VaultLinks): ReadMarkdownResult {
	const lines = text.split(/\r?\n/);
	const frontmatter = parseFrontmatter(lines);
	const body = lines.slice(frontmatter.bodyStartLine).join("\n");
	const tree = fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
	const unresolved: string[] = [];
	const reader = new BlockReader(path, links, unresolved);
	const blocks = [...tree.children.flatMap((node) => reader.block(node)), ...reader.footnotes()];
	if (unresolved.length > 0) {
		return { ok: false, error: `${path}: the embedded image ${unresolved[0]} is not a PNG, JPEG or GIF file in the vault; nothing was exported.` };
	}
	return { ok: true, document: { blocks, provenance: provenanceOf(path, frontmatter.properties, links) } };
}

function provenanceOf(path: string, properties: Record<string, PropertyValue>, links: VaultLinks): Provenance {
	const text = (value: PropertyValue | undefined): string | null => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);
	const title = (link: string): string => {
		if (!/^\s*!?\[\[/.test(link)) return link.trim();
		const target = links.resolve(linkpathOf(link), path);
		return target ? basenameOf(target) : linkpathOf(link);
	};
	const workflow = text(properties.workflow);
	return {
		title: basenameOf(path),
		format: text(properties.format) ?? "report",
		goal: text(properties.goal),
		model: text(properties.model),
		created: text(properties.created),
		workflow: workflow === null ? null : title(workflow),
		sources: listOfStrings(properties.sources).map(title),
	};
}

class BlockReader {
	private lists = 0;
	/** Footnote definitions by identifier, read where they are referenced rather than where they are written. */
	private readonly definitions = new Map<string, FootnoteDefinition>();
	/** Footnote identifiers in the order of their first reference, which gives each its number. */
	private readonly referenced: string[] = [];

	constructor(
		private readonly path: string,
		private readonly links: VaultLinks,
		private readonly unresolved: string[],
	) {}

	block(node: RootContent | BlockContent | DefinitionContent, depth = 0): Block[] {
		switch (node.type) {
			case "heading":
				return [{ kind: "heading", level: node.depth, spans: this.spans(node.children) }];
			case "paragraph":
				return [{ kind: "paragraph", spans: this.spans(node.children) }];
			case "list": {
				const list = this.lists++;
				return node.children.flatMap((item) => {
					const [first, ...rest] = item.children;
					const spans = first?.type === "paragraph" ? this.spans(first.children) : [];
					const following = first?.type === "paragraph" ? rest : item.children;
					const checkbox: Span[] = item.checked === true ? [{ kind: "text", text: "☑ " }] : item.checked === false ? [{ kind: "text", text: "☐ " }] : [];
					return [{ kind: "item", ordered: node.ordered === true, start: node.ordered === true ? (node.start ?? 1) : 1, depth, list, spans: [...checkbox, ...spans] }, ...following.flatMap((child) => this.block(child, depth + 1))];
				});
			}
			case "code":
				return [{ kind: "code", text: node.value }];
			case "blockquote": {
				const inner = node.children.flatMap((child) => this.block(child, depth));
				const first = inner[0];
				const firstText = first && "spans" in first ? plainStart(first.spans) : "";
				if (/^notes?:/i.test(firstText)) {
					const text = inner
						.map((b) => ("spans" in b ? b.spans.map((s) => (s.kind === "text" ? s.text : "")).join("") : b.kind === "code" ? b.text : ""))
						.join("\n")
						.replace(/^notes?:\s*/i, "");
					return [{ kind: "notes", text: text.trim() }];
				}
				return inner.map((b) => (b.kind === "paragraph" ? { kind: "quote", spans: b.spans } : b));
			}
			case "table":
				return [{ kind: "table", rows: node.children.map((row) => row.children.map((cell) => this.spans(cell.children))) }];
			case "thematicBreak":
				return [{ kind: "rule" }];
			case "html":
				// Comments and raw HTML are Obsidian's to show, not content a reader of the office file expects.
				return [];
			case "footnoteDefinition":
				this.definitions.set(node.identifier, node);
				return [];
			default:
				return [];
		}
	}

	/**
	 * The footnotes, after the body as Obsidian's reading view shows them: each as `[n] text` in the order of its
	 * first reference; one never referenced is left out, as GFM leaves it out. Read last, so a footnote that
	 * cites another numbers it too.
	 */
	footnotes(): Block[] {
		const blocks: Block[] = [];
		for (let i = 0; i < this.referenced.length; i++) {
			const definition = this.definitions.get(this.referenced[i] ?? "");
			if (definition === undefined) continue;
			const inner = definition.children.flatMap((child) => this.block(child));
			const mark: Span = { kind: "text", text: `[${i + 1}] ` };
			const first = inner[0];
			if (first?.kind === "paragraph") blocks.push({ kind: "paragraph", spans: merge([mark, ...first.spans]) }, ...inner.slice(1));
			else blocks.push({ kind: "paragraph", spans: [mark] }, ...inner);
		}
		return blocks;
	}

	private footnoteNumber(identifier: string): number {
		const known = this.referenced.indexOf(identifier);
		if (known >= 0) return known + 1;
		this.referenced.push(identifier);
		return this.referenced.length;
	}

	spans(nodes: readonly PhrasingContent[], marks: Marks = {}): Span[] {
		const spans: Span[] = [];
		for (const node of nodes) {
			switch (node.type) {
				case "text":
					spans.push(...this.textWithWikilinks(node.value, marks));
					break;
				case "strong":
					spans.push(...this.spans(node.children, { ...marks, bold: true }));
					break;
				case "emphasis":
					spans.push(...this.spans(node.children, { ...marks, italic: true }));
					break;
				case "delete":
					spans.push(...this.spans(node.children, { ...marks, strike: true }));
					break;
				case "inlineCode":
					spans.push({ kind: "text", text: node.value, ...marks, code: true });
					break;
				case "break":
					spans.push({ kind: "text", text: "\n", ...marks });
					break;
				case "link": {
					// Only addresses outside the vault are links a reader can follow; a relative link to a note reads as its text.
					const external = URL_SCHEME.test(node.url) && !/^obsidian:/i.test(node.url);
					spans.push(...this.spans(node.children, external ? { ...marks, href: node.url } : marks));
					break;
				}
				case "footnoteReference":
					spans.push({ kind: "text", text: `[${this.footnoteNumber(node.identifier)}]`, ...marks });
					break;
				case "image":
					if (URL_SCHEME.test(node.url)) spans.push({ kind: "text", text: node.alt ?? "", ...marks, href: node.url });
					else spans.push(this.embed(decodeURI(node.url), `![${node.alt ?? ""}](${node.url})`));
					break;
				default:
					if ("value" in node && typeof node.value === "string") spans.push({ kind: "text", text: node.value, ...marks });
					else if ("children" in node) spans.push(...this.spans(node.children, marks));
			}
		}
		return merge(spans);
	}

	/** Obsidian's `[[…]]` is not CommonMark: inside text nodes, wikilinks become titles and image embeds images. */
	private textWithWikilinks(text: string, marks: Marks): Span[] {
		const spans: Span[] = [];
		let last = 0;
		for (const match of text.matchAll(WIKILINK)) {
			const at = match.index ?? 0;
			if (at > last) spans.push({ kind: "text", text: text.slice(last, at), ...marks });
			last = at + match[0].length;
			const inside = match[2] ?? "";
			const target = linkpathOf(inside);
			if (match[1] === "!" && IMAGE_EXTENSION.test(target)) {
				spans.push(this.embed(target, match[0]));
				continue;
			}
			const alias = inside.includes("|") ? inside.slice(inside.indexOf("|") + 1).trim() : "";
			const resolved = target === "" ? null : this.links.resolve(target, this.path);
			spans.push({ kind: "text", text: alias || (resolved ? basenameOf(resolved) : target), ...marks });
		}
		if (last < text.length) spans.push({ kind: "text", text: text.slice(last), ...marks });
		return spans;
	}

	private embed(linkpath: string, written: string): Span {
		const resolved = this.links.resolve(linkpath, this.path);
		if (resolved === null || !IMAGE_EXTENSION.test(resolved)) {
			this.unresolved.push(written);
			return { kind: "text", text: written };
		}
		return { kind: "image", path: resolved, written };
	}
}

function plainStart(spans: readonly Span[]): string {
	return spans.map((span) => (span.kind === "text" ? span.text : "")).join("").trimStart();
}

/** Neighbouring text with the same marks as one run, so Word and PowerPoint get as few runs as the note has. */
function merge(spans: Span[]): Span[] {
	const merged: Span[] = [];
	for (const span of spans) {
		const previous = merged[merged.length - 1];
		if (previous?.kind === "text" && span.kind === "text" && sameMarks(previous, span)) merged[merged.length - 1] = { ...previous, text: previous.text + span.text };
		else merged.push(span);
	}
	return merged;
}

function sameMarks(a: TextSpan, b: TextSpan): boolean {
	return a.bold === b.bold && a.italic === b.italic && a.code === b.code && a.strike === b.strike && a.href === b.href;
}
