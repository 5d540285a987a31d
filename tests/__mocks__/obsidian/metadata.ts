/**
 * MetadataCache (link resolution and the frontmatter of the file cache) and FileManager of the Obsidian double.
 */
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { DataWriteOptions } from "./adapter";
import { Events } from "./events";
import { TAbstractFile, TFile, TFolder } from "./files";
import { parentPath } from "./paths";
import type { Vault } from "./vault";

/** Internal: Obsidian's parseLinktext — "path#sub" → { path, subpath: "#sub" }. */
export function parseLinktext(linktext: string): { path: string; subpath: string } {
	const hash = linktext.indexOf("#");
	return hash === -1 ? { path: linktext, subpath: "" } : { path: linktext.slice(0, hash), subpath: linktext.slice(hash) };
}

function linkName(file: TFile): string {
	return file.extension === "md" ? file.basename : file.name;
}

function resolveRelative(sourcePath: string, linkpath: string): string {
	const parts = parentPath(sourcePath) === "/" ? [] : parentPath(sourcePath).split("/");
	for (const segment of linkpath.split("/")) {
		if (segment === "..") parts.pop();
		else if (segment !== "." && segment !== "") parts.push(segment);
	}
	return parts.join("/");
}

/** Shape of Obsidian's CachedMetadata — see Reference/TypeScript API/CachedMetadata.md (only `frontmatter`, the part plugin code reads). */
export interface CachedMetadata {
	/** The parsed YAML frontmatter; absent when the note has none or it does not parse. */
	frontmatter?: Record<string, unknown>;
}

/** The frontmatter as Obsidian's metadata cache holds it: a YAML mapping, or nothing (no block, bad YAML, not a mapping). */
function parsedFrontmatter(data: string): Record<string, unknown> | undefined {
	const { yaml } = splitFrontmatter(data);
	if (yaml === null) return undefined;
	try {
		const parsed = parseYaml(yaml, { schema: "core" }) as unknown;
		return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Fake of MetadataCache — see Reference/TypeScript API/MetadataCache.md: link resolution, and the file cache's
 * frontmatter. As Obsidian does, the cache of a Markdown file is (re)built when the vault reports it created or
 * modified — here at once, in the same turn, where Obsidian parses in a worker moments later — and then
 * 'changed' fires with (file, data, cache); a rename moves it, a delete drops it (with 'deleted').
 */
export class MetadataCache extends Events {
	readonly #caches = new Map<string, CachedMetadata>();

	constructor(private readonly vault: Vault) {
		super();
		const parse = (file: TAbstractFile): void => {
			if (!(file instanceof TFile) || file.extension !== "md") return;
			const data = this.vault.readNow(file);
			const frontmatter = parsedFrontmatter(data);
			const cache: CachedMetadata = frontmatter ? { frontmatter } : {};
			this.#caches.set(file.path, cache);
			this.trigger("changed", file, data, cache);
		};
		vault.on("create", parse);
		vault.on("modify", parse);
		vault.on("rename", (file: TAbstractFile, oldPath: string) => {
			if (!(file instanceof TFile)) return;
			const cache = this.#caches.get(oldPath);
			this.#caches.delete(oldPath);
			if (cache) this.#caches.set(file.path, cache);
		});
		vault.on("delete", (file: TAbstractFile) => {
			const cache = this.#caches.get(file.path);
			if (!cache) return;
			this.#caches.delete(file.path);
			this.trigger("deleted", file, cache);
		});
	}

	/** Fake of MetadataCache.getFileCache — see Reference/TypeScript API/MetadataCache/getFileCache.md (null until the file was parsed, and for non-Markdown files) */
	getFileCache(file: TFile): CachedMetadata | null {
		return this.#caches.get(file.path) ?? null;
	}

	/**
	 * Fake of MetadataCache.getFirstLinkpathDest — see Reference/TypeScript API/MetadataCache/getFirstLinkpathDest.md.
	 * As Obsidian: a "./" or "../" link is relative to the source's folder; otherwise the exact vault
	 * path, then the path + ".md", then any file whose path ends with the linkpath (by name, case-insensitive).
	 * Among several, the one in the source's folder wins, then the shortest path. An empty linkpath is the source itself.
	 */
	getFirstLinkpathDest(linkpath: string, sourcePath: string): TFile | null {
		if (linkpath === "") return this.vault.getFileByPath(sourcePath);
		const direct = linkpath.startsWith("./") || linkpath.startsWith("../") ? resolveRelative(sourcePath, linkpath) : linkpath;
		const exact = this.vault.getFileByPath(direct) ?? this.vault.getFileByPath(`${direct}.md`);
		if (exact) return exact;
		const wanted = direct.toLowerCase();
		const candidates = this.vault.getFiles().filter((file) => {
			const path = file.path.toLowerCase();
			return [wanted, `${wanted}.md`].some((tail) => path === tail || path.endsWith(`/${tail}`));
		});
		const sourceFolder = parentPath(sourcePath);
		candidates.sort((a, b) => Number(parentPath(b.path) === sourceFolder) - Number(parentPath(a.path) === sourceFolder) || a.path.length - b.path.length || a.path.localeCompare(b.path));
		return candidates[0] ?? null;
	}

	/**
	 * Fake of MetadataCache.fileToLinktext — see Reference/TypeScript API/MetadataCache/fileToLinktext.md:
	 * the file name if no other file has the same name (case-insensitive), else the full path;
	 * ".md" is left out unless `omitMdExtension` is false.
	 */
	fileToLinktext(file: TFile, sourcePath: string, omitMdExtension = true): string {
		const omit = omitMdExtension && file.extension === "md";
		const name = omit ? file.basename : file.name;
		const fullPath = omit ? file.path.slice(0, -".md".length) : file.path;
		const clash = this.vault.getFiles().some((other) => other !== file && linkName(other).toLowerCase() === linkName(file).toLowerCase());
		return clash ? fullPath : name;
	}
}

/** Thrown by processFrontMatter when the YAML does not parse (Obsidian throws a YAMLParseError). */
export class YAMLParseError extends Error {
	override name = "YAMLParseError";
}

/** Splits a note into its frontmatter YAML (null if none) and the body after the closing `---` line. */
function splitFrontmatter(data: string): { yaml: string | null; body: string } {
	const lines: string[] = [];
	for (let start = 0; start < data.length; ) {
		const end = data.indexOf("\n", start);
		lines.push(data.slice(start, end === -1 ? data.length : end + 1));
		start = end === -1 ? data.length : end + 1;
	}
	if (lines[0]?.trimEnd() !== "---") return { yaml: null, body: data };
	let offset = lines[0].length;
	for (let i = 1; i < lines.length; i++) {
		const line = lines[i] ?? "";
		if (line.trimEnd() === "---") return { yaml: data.slice(lines[0].length, offset), body: data.slice(offset + line.length) };
		offset += line.length;
	}
	return { yaml: null, body: data };
}

/** Options of the double's FileManager (Obsidian's "Files and links" preferences). */
export interface FileManagerOptions {
	/** "Default location for new notes": the vault root (Obsidian's default), the source's folder, or a folder path. */
	newFileLocation?: "root" | "current" | { folder: string };
	/** "Automatically update internal links" on renameFile; default true. */
	alwaysUpdateLinks?: boolean;
}

const WIKILINK = /(!?)\[\[([^\]|#]*)(#[^\]|]*)?(\|[^\]]*)?\]\]/g;

/** Fake of FileManager — see Reference/TypeScript API/FileManager.md */
export class FileManager {
	constructor(
		private readonly vault: Vault,
		private readonly metadataCache: MetadataCache,
		private readonly options: FileManagerOptions = {},
	) {}

	/** Fake of FileManager.getNewFileParent — see Reference/TypeScript API/FileManager/getNewFileParent.md (falls back to the root) */
	getNewFileParent(sourcePath: string, newFilePath?: string): TFolder {
		const location = this.options.newFileLocation ?? "root";
		if (location === "current" && sourcePath !== "") return this.vault.getFolderByPath(parentPath(sourcePath)) ?? this.vault.getRoot();
		if (typeof location === "object") return this.vault.getFolderByPath(location.folder) ?? this.vault.getRoot();
		return this.vault.getRoot();
	}

	/**
	 * Fake of FileManager.renameFile — see Reference/TypeScript API/FileManager/renameFile.md: renames
	 * through Vault.rename and, unless alwaysUpdateLinks is false, rewrites the `[[wikilinks]]` (and
	 * embeds) that pointed to a renamed note, keeping their #subpath and |alias. Markdown-style
	 * `[text](path)` links are not rewritten.
	 */
	async renameFile(file: TAbstractFile, newPath: string): Promise<void> {
		const moved = new Set<TFile>(file instanceof TFile ? [file] : this.vault.getFiles().filter((f) => f.path.startsWith(`${file.path}/`)));
		// Which linkpath in which note points to which moved file, resolved before the move. TFile objects survive the rename.
		const edits = new Map<TFile, Map<string, TFile>>();
		if (this.options.alwaysUpdateLinks ?? true) {
			for (const source of this.vault.getMarkdownFiles()) {
				const links = new Map<string, TFile>();
				for (const match of this.vault.readNow(source).matchAll(WIKILINK)) {
					const linkpath = match[2] ?? "";
					const dest = linkpath === "" ? null : this.metadataCache.getFirstLinkpathDest(linkpath, source.path);
					if (dest && moved.has(dest)) links.set(linkpath, dest);
				}
				if (links.size > 0) edits.set(source, links);
			}
		}
		await this.vault.rename(file, newPath);
		for (const [source, links] of edits) {
			await this.vault.process(source, (data) =>
				data.replace(WIKILINK, (whole: string, bang: string, linkpath: string, subpath: string | undefined, alias: string | undefined) => {
					const dest = links.get(linkpath);
					return dest ? `${bang}[[${this.metadataCache.fileToLinktext(dest, source.path)}${subpath ?? ""}${alias ?? ""}]]` : whole;
				}),
			);
		}
	}

	/** Fake of FileManager.trashFile — see Reference/TypeScript API/FileManager/trashFile.md (Obsidian's default: system trash, here the local .trash) */
	async trashFile(file: TAbstractFile): Promise<void> {
		await Promise.resolve();
		this.vault.moveToLocalTrash(file);
	}

	/**
	 * Fake of FileManager.generateMarkdownLink — see Reference/TypeScript API/FileManager/generateMarkdownLink.md,
	 * with Obsidian's default preferences (wikilinks, "shortest path when possible"):
	 * `[[linktext#subpath|alias]]`, the linktext from fileToLinktext.
	 */
	generateMarkdownLink(file: TFile, sourcePath: string, subpath?: string, alias?: string): string {
		return `[[${this.metadataCache.fileToLinktext(file, sourcePath)}${subpath ?? ""}${alias ? `|${alias}` : ""}]]`;
	}

	/**
	 * Fake of FileManager.processFrontMatter — see Reference/TypeScript API/FileManager/processFrontMatter.md:
	 * parses the YAML frontmatter (YAML 1.2 core schema: dates stay strings, as in Obsidian), calls `fn`
	 * with the object, and writes it back through Vault.process, leaving the body byte for byte.
	 * Adds a frontmatter block if there was none; drops the block if the object ends up empty. Rejects
	 * with YAMLParseError on bad YAML, or with what `fn` throws, leaving the file untouched.
	 */
	async processFrontMatter(file: TFile, fn: (frontmatter: Record<string, unknown>) => void, options?: DataWriteOptions): Promise<void> {
		await this.vault.process(
			file,
			(data) => {
				const { yaml, body } = splitFrontmatter(data);
				let parsed: unknown;
				try {
					parsed = yaml === null ? {} : ((parseYaml(yaml, { schema: "core" }) as unknown) ?? {});
				} catch (error) {
					throw new YAMLParseError(error instanceof Error ? error.message : String(error));
				}
				if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new YAMLParseError("Frontmatter is not a YAML mapping");
				const frontmatter = parsed as Record<string, unknown>;
				const before = JSON.stringify(frontmatter);
				fn(frontmatter);
				if (JSON.stringify(frontmatter) === before) return data;
				if (Object.keys(frontmatter).length === 0) return body;
				return `---\n${stringifyYaml(frontmatter, { schema: "core", lineWidth: 0 })}---\n${body}`;
			},
			options,
		);
	}
}
