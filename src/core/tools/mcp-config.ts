/** MCP server configuration in the shape other MCP clients use, checked field by field, with `${NAME}` filled from a lookup. */
import { isHttpUrl } from "../model/base-url";

export type McpServerConfig =
	| { name: string; transport: "stdio"; command: string; args: string[]; env: Record<string, string> }
	| { name: string; transport: "http"; url: string; headers: Record<string, string> };

export interface McpConfigRead {
	servers: McpServerConfig[];
	/** One sentence per problem, naming the server and the field; a server with a problem is left out. */
	problems: string[];
}

/** Server names become part of tool names (and of `server/uri` resource sources), so they keep to letters, digits, `-` and `_`. */
export const MCP_SERVER_NAME = /^[A-Za-z0-9_-]{1,32}$/;

/** Why a `${NAME}` was not filled, by default: the variable is not set. */
const NOT_SET = (variable: string): string => `uses \${${variable}}, which is not set`;

/**
 * Reads `{ "mcpServers": { NAME: { command, args?, env? } | { url, headers? } } }`. Values written `${NAME}`
 * are filled from `lookup` (the environment on the command line, secret storage in the app), so tokens
 * need not sit in the file; a variable the lookup does not know is a problem, not an empty string, said
 * with `unfilled` (the command line says when a name is one the operator has not allowed).
 */
export function parseMcpConfig(json: unknown, source: string, lookup: (name: string) => string | null, unfilled: (variable: string) => string = NOT_SET): McpConfigRead {
	const problems: string[] = [];
	const servers: McpServerConfig[] = [];
	if (json === null || json === undefined) return { servers, problems };
	const root = json as { mcpServers?: unknown };
	if (typeof json !== "object" || Array.isArray(json) || typeof root.mcpServers !== "object" || root.mcpServers === null || Array.isArray(root.mcpServers)) {
		return { servers, problems: [`${source} must hold { "mcpServers": { "name": { … } } }.`] };
	}
	for (const [name, raw] of Object.entries(root.mcpServers as Record<string, unknown>)) {
		const problem = (field: string, message: string): void => {
			problems.push(`${source}: server "${name}": ${field} ${message}.`);
		};
		if (!MCP_SERVER_NAME.test(name)) {
			problem("name", "may hold only letters, digits, - and _ (at most 32)");
			continue;
		}
		if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
			problem("entry", "must be an object with command or url");
			continue;
		}
		const entry = raw as Record<string, unknown>;
		const before = problems.length;
		const fill = (field: string, value: string): string =>
			value.replace(/\$\{([A-Za-z_][A-Za-z0-9_-]*)\}/g, (_, variable: string) => {
				const found = lookup(variable);
				if (found === null) problem(field, unfilled(variable));
				return found ?? "";
			});
		const strings = (field: string): Record<string, string> => {
			const value = entry[field];
			if (value === undefined) return {};
			if (value === null || typeof value !== "object" || Array.isArray(value) || !Object.values(value).every((v) => typeof v === "string")) {
				problem(field, "must be an object of text values");
				return {};
			}
			return Object.fromEntries(Object.entries(value as Record<string, string>).map(([key, v]) => [key, fill(`${field}.${key}`, v)]));
		};
		if (typeof entry.command === "string" && entry.url === undefined) {
			const args = entry.args ?? [];
			if (!Array.isArray(args) || !args.every((arg) => typeof arg === "string")) problem("args", "must be a list of text");
			const server: McpServerConfig = {
				name,
				transport: "stdio",
				command: fill("command", entry.command),
				args: Array.isArray(args) ? args.map((arg, i) => fill(`args[${i}]`, String(arg))) : [],
				env: strings("env"),
			};
			if (server.command.trim() === "") problem("command", "is empty");
			if (problems.length === before) servers.push(server);
		} else if (typeof entry.url === "string" && entry.command === undefined) {
			const url = fill("url", entry.url);
			if (!isHttpUrl(url)) problem("url", `must start with http:// or https:// (got "${entry.url}")`);
			const server: McpServerConfig = { name, transport: "http", url, headers: strings("headers") };
			if (problems.length === before) servers.push(server);
		} else {
			problem("entry", "must have either command (a program to start) or url (a Streamable HTTP endpoint), not both");
		}
	}
	return { servers, problems };
}

/** The `mcpServers` setting as the user typed it (JSON text; empty for none), read like a configuration file. */
export function parseMcpConfigText(text: string, source: string, lookup: (name: string) => string | null): McpConfigRead {
	const parsed = mcpConfigJson(text, source);
	return parsed.kind === "json" ? parseMcpConfig(parsed.json, source, lookup) : parsed.read;
}

/** A configuration text's JSON, or what it reads as without any: no server for empty text, one sentence for text that is not JSON. */
export function mcpConfigJson(text: string, source: string): { kind: "json"; json: unknown } | { kind: "read"; read: McpConfigRead } {
	if (text.trim() === "") return { kind: "read", read: { servers: [], problems: [] } };
	try {
		return { kind: "json", json: JSON.parse(text) };
	} catch (error) {
		return { kind: "read", read: { servers: [], problems: [`${source} is not valid JSON (${error instanceof Error ? error.message : String(error)}); no MCP server is used.`] } };
	}
}
