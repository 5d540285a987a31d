/** Where a deliverable goes: the name template filled in, kept inside the vault, never on top of an existing file. */
import { vaultPathOf } from "../notes/note-path";

export interface OutputPathValues {
	/** Local date, `YYYY-MM-DD`. */
	date: string;
	/** A title for the deliverable (from the goal or the workflow). */
	title: string;
	/** The workflow's name, or "" for a delegated task. */
	workflow: string;
}

/** `warnings` says which characters or names of the template were replaced to make a file name every platform accepts. */
export type OutputPathResult = { ok: true; path: string; warnings?: string[] } | { ok: false; error: string };

/** Names Windows reserves for devices, with any extension; a vault synced there could not hold the file. */
const RESERVED_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

const KNOWN_PLACEHOLDERS = new Set(["date", "title", "workflow"]);
/** Characters Obsidian refuses in file names, and those that break links to them. */
const UNSAFE_IN_NAME = /[\\/:*?"<>|#^[\]]/g;
const MAX_NAME_LENGTH = 120;

/** Checks a template before it is used, so a typo (`{{tittle}}`) is reported naming the field rather than written into a file name. */
export function checkOutputTemplate(template: string, field: string): string | null {
	for (const match of template.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
		if (!KNOWN_PLACEHOLDERS.has(match[1] ?? "")) return `${field}: {{${match[1] ?? ""}}} is not a placeholder; use {{date}}, {{title}} or {{workflow}}.`;
	}
	if (template.replace(/\{\{[^}]*\}\}/g, "").includes("{{") || /\}\}/.test(template.replace(/\{\{[^}]*\}\}/g, ""))) {
		return `${field}: "${template}" has an unclosed {{ }} placeholder.`;
	}
	if (vaultPathOf(template.replace(/\{\{[^}]*\}\}/g, "x")) === null) return `${field}: "${template}" would leave the vault.`;
	return null;
}

/**
 * Fills the template (`Coworker/{{date}} {{title}}`) and gives the path the extension. Placeholder values
 * cannot add folders or leave the vault: slashes and other unsafe characters in them become spaces.
 */
export function outputPathFrom(template: string, values: OutputPathValues, extension: string, field = "output"): OutputPathResult {
	const problem = checkOutputTemplate(template, field);
	if (problem) return { ok: false, error: problem };
	let filled = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => safeName(values[name as keyof OutputPathValues] ?? ""));
	// Placeholders that came out empty must not turn the folder into the file name.
	if ((filled.split("/").pop() ?? "").replace(/\.md$/i, "").trim() === "") filled = `${filled.replace(/\.md$/i, "").replace(/\/*$/, "")}/Deliverable`;
	const path = vaultPathOf(filled);
	if (path === null || path === "") return { ok: false, error: `${field}: "${template}" does not name a file inside the vault.` };
	const folders = path.split("/");
	const rawName = (folders.pop() ?? "").replace(/\.md$/i, "").trim() || "Deliverable";
	if (folders.some((folder) => folder.startsWith("."))) return { ok: false, error: `${field}: "${template}" points into a hidden folder.` };
	const warnings: string[] = [];
	const portable = [...folders, rawName].map((segment) => portableSegment(segment, field, warnings));
	const name = portable.pop() ?? "Deliverable";
	return { ok: true, path: [...portable, `${name}.${extension}`].join("/"), ...(warnings.length > 0 ? { warnings } : {}) };
}

/** The path itself when free, else the first free `name 2.ext`, `name 3.ext`, … (as Obsidian names copies). */
export async function firstFreePath(path: string, exists: (path: string) => Promise<boolean>, alsoFree: (path: string) => string[] = () => []): Promise<string> {
	const dot = path.lastIndexOf(".");
	const stem = path.slice(0, dot);
	const extension = path.slice(dot);
	for (let n = 1; ; n++) {
		const candidate = n === 1 ? path : `${stem} ${n}${extension}`;
		const companions = alsoFree(candidate);
		const taken = await Promise.all([candidate, ...companions].map(exists));
		if (!taken.some(Boolean)) return candidate;
	}
}

/** A folder or file name every platform Obsidian runs on accepts: unsafe characters become spaces, no trailing dot or space, no device name. */
function portableSegment(segment: string, field: string, warnings: string[]): string {
	let name = segment.replace(UNSAFE_IN_NAME, (character) => {
		warnings.push(`${field}: "${character}" cannot be in a file name on every platform; it was replaced by a space.`);
		return " ";
	});
	name = name.replace(/\s+/g, " ").trim();
	const trimmed = name.replace(/[. ]+$/, "");
	if (trimmed !== name) warnings.push(`${field}: "${segment}" ended in a dot or space, which Windows drops; it was removed.`);
	name = trimmed || "Deliverable";
	if (RESERVED_NAME.test(name)) {
		warnings.push(`${field}: "${name}" is a name Windows reserves for a device; it was written as "${name}_".`);
		name = name.replace(/^([^.]*)/, "$1_");
	}
	return name;
}

function safeName(value: string): string {
	const cleaned = value.replace(UNSAFE_IN_NAME, " ").replace(/\s+/g, " ").trim().replace(/^\.+/, "");
	return cleaned.length > MAX_NAME_LENGTH ? cleaned.slice(0, MAX_NAME_LENGTH).trimEnd() : cleaned;
}

/** A short title from a goal: its first sentence or line, cut at a word. */
export function titleFromGoal(goal: string): string {
	const first = goal.trim().split(/\r?\n/)[0] ?? "";
	const end = first.search(/[.!?]\s/);
	const sentence = end >= 0 ? first.slice(0, end + 1) : first;
	const cleaned = safeName(sentence.replace(/[.!?]+$/, ""));
	if (cleaned.length <= 60) return cleaned || "Deliverable";
	const cut = cleaned.slice(0, 60);
	const space = cut.lastIndexOf(" ");
	return (space > 30 ? cut.slice(0, space) : cut).trimEnd();
}
