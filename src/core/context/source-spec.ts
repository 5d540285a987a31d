/** What a run may draw on: the kinds of source a user (or later a workflow note) can name. */
import { MCP_SERVER_NAME } from "../tools/mcp-config";

export type SourceSpec =
	/**
	 * One note, by vault path (the current note, or `--source`). `role: "previous"` marks a workflow's previous
	 * deliverable, its reference for this run: labelled so in the request, whatever the earlier-deliverables setting.
	 */
	| { kind: "note"; path: string; role?: "previous" }
	/** Text the user selected, and the note it came from (cited as that note). */
	| { kind: "selection"; text: string; path: string | null }
	/** The notes (and CSV files) that the note at `path` links to. */
	| { kind: "linked"; path: string }
	/** Every indexed note in a folder and its subfolders (changed after `changedSince`, when given). */
	| { kind: "folder"; path: string; changedSince?: number }
	/** Every indexed note with a tag, nested tags counting (changed after `changedSince`, when given). */
	| { kind: "tag"; tag: string; changedSince?: number }
	/** The best notes for a query through the vault index (changed after `changedSince`, when given). */
	| { kind: "search"; query: string; limit?: number; changedSince?: number }
	/** A CSV file, given to the model as a table with its header. */
	| { kind: "table"; path: string }
	/** A resource of an MCP server (`calendar` and `events://today`), read into the context like a note and cited by its `server/uri`. */
	| { kind: "mcp"; server: string; uri: string };

/** How a source is named in previews, errors and the run record. */
export function describeSource(source: SourceSpec): string {
	switch (source.kind) {
		case "note":
			return `note ${source.path}`;
		case "selection":
			return source.path ? `selection in ${source.path}` : "selection";
		case "linked":
			return `notes linked from ${source.path}`;
		case "folder":
			return `folder ${source.path === "" ? "/" : source.path}${changedWords(source.changedSince)}`;
		case "tag":
			return `tag #${source.tag.replace(/^#/, "")}${changedWords(source.changedSince)}`;
		case "search":
			return `search "${source.query}"${changedWords(source.changedSince)}`;
		case "table":
			return `table ${source.path}`;
		case "mcp":
			return `MCP resource ${mcpResourceLabel(source)}`;
	}
}

/** How an MCP resource is named in the context, the deliverable's sources and the run record: `calendar/events://today`. */
export function mcpResourceLabel(source: { server: string; uri: string }): string {
	return `${source.server}/${source.uri}`;
}

/**
 * Reads `SERVER/URI` (`calendar/events://today`): the server's name before the first `/`, the resource's URI
 * after it. A bad text gives the reason as a clause (`has no "/" between the server and the URI`), for the
 * caller to put after where the text was written.
 */
export function parseMcpResourceSpec(text: string): { ok: true; spec: Extract<SourceSpec, { kind: "mcp" }> } | { ok: false; reason: string } {
	const trimmed = text.trim();
	const slash = trimmed.indexOf("/");
	if (slash < 0) return { ok: false, reason: 'has no "/" between the server and the URI' };
	const server = trimmed.slice(0, slash);
	const uri = trimmed.slice(slash + 1).trim();
	if (server === "") return { ok: false, reason: 'has no server name before the "/"' };
	if (!MCP_SERVER_NAME.test(server)) return { ok: false, reason: `has the server name "${server}", but a server name holds only letters, digits, - and _ (at most 32)` };
	if (uri === "") return { ok: false, reason: 'has no resource URI after the "/"' };
	return { ok: true, spec: { kind: "mcp", server, uri } };
}

/** What every message about a bad `SERVER/URI` ends with. */
export const MCP_RESOURCE_EXAMPLE = "write SERVER/URI, such as calendar/events://today";

/** A `--source` path or a picked file: CSV files are tables, anything else a note. */
export function sourceForPath(path: string): SourceSpec {
	return /\.csv$/i.test(path) ? { kind: "table", path } : { kind: "note", path };
}

function changedWords(since: number | undefined): string {
	return since === undefined ? "" : ` (changed since ${new Date(since).toISOString()})`;
}
