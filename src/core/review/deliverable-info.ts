/** A deliverable's provenance, read back from its properties: what it is, from which workflow or goal, from which sources. */
import type { VaultReader } from "../ports/vault-reader";
import type { VaultLinks } from "../ports/vault-links";
import { parseNote } from "../notes/parse-note";
import { propertyTextAsWritten } from "../notes/frontmatter";
import { listOfStrings } from "../notes/tags";
import { linkpathOf } from "../notes/links";
import { isDeliverableFormat, type DeliverableFormat } from "../deliverable/deliverable-format";
import { parseMcpResourceSpec, type SourceSpec } from "../context/source-spec";

type McpResourceSource = Extract<SourceSpec, { kind: "mcp" }>;

export interface DeliverableInfo {
	path: string;
	status: string;
	format: DeliverableFormat;
	goal: string | null;
	/** The workflow note the `workflow` link resolves to, or null. */
	workflowPath: string | null;
	occurrence: string | null;
	/** Source files that still exist, resolved from the `sources` links. */
	sources: string[];
	/** The MCP resources among the sources, written as plain `server/uri` (no link), so a revision reads them again. */
	resources: McpResourceSource[];
	/** ISO text as written (`created`), or "". */
	created: string;
}

export type DeliverableRead = { ok: true; info: DeliverableInfo } | { ok: false; error: string };

export async function readDeliverable(path: string, reader: VaultReader, links: VaultLinks): Promise<DeliverableRead> {
	let text: string;
	try {
		text = await reader.read(path);
	} catch {
		return { ok: false, error: `${path} does not exist or cannot be read.` };
	}
	return deliverableFromText(path, text, links);
}

export function deliverableFromText(path: string, text: string, links: VaultLinks): DeliverableRead {
	const properties = parseNote(path, text).properties;
	if (properties.coworker !== "deliverable") return { ok: false, error: `${path} is not a deliverable (its properties do not say coworker: deliverable).` };
	const linkTarget = (value: unknown): string | null => {
		if (typeof value !== "string") return null;
		const link = linkpathOf(value);
		return link === "" ? null : links.resolve(link, path);
	};
	const format = typeof properties.format === "string" && isDeliverableFormat(properties.format) ? properties.format : "report";
	return {
		ok: true,
		info: {
			path,
			status: typeof properties.status === "string" ? properties.status : "draft",
			format,
			goal: typeof properties.goal === "string" ? properties.goal : null,
			workflowPath: linkTarget(properties.workflow),
			occurrence: asWritten(text, "occurrence") ?? (typeof properties.occurrence === "string" ? properties.occurrence : null),
			sources: listOfStrings(properties.sources)
				.map(linkTarget)
				.filter((source): source is string => source !== null),
			resources: listOfStrings(properties.sources).flatMap((source) => {
				if (/^\s*\[\[/.test(source)) return [];
				const resource = parseMcpResourceSpec(source);
				return resource.ok ? [resource.spec] : [];
			}),
			created: asWritten(text, "created") ?? (typeof properties.created === "string" ? properties.created : ""),
		},
	};
}

/**
 * A date property's text as written, with its local offset. The YAML reader turns `2026-11-24T21:30:05+01:00`
 * into an instant shown in UTC; the review queue shows what the user's own clock said.
 */
function asWritten(text: string, key: string): string | null {
	const value = propertyTextAsWritten(text, key);
	return value !== null && Number.isFinite(Date.parse(value)) ? value : null;
}
