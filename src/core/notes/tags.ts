/** Tags: read from frontmatter and body, normalised, and matched with their parents (`#client/acme` is in `#client`). */
import type { PropertyValue } from "./parsed-note";

// A tag is `#` then letters, digits, `_`, `-`, `/`, with at least one non-digit (Obsidian ignores `#123`).
const INLINE_TAG = /(^|[\s,;:([{])#([\p{L}\p{N}_\-/]+)/gu;

/** `#Client/Acme/` → `client/acme`; returns null for something that cannot be a tag. */
export function normalizeTag(raw: string): string | null {
	const tag = raw.trim().replace(/^#+/, "").replace(/\/+$/, "").toLowerCase();
	if (tag === "" || /^[\p{N}/]+$/u.test(tag) || /\s/.test(tag)) return null;
	return tag;
}

/** Tags from the `tags` (or `tag`) property: a list, or a string separated by commas or spaces. */
export function tagsFromProperties(properties: Record<string, PropertyValue>): string[] {
	const tags: string[] = [];
	for (const key of ["tags", "tag"]) {
		for (const value of listOfStrings(properties[key])) {
			for (const piece of value.split(/[,\s]+/)) {
				const tag = normalizeTag(piece);
				if (tag) tags.push(tag);
			}
		}
	}
	return tags;
}

/** Inline `#tags` in body lines already masked for code (see markdown-mask.ts). */
export function inlineTags(maskedLines: readonly string[]): string[] {
	const tags: string[] = [];
	for (const line of maskedLines) {
		if (!line.includes("#")) continue;
		for (const match of line.matchAll(INLINE_TAG)) {
			const tag = normalizeTag(match[2] ?? "");
			if (tag) tags.push(tag);
		}
	}
	return tags;
}

/** `client/acme/emea` → `client`, `client/acme`, `client/acme/emea`: what a tag filter or search should match. */
export function withParentTags(tags: readonly string[]): string[] {
	const all = new Set<string>();
	for (const tag of tags) {
		const parts = tag.split("/");
		for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join("/"));
	}
	return [...all];
}

/** True when the note's tags include `wanted` or a tag nested under it. */
export function hasTag(noteTags: readonly string[], wanted: string): boolean {
	const tag = normalizeTag(wanted);
	if (!tag) return false;
	return noteTags.some((t) => t === tag || t.startsWith(tag + "/"));
}

/** A property that may hold one string or a list of them (`aliases`, `tags`). */
export function listOfStrings(value: PropertyValue | undefined): string[] {
	if (typeof value === "string") return [value];
	if (typeof value === "number") return [String(value)];
	if (Array.isArray(value)) return value.flatMap((v) => (typeof v === "string" || typeof v === "number" ? [String(v)] : []));
	return [];
}
