/** The link port over `MetadataCache` and `FileManager`: links resolve and are written exactly as the user's vault does. */
import type { FileManager, MetadataCache, Vault } from "obsidian";
import type { VaultLinks } from "../../core/ports/vault-links";

export class ObsidianVaultLinks implements VaultLinks {
	constructor(
		private readonly vault: Vault,
		private readonly metadataCache: MetadataCache,
		private readonly fileManager: FileManager,
	) {}

	resolve(linkpath: string, sourcePath: string): string | null {
		return this.metadataCache.getFirstLinkpathDest(linkpath, sourcePath)?.path ?? null;
	}

	linktext(path: string, sourcePath: string): string {
		const file = this.vault.getFileByPath(path);
		return file ? this.metadataCache.fileToLinktext(file, sourcePath) : nameOf(path);
	}

	/**
	 * `generateMarkdownLink` follows the user's link settings but needs a file that exists. A run links to
	 * its own CSV before writing it (nothing is written until everything is ready), so that one link is a
	 * wikilink, which Obsidian resolves whatever the settings.
	 */
	markdownLink(path: string, sourcePath: string, subpath?: string, alias?: string): string {
		const file = this.vault.getFileByPath(path);
		if (file) return this.fileManager.generateMarkdownLink(file, sourcePath, subpath, alias);
		return `[[${nameOf(path)}${subpath ?? ""}${alias ? `|${alias}` : ""}]]`;
	}
}

function nameOf(path: string): string {
	return path.slice(path.lastIndexOf("/") + 1).replace(/\.md$/i, "");
}
