/** The link port: resolve a link the way the vault does, and write one the way the user's vault writes them. */

/**
 * Implemented over `MetadataCache` and `FileManager` in the plugin, and over the file list and the vault's
 * `.obsidian/app.json` link settings in the CLI.
 */
export interface VaultLinks {
	/** The vault path a link (`Project Alpha`, `Reference/How we release.md`) points to from `sourcePath`, or null when nothing matches. */
	resolve(linkpath: string, sourcePath: string): string | null;
	/** The text inside `[[…]]` for a file: the shortest unique name, without `.md` (Obsidian's `fileToLinktext`). */
	linktext(path: string, sourcePath: string): string;
	/** A link to `path` in the user's chosen style (wikilink or markdown; shortest, relative or absolute path). */
	markdownLink(path: string, sourcePath: string, subpath?: string, alias?: string): string;
}
