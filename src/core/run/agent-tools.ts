/** The read-only vault tools the model may call in agent mode; they see only what the index may see. */
import type { ToolDefinition } from "../model/chat-model";
import { readNote, type SourceReaders } from "../context/gather-sources";
import { parseCsv, tableAsMarkdown } from "../context/csv-table";
import { isExcludedByFolder } from "../index/index-settings";
import { hasTag } from "../notes/tags";
import { isInFolder, vaultPathOf } from "../notes/note-path";
import { estimateTokens } from "../context/token-estimate";
import { linkableHeading } from "../context/context-piece";
import { linkpathOf } from "../notes/links";
import { attributeValue, neutraliseDelimiters } from "../context/source-delimiters";

export const AGENT_TOOLS: ToolDefinition[] = [
	{
		name: "search_notes",
		description: "Full-text search over the vault's notes. Returns the best notes with the heading and a snippet of the best-matching section.",
		parameters: {
			type: "object",
			properties: { query: { type: "string", description: "Words to search for." }, limit: { type: "integer", minimum: 1, maximum: 20 } },
			required: ["query"],
		},
	},
	{
		name: "read_note",
		description: "Reads a whole note. Give its vault path (Projects/Alpha.md) or its link text (Alpha).",
		parameters: { type: "object", properties: { note: { type: "string" } }, required: ["note"] },
	},
	{
		name: "list_notes",
		description: "Lists notes in a folder (and its subfolders) and/or with a tag, most recently changed first.",
		parameters: { type: "object", properties: { folder: { type: "string" }, tag: { type: "string" } } },
	},
	{
		name: "read_table",
		description: "Reads a CSV file of the vault as a table with its header.",
		parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
	},
];

export interface ToolResult {
	content: string;
	/** Files whose content the result carried, for the deliverable's sources. */
	read: string[];
}

/** Runs one tool call; bad arguments and unknown tools come back as text for the model, never as exceptions. */
export async function callAgentTool(name: string, rawArguments: string, readers: SourceReaders, maxTokens: number): Promise<ToolResult> {
	let args: Record<string, unknown>;
	try {
		const parsed: unknown = JSON.parse(rawArguments || "{}");
		args = parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
	} catch {
		return { content: `The arguments of ${name} are not valid JSON.`, read: [] };
	}
	const text = (key: string): string => {
		const value = args[key];
		return typeof value === "string" ? value : "";
	};
	switch (name) {
		case "search_notes": {
			const limit = typeof args.limit === "number" ? Math.min(20, Math.max(1, Math.floor(args.limit))) : 8;
			const hits = await readers.index.searchWithSnippets(text("query"), limit);
			if (hits.length === 0) return { content: "No notes matched.", read: [] };
			const lines = hits.map((hit) => {
				const cite = `[[${readers.links.linktext(hit.path, "")}${hit.heading ? `#${linkableHeading(hit.heading)}` : ""}]]`;
				return `- ${cite} (${hit.path}): ${hit.snippet}`;
			});
			// Snippets are the notes' own text: no tag in them may act as the prompt's framing.
			return { content: capped(neutraliseDelimiters(lines.join("\n")), maxTokens), read: [] };
		}
		case "read_note": {
			const path = resolveNote(text("note"), readers);
			if (path === null) return { content: `No note "${text("note")}" was found.`, read: [] };
			const read = await readNote(path, readers);
			// Excluded and private notes answer exactly like missing ones: the model must not learn they exist.
			if (read.kind !== "ok") return { content: `No note "${text("note")}" was found.`, read: [] };
			const cite = `[[${readers.links.linktext(path, "")}]]`;
			return { content: capped(`<source kind="note" cite="${attributeValue(cite)}">\n${neutraliseDelimiters(read.text)}\n</source>`, maxTokens), read: [path] };
		}
		case "list_notes": {
			const folder = text("folder") === "" ? "" : vaultPathOf(text("folder"));
			if (folder === null) return { content: "That folder is outside the vault.", read: [] };
			const tag = text("tag");
			const notes = readers.index
				.indexedNotes()
				.filter((note) => isInFolder(note.path, folder) && (tag === "" || hasTag(note.tags, tag)))
				.sort((a, b) => b.mtime - a.mtime)
				.slice(0, 100);
			if (notes.length === 0) return { content: "No notes matched.", read: [] };
			return { content: capped(neutraliseDelimiters(notes.map((note) => `- ${note.path} (${note.title})`).join("\n")), maxTokens), read: [] };
		}
		case "read_table": {
			const path = vaultPathOf(text("path"));
			if (path === null || !/\.csv$/i.test(path) || isExcludedByFolder(path, readers.settings)) return { content: `No table "${text("path")}" was found.`, read: [] };
			let csv: string;
			try {
				csv = await readers.reader.read(path);
			} catch {
				return { content: `No table "${text("path")}" was found.`, read: [] };
			}
			const parsed = parseCsv(path, csv);
			if (!parsed.ok) return { content: parsed.error, read: [] };
			const cite = `[[${readers.links.linktext(path, "")}]]`;
			return { content: `<source kind="table" cite="${attributeValue(cite)}">\n${neutraliseDelimiters(tableAsMarkdown(parsed.table, maxTokens - 30).text)}\n</source>`, read: [path] };
		}
		default:
			return { content: `There is no tool named ${name}.`, read: [] };
	}
}

/** A vault path or link text to a markdown note the index holds. */
function resolveNote(reference: string, readers: SourceReaders): string | null {
	const trimmed = linkpathOf(reference);
	if (trimmed === "") return null;
	const asPath = vaultPathOf(trimmed);
	if (asPath !== null && readers.index.isIndexed(asPath)) return asPath;
	const resolved = readers.links.resolve(trimmed, "");
	return resolved !== null && /\.md$/i.test(resolved) ? resolved : null;
}

function capped(text: string, maxTokens: number): string {
	if (estimateTokens(text) <= maxTokens) return text;
	const end = Math.max(0, Math.floor(maxTokens * 3.6) - 80);
	return `${text.slice(0, end)}\n[…cut: the result was longer than this step's share of the context budget]`;
}
