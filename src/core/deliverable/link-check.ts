/** Checks every link in the model's text against the vault: links that resolve stay, the rest become flagged plain text. */
import type { VaultLinks } from "../ports/vault-links";
import { maskNonProse } from "../notes/markdown-mask";
import { MARKDOWN_LINK, URL_SCHEME, WIKILINK } from "../notes/links";

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
 */
export function checkLinks(text: string, sourcePath: string, links: VaultLinks, plainSources: readonly string[] = []): LinkCheck {
	const unresolved: string[] = [];
	const linked: string[] = [];
	const lines = text.split("\n");
	const masked = maskNonProse(lines);
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
			const verdict = judge(destination, display, sourcePath, links, plainSources);
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
				const verdict = judge(destination, text, sourcePath, links, plainSources);
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
			const verdict = judge(url, text, sourcePath, links, plainSources);
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
function judge(destination: string, display: string, sourcePath: string, links: VaultLinks, plainSources: readonly string[]): { path: string | null; replacement: string | null; unresolved: boolean } {
	// Checked before the `#` split: a resource's URI may hold a fragment.
	if (plainSources.includes(destination.trim())) return { path: null, replacement: display || destination.trim(), unresolved: false };
	const hash = destination.indexOf("#");
	const target = (hash >= 0 ? destination.slice(0, hash) : destination).trim();
	const subpath = hash >= 0 ? destination.slice(hash + 1).trim() : "";
	// `[[#Heading]]` points into the deliverable itself.
	if (target === "") return { path: null, replacement: null, unresolved: false };
	const path = links.resolve(target, sourcePath);
	if (path !== null) return { path, replacement: null, unresolved: false };
	const words = display || (subpath ? `${target} › ${subpath.replace(/^\^/, "")}` : target);
	return { path: null, replacement: `${words}${UNRESOLVED_FLAG}`, unresolved: true };
}

function pushOnce(list: string[], value: string): void {
	if (!list.includes(value)) list.push(value);
}
