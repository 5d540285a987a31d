/** Frontmatter: finds the YAML block at the top of a note and parses it with gray-matter, never throwing. */
import matter from "gray-matter";
import type { PropertyValue } from "./parsed-note";
import { leniencyFindsPrivate } from "./lenient-privacy";

export interface FrontmatterResult {
	/** Normalised properties; empty when there is no frontmatter or it could not be parsed. */
	properties: Record<string, PropertyValue>;
	/** Index of the first body line in the file's lines. */
	bodyStartLine: number;
	/** The YAML error, with its 1-based line in the file, when the block could not be parsed. */
	error?: { message: string; line?: number };
}

// gray-matter caches every parsed string in a module-level map unless it gets an options object; with
// thousands of notes that cache would hold a second copy of the vault, so we always pass one.
const GRAY_MATTER_OPTIONS = {};

/** What a note's privacy rests on when the YAML cannot say it: the properties read leniently. */
const PRIVATE_BY_DOUBT: Record<string, PropertyValue> = { coworker: "private" };

/**
 * Splits off and parses the frontmatter of a note given as lines (without a byte-order mark). `cut` says the
 * text was cut at the size limit: a frontmatter still open at the cut may hold the private flag further on.
 */
export function parseFrontmatter(lines: readonly string[], cut = false): FrontmatterResult {
	if (lines.length === 0 || (lines[0] ?? "").trimEnd() !== "---") return { properties: {}, bodyStartLine: 0 };
	let end = -1;
	for (let i = 1; i < lines.length; i++) {
		if ((lines[i] ?? "").trimEnd() === "---") {
			end = i;
			break;
		}
	}
	if (end < 0) {
		// Privacy fails closed: a block cut at the size limit, or one that names the flag, keeps the note private.
		if (cut) return { properties: { ...PRIVATE_BY_DOUBT }, bodyStartLine: 0, error: { message: "the frontmatter is longer than the size limit, so the note is treated as private" } };
		// Otherwise Obsidian reads the whole file as body, and so do we.
		return { properties: leniencyFindsPrivate(lines.slice(1)) ? { ...PRIVATE_BY_DOUBT } : {}, bodyStartLine: 0 };
	}
	const yamlLines = lines.slice(1, end);
	const yaml = yamlLines.join("\n");
	if (yaml.trim() === "") return { properties: {}, bodyStartLine: end + 1 };
	const lenient = (): Record<string, PropertyValue> => (leniencyFindsPrivate(yamlLines) ? { ...PRIVATE_BY_DOUBT } : {});
	try {
		const data: unknown = matter(`---\n${yaml}\n---\n`, GRAY_MATTER_OPTIONS).data;
		if (data === null || typeof data !== "object" || Array.isArray(data)) {
			return { properties: lenient(), bodyStartLine: end + 1, error: { message: "the frontmatter is not a list of properties", line: 2 } };
		}
		return { properties: normalizeProperties(data as Record<string, unknown>), bodyStartLine: end + 1 };
	} catch (error) {
		return { properties: lenient(), bodyStartLine: end + 1, error: yamlError(error, end) };
	}
}

/** `lastYamlLine` is the 1-based file line of the last YAML line: errors found at the end of the stream point there. */
function yamlError(error: unknown, lastYamlLine: number): { message: string; line?: number } {
	const mark = (error as { mark?: { line?: number } } | null)?.mark;
	const reason = (error as { reason?: string } | null)?.reason ?? (error instanceof Error ? error.message.split("\n")[0] : String(error));
	// js-yaml counts lines from 0 inside the YAML; the YAML starts on the file's second line.
	const message = reason ?? "invalid YAML";
	return typeof mark?.line === "number" ? { message, line: Math.min(mark.line + 2, lastYamlLine) } : { message };
}

/** Builds a fresh JSON-safe copy: gray-matter's result must never be mutated, and js-yaml yields Dates. */
function normalizeProperties(data: Record<string, unknown>): Record<string, PropertyValue> {
	const out: Record<string, PropertyValue> = {};
	for (const [key, value] of Object.entries(data)) out[key] = normalizeValue(value);
	return out;
}

function normalizeValue(value: unknown): PropertyValue {
	if (value === null || value === undefined) return null;
	if (typeof value === "string" || typeof value === "boolean") return value;
	if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
	if (value instanceof Date) return dateToString(value);
	if (Array.isArray(value)) return value.map(normalizeValue);
	if (typeof value === "object") return normalizeProperties(value as Record<string, unknown>);
	// Only bigint, symbol or function remain, which YAML cannot produce; keep the note parseable anyway.
	return null;
}

/** `2026-11-20` stays a date; a timestamp keeps its time, as Obsidian's date and date-time properties do. */
function dateToString(date: Date): string {
	if (Number.isNaN(date.getTime())) return "";
	const iso = date.toISOString();
	return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
}

/**
 * A top-level property's scalar as written in the note's text, without the quotes around it, or null. Dates need
 * this: the YAML reader turns `2026-11-24T21:30:05+01:00` into an instant shown in UTC, losing the user's clock.
 */
export function propertyTextAsWritten(text: string, key: string): string | null {
	const frontmatter = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
	const value = new RegExp(`^${key}:[ \\t]*(["']?)([^"'\\r\\n]+?)\\1[ \\t]*$`, "m").exec(frontmatter)?.[2];
	return value ?? null;
}
