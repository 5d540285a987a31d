/** Edits named properties of a note's frontmatter in place, leaving every other byte as it was, or refuses and changes nothing. */
import matter from "gray-matter";
import { scalar } from "../deliverable/frontmatter-yaml";
import { parseFrontmatter } from "../notes/frontmatter";
import { listOfStrings } from "../notes/tags";

export type ScalarValue = string | number | boolean;

export type FrontmatterEdit = { ok: true; text: string } | { ok: false; error: string };

const BOM = "\uFEFF";
// gray-matter caches every parsed string unless it gets an options object (see notes/frontmatter.ts).
const GRAY_MATTER_OPTIONS = {};

/**
 * Sets top-level scalar properties by rewriting only their own lines (or adding a line before the end of the
 * block); other properties, comments and the body keep their bytes, line endings included. A property written
 * as a multi-line value (a list, a block) is replaced whole; a quoted key, an anchor and an inline comment on
 * the edited line are kept. Adds a frontmatter block if there is none. The result is parsed again: unless every
 * other property reads as before and the new values read as given, the edit is refused, naming why.
 */
export function editFrontmatterProperties(original: string, values: Record<string, ScalarValue>): FrontmatterEdit {
	const bom = original.startsWith(BOM) ? BOM : "";
	const text = original.slice(bom.length);
	// Each line keeps its own ending: "\r" stays on the line it was on.
	const lines = text.split("\n");
	const ending = (lines[0] ?? "").endsWith("\r") ? "\r" : "";
	if (bare(lines[0]).trimEnd() !== "---") {
		const block = ["---", ...Object.entries(values).map(([key, value]) => `${key}: ${scalar(value)}`), "---"];
		return { ok: true, text: bom + block.map((line) => line + ending).join("\n") + "\n" + text };
	}
	const close = lines.findIndex((line, i) => i > 0 && bare(line).trimEnd() === "---");
	if (close < 0) return { ok: false, error: "the frontmatter has no closing ---" };
	const before = parseYaml(lines.slice(1, close));
	if (!before.ok) return { ok: false, error: `the frontmatter is not valid YAML (${before.error})` };
	// A YAML document may end early with `...`; new properties go before it, or they would start a second document.
	const documentEnd = lines.findIndex((line, i) => i > 0 && i < close && bare(line).trimEnd() === "...");
	let end = documentEnd >= 0 ? documentEnd : close;
	for (const [key, value] of Object.entries(values)) {
		const keyLine = new RegExp(`^(${quotedForms(key)})(\\s*:(?:[ \\t]+|$))`);
		const at = lines.findIndex((candidate, i) => i > 0 && i < end && keyLine.test(bare(candidate)));
		if (at < 0) {
			lines.splice(end, 0, `${key}: ${scalar(value)}${ending}`);
			end++;
			continue;
		}
		const old = bare(lines[at]);
		const match = keyLine.exec(old);
		const rest = old.slice(match?.[0].length ?? old.length);
		const anchor = /^&[^\s]+[ \t]+/.exec(rest)?.[0] ?? "";
		const line = `${match?.[1] ?? key}: ${anchor}${scalar(value)}${inlineComment(old)}${ending}`;
		let last = at;
		while (last + 1 < end && /^(\s+\S|-\s)/.test(bare(lines[last + 1]))) last++;
		lines.splice(at, last - at + 1, line);
		end -= last - at;
	}
	const newClose = lines.findIndex((line, i) => i > 0 && bare(line).trimEnd() === "---");
	const after = parseYaml(lines.slice(1, newClose));
	if (!after.ok) return { ok: false, error: `the change would make the frontmatter invalid YAML (${after.error})` };
	for (const [key, value] of Object.entries(values)) {
		if (!sameValue(after.data[key], value)) return { ok: false, error: `${key} would not read back as ${String(value)}` };
	}
	for (const key of new Set([...Object.keys(before.data), ...Object.keys(after.data)])) {
		if (key in values) continue;
		if (JSON.stringify(before.data[key]) !== JSON.stringify(after.data[key])) return { ok: false, error: `the change would also change ${key}` };
	}
	return { ok: true, text: bom + lines.join("\n") };
}

/** As {@link editFrontmatterProperties}, throwing the reason when the edit is refused. */
export function setFrontmatterProperties(text: string, values: Record<string, ScalarValue>): string {
	const edit = editFrontmatterProperties(text, values);
	if (!edit.ok) throw new Error(edit.error);
	return edit.text;
}

function bare(line: string | undefined): string {
	return (line ?? "").replace(/\r$/, "");
}

/** The key as YAML may write it at the start of a line: plain, double- or single-quoted. */
function quotedForms(key: string): string {
	const plain = escapeRegExp(key);
	return `${plain}|"${plain}"|'${plain}'`;
}

/** The ` # …` comment ending a one-line property, found as the first `#` after a space whose removal leaves the value as it was. */
function inlineComment(line: string): string {
	const whole = parseYaml([line]);
	if (!whole.ok) return "";
	for (const match of line.matchAll(/[ \t]+#/g)) {
		const cut = parseYaml([line.slice(0, match.index)]);
		if (cut.ok && JSON.stringify(cut.data) === JSON.stringify(whole.data)) return line.slice(match.index);
	}
	return "";
}

type YamlRead = { ok: true; data: Record<string, unknown> } | { ok: false; error: string };

function parseYaml(lines: string[]): YamlRead {
	const yaml = lines.map(bare).join("\n");
	if (yaml.trim() === "") return { ok: true, data: {} };
	try {
		const data: unknown = matter(`---\n${yaml}\n---\n`, GRAY_MATTER_OPTIONS).data;
		if (data === null || typeof data !== "object" || Array.isArray(data)) return { ok: false, error: "it is not a list of properties" };
		return { ok: true, data: data as Record<string, unknown> };
	} catch (error) {
		return { ok: false, error: (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "" };
	}
}

/** Whether YAML read the written value back as given (a timestamp may come back as a Date). */
function sameValue(read: unknown, value: ScalarValue): boolean {
	if (read instanceof Date) return typeof value === "string" && !Number.isNaN(Date.parse(value)) && Date.parse(value) === read.getTime();
	return read === value;
}

/**
 * Adds `item` to the list property `key` (written as a block list), keeping the entries it had and every
 * other line of the note; an item already there is not added twice. A scalar value becomes the list's first entry.
 */
export function addToListProperty(text: string, key: string, item: string): string {
	const existing = listOfStrings(parseFrontmatter(text.split(/\r?\n/)).properties[key]);
	if (existing.includes(item)) return text;
	const ending = text.split("\n")[0]?.endsWith("\r") ? "\r" : "";
	const marker = `__coworker_list_${Date.now()}__`;
	// The key's own lines are replaced as setFrontmatterProperties replaces them, then the marker becomes the list.
	const withMarker = setFrontmatterProperties(text, { [key]: marker });
	const list = [`${key}:`, ...[...existing, item].map((entry) => `  - ${scalar(entry)}`)].join(`${ending}\n`);
	return withMarker.replace(`${key}: ${marker}`, list);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
