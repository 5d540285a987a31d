/** Obsidian's link resolution and link writing over a plain list of vault files, for places without the app (the CLI). */
import type { VaultLinks } from "../ports/vault-links";

/** The vault's link preferences (Settings → Files and links), as `.obsidian/app.json` stores them. */
export interface LinkStyle {
	useMarkdownLinks: boolean;
	newLinkFormat: "shortest" | "relative" | "absolute";
}

export const DEFAULT_LINK_STYLE: LinkStyle = { useMarkdownLinks: false, newLinkFormat: "shortest" };

/**
 * Resolves as `MetadataCache.getFirstLinkpathDest` does: a `./` or `../` link from the source's folder;
 * otherwise the exact path, the path plus `.md`, then any file whose path ends with the link
 * (case-insensitive), preferring the source's folder, then the shortest path.
 */
export class LinkResolver implements VaultLinks {
	private readonly byLowerPath = new Map<string, string>();
	private readonly nameCounts = new Map<string, number>();

	constructor(
		private readonly files: readonly string[],
		private readonly style: LinkStyle = DEFAULT_LINK_STYLE,
	) {
		for (const path of files) {
			this.byLowerPath.set(path.toLowerCase(), path);
			const name = linkName(path).toLowerCase();
			this.nameCounts.set(name, (this.nameCounts.get(name) ?? 0) + 1);
		}
	}

	/** Adds a file written after the resolver was built (a deliverable links to its own CSV). */
	withFiles(paths: readonly string[]): LinkResolver {
		return new LinkResolver([...this.files, ...paths], this.style);
	}

	resolve(linkpath: string, sourcePath: string): string | null {
		const link = linkpath.trim();
		if (link === "") return null;
		const direct = link.startsWith("./") || link.startsWith("../") ? relativeTo(sourcePath, link) : link.replace(/^\/+/, "");
		if (direct === null) return null;
		const lower = direct.toLowerCase();
		const exact = this.byLowerPath.get(lower) ?? this.byLowerPath.get(`${lower}.md`);
		if (exact) return exact;
		const sourceFolder = parentOf(sourcePath);
		const candidates = this.files.filter((path) => {
			const candidate = path.toLowerCase();
			return candidate.endsWith(`/${lower}`) || candidate.endsWith(`/${lower}.md`);
		});
		candidates.sort((a, b) => Number(parentOf(b) === sourceFolder) - Number(parentOf(a) === sourceFolder) || a.length - b.length || a.localeCompare(b));
		return candidates[0] ?? null;
	}

	linktext(path: string, sourcePath: string): string {
		const withoutMd = path.replace(/\.md$/i, "");
		if (this.style.newLinkFormat === "absolute") return withoutMd;
		if (this.style.newLinkFormat === "relative") return relativePath(parentOf(sourcePath), withoutMd);
		const unique = (this.nameCounts.get(linkName(path).toLowerCase()) ?? 0) <= 1;
		return unique ? linkName(path) : withoutMd;
	}

	markdownLink(path: string, sourcePath: string, subpath = "", alias?: string): string {
		const linktext = this.linktext(path, sourcePath);
		if (!this.style.useMarkdownLinks) return `[[${linktext}${subpath}${alias ? `|${alias}` : ""}]]`;
		const target = /\.md$/i.test(path) ? `${linktext}.md` : linktext;
		const text = alias ?? linkName(path);
		return `[${text}](${encodeURI(target).replace(/\(/g, "%28").replace(/\)/g, "%29")}${subpath ? encodeURI(subpath) : ""})`;
	}
}

/** How a file is named in a wikilink: notes without `.md`, other files with their extension. */
function linkName(path: string): string {
	const name = path.slice(path.lastIndexOf("/") + 1);
	return name.replace(/\.md$/i, "");
}

function parentOf(path: string): string {
	const slash = path.lastIndexOf("/");
	return slash < 0 ? "" : path.slice(0, slash);
}

function relativeTo(sourcePath: string, link: string): string | null {
	const parts = parentOf(sourcePath).split("/").filter((part) => part !== "");
	for (const part of link.split("/")) {
		if (part === "" || part === ".") continue;
		if (part === "..") {
			if (parts.length === 0) return null;
			parts.pop();
		} else parts.push(part);
	}
	return parts.join("/");
}

function relativePath(fromFolder: string, to: string): string {
	const from = fromFolder.split("/").filter((part) => part !== "");
	const target = to.split("/");
	let common = 0;
	while (common < from.length && common < target.length - 1 && from[common] === target[common]) common++;
	const ups = from.length - common;
	const rest = target.slice(common).join("/");
	return ups === 0 ? rest : `${"../".repeat(ups)}${rest}`;
}
