/** Checks every link in the model's text against the vault: links that resolve stay, the rest become flagged plain text. */
import type { VaultLinks } from "../ports/vault-links";
import { maskNonProse } from "../notes/markdown-mask";
import { MARKDOWN_LINK, URL_SCHEME, WIKILINK } from "../notes/links";
import { headingOf } from "../notes/sections";

export interface LinkCheck {
	text: string;
	/** Each link that did not resolve, as the model wrote it (`[[Vendor shortlist]]`). */
	unresolved: string[];
	/** Vault paths the text links to, in order of first appearance. */
	linked: string[];
}

/** What replaces a link that goes nowhere: the words stay readable, and the flag says why they are no longer a link. */
export const UNRESOLVED_FLAG = " (unresolved link)";

/**
 * Resolves each wikilink, embed and internal markdown link from `sourcePath` (the deliverable's own path).
 * Code blocks and inline code are left alone: a link there is an example, not a reference.
 * `plainSources` are the run's sources that are no files (MCP resources, by `server/uri`): a link to one
 * becomes its plain text, since the citation is right even though nothing in the vault can be linked.
 * A link into the deliverable itself (`[[#Risks]]`, `[[#^summary]]`, `[text](#Risks)`) resolves when the text, or
 * `addedHeadings` (the sections the pipeline appends, such as Sources), has that heading or block.
 */
export function checkLinks(text: string, sourcePath: string, links: VaultLinks, plainSources: readonly string[] = [], addedHeadings: readonly string[] = []): LinkCheck {
	const unresolved: string[] = [];
	const linked: string[] = [];
	const lines = text.split("\n");
	const masked = maskNonProse(lines);
	const own = ownAnchors(masked, addedHeadings);
	const result = lines.map((line, i) => {
		const maskedLine = masked[i] ?? line;
		if (!maskedLine.includes("[")) return line;
		const replacements: { start: number; end: number; with: string }[] = [];
		const markdownLinks = [...maskedLine.matchAll(MARKDOWN_LINK)];
		// `[text]([[Note]])`, which models do write, is one link: judged once, as the wikilink inside it.
		const wrapped = markdownLinks.filter((match) => /^\[\[.*\]\]$/.test(match[3] ?? ""));
		const inside = (start: number, end: number, spans: readonly RegExpMatchArray[]): boolean =>
			spans.some((span) => (span.index ?? 0) < end && start < (span.index ?? 0) + span[0].length);
		const wikilinkSpans: RegExpMatchArray[] = [];
		for (const match of maskedLine.matchAll(WIKILINK)) {
			if (inside(match.index, match.index + match[0].length, wrapped)) continue;
			wikilinkSpans.push(match);
			const inner = line.slice(match.index + (match[1] ?? "").length + 2, match.index + match[0].length - 2);
			const pipe = inner.indexOf("|");
			const destination = (pipe >= 0 ? inner.slice(0, pipe) : inner).replace(/\\$/, "").trim();
			const display = pipe >= 0 ? inner.slice(pipe + 1).trim() : "";
			const verdict = judge(destination, display, sourcePath, links, plainSources, own);
			if (verdict.path) pushOnce(linked, verdict.path);
			if (verdict.unresolved) unresolved.push(line.slice(match.index, match.index + match[0].length));
			if (verdict.replacement !== null) {
				replacements.push({ start: match.index, end: match.index + match[0].length, with: verdict.replacement });
			}
		}
		for (const match of markdownLinks) {
			const start = match.index ?? 0;
			const end = start + match[0].length;
			if (inside(start, end, wikilinkSpans)) continue;
			const text = (match[2] ?? "").trim();
			const rawUrl = match[3] ?? "";
			if (wrapped.includes(match)) {
				const destination = (rawUrl.slice(2, -2).split("|")[0] ?? "").trim();
				const verdict = judge(destination, text, sourcePath, links, plainSources, own);
				if (verdict.path) pushOnce(linked, verdict.path);
				else if (verdict.unresolved || verdict.replacement === null) unresolved.push(line.slice(start, end));
				replacements.push({ start, end, with: verdict.replacement ?? `[[${destination}${text ? `|${text}` : ""}]]` });
				continue;
			}
			let url = rawUrl.startsWith("<") ? rawUrl.slice(1, -1) : rawUrl;
			if (URL_SCHEME.test(url) || url.startsWith("//")) continue;
			try {
				url = decodeURIComponent(url);
			} catch {
				// Not an escape sequence: judge the link as written.
			}
			const verdict = judge(url, text, sourcePath, links, plainSources, own);
			if (verdict.path) pushOnce(linked, verdict.path);
			if (verdict.unresolved) unresolved.push(line.slice(start, end));
			if (verdict.replacement !== null) {
				replacements.push({ start, end, with: verdict.replacement });
			}
		}
		let out = line;
		for (const r of replacements.sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + r.with + out.slice(r.end);
		return out;
	});
	return { text: result.join("\n"), unresolved, linked };
}

/** The resolved path, or the plain text to put in the link's place (flagged when the link goes nowhere). */
function judge(
	destination: string,
	display: string,
	sourcePath: string,
	links: VaultLinks,
	plainSources: readonly string[],
	own: OwnAnchors,
): { path: string | null; replacement: string | null; unresolved: boolean } {
	// Checked before the `#` split: a resource's URI may hold a fragment.
	if (plainSources.includes(destination.trim())) return { path: null, replacement: display || destination.trim(), unresolved: false };
	const hash = destination.indexOf("#");
	const target = (hash >= 0 ? destination.slice(0, hash) : destination).trim();
	const subpath = hash >= 0 ? destination.slice(hash + 1).trim() : "";
	// `[[#Heading]]` points into the deliverable itself: it resolves when the deliverable has that heading or block.
	if (target === "") {
		if (subpath === "" || hasAnchor(own, subpath)) return { path: null, replacement: null, unresolved: false };
		const words = display || subpath.replace(/^\^/, "").split("#").filter((part) => part.trim() !== "").join(" › ");
		return { path: null, replacement: `${words}${UNRESOLVED_FLAG}`, unresolved: true };
	}
	const path = links.resolve(target, sourcePath);
	if (path !== null) return { path, replacement: null, unresolved: false };
	const words = display || (subpath ? `${target} › ${subpath.replace(/^\^/, "")}` : target);
	return { path: null, replacement: `${words}${UNRESOLVED_FLAG}`, unresolved: true };
}

function pushOnce(list: string[], value: string): void {
	if (!list.includes(value)) list.push(value);
}

/** The headings (compared as {@link headingKey}s) and block ids (`^summary`) a deliverable has. */
interface OwnAnchors {
	headings: Set<string>;
	blocks: Set<string>;
}

const BLOCK_ID = /\s\^([A-Za-z0-9-]+)\s*$/;

function ownAnchors(masked: readonly string[], addedHeadings: readonly string[]): OwnAnchors {
	const headings = new Set(addedHeadings.map(headingKey));
	const blocks = new Set<string>();
	for (const line of masked) {
		const heading = headingOf(line);
		if (heading) headings.add(headingKey(heading.text));
		const block = BLOCK_ID.exec(line);
		if (block?.[1]) blocks.add(block[1].toLowerCase());
	}
	return { headings, blocks };
}

/** `Risks`, `^summary`, or `Risks#Vendor` (a subheading: judged by its last heading, as Obsidian finds it). */
function hasAnchor(own: OwnAnchors, subpath: string): boolean {
	if (subpath.startsWith("^")) return own.blocks.has(subpath.slice(1).trim().toLowerCase());
	const last = subpath.split("#").filter((part) => part.trim() !== "").at(-1) ?? "";
	return own.headings.has(headingKey(last));
}

/**
 * A heading as links match it, leniently, as Obsidian does: case does not matter, and the characters a link
 * cannot hold (`# | ^ : %% [[ ]]`, per Obsidian's help on internal links, which its link suggester writes as
 * spaces) or that are only formatting (`*`, `_`, `` ` ``, `~`, `=`, `\`) are read as spaces, runs of spaces as one.
 */
function headingKey(heading: string): string {
	return heading
		.toLowerCase()
		.replace(/[#|^:%[\]*_`~=\\]/g, " ")
		.replace(/\s+/g, " ")
		.trim();
}
