/**
 * Vault path helpers of the Obsidian double. Vault paths have no leading slash; "/" is the root.
 */

/** Characters Obsidian refuses in file names. */
export const FORBIDDEN_CHARS = /[*"\\<>:|?]/;

/** Internal: the error Node's fs would throw, with its `code`. */
export class FsError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

/** Internal: "" and "/" are the root; otherwise the folder part of a vault path ("/" when there is none). */
export function parentPath(path: string): string {
	const slash = path.lastIndexOf("/");
	return slash <= 0 ? "/" : path.slice(0, slash);
}

/** Internal: joins a folder path and a child name. */
export function childPath(folder: string, name: string): string {
	return folder === "/" || folder === "" ? name : `${folder}/${name}`;
}

/** Internal: removes `item` from `list` if present. */
export function removeFrom<T>(list: T[], item: T): void {
	const index = list.indexOf(item);
	if (index !== -1) list.splice(index, 1);
}

/** Internal: whether any segment starts with "." (hidden entries are not part of the vault). */
export function isHiddenPath(path: string): boolean {
	return path.split("/").some((segment) => segment.startsWith("."));
}

/** Internal: whether a directory entry name is part of the vault. */
export function isVisibleEntry(name: string): boolean {
	return !name.startsWith(".");
}
