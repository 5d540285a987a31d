/**
 * What the command line takes from an MCP configuration that lives in the vault (data.json's mcpServers, or a
 * `--mcp-config` file inside the vault). The vault syncs, so whoever can edit it on any device could make a
 * server start a program with the operator's secrets at hand: its programs run only when the operator has
 * trusted that exact text by its SHA-256, and its `${NAME}` are filled only for names the operator allows.
 */
import { createHash } from "node:crypto";
import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { mcpConfigJson, parseMcpConfig, type McpConfigRead } from "../core/tools/mcp-config";
import { UsageError } from "./usage-error";

export interface McpTrust {
	/** SHA-256 (hex) of vault configurations the operator trusts: `--trust-vault-mcp`, `COWORKER_TRUST_VAULT_MCP`. */
	trustedHashes: string[];
	/** Variables a vault configuration may use as `${NAME}`: `--allow-env`, `COWORKER_ALLOW_ENV`. */
	allowedEnv: string[];
}

type Environment = Readonly<Record<string, string | undefined>>;

/** The flags and the environment variables together; both are lists (the variables comma-separated). */
export function mcpTrustFrom(flags: { trustVaultMcp?: readonly string[] | undefined; allowEnv?: readonly string[] | undefined }, env: Environment): McpTrust {
	const listed = (raw: string | undefined): string[] => (raw ?? "").split(",").map((item) => item.trim()).filter((item) => item !== "");
	const trustedHashes = [...(flags.trustVaultMcp ?? []), ...listed(env.COWORKER_TRUST_VAULT_MCP)].map((hash) => hash.trim().toLowerCase());
	for (const hash of trustedHashes) {
		if (!/^[0-9a-f]{64}$/.test(hash)) throw new UsageError(`--trust-vault-mcp and COWORKER_TRUST_VAULT_MCP take the SHA-256 of the configuration, 64 hex digits (got "${hash}").`);
	}
	const allowedEnv = [...(flags.allowEnv ?? []), ...listed(env.COWORKER_ALLOW_ENV)].map((name) => name.trim());
	for (const name of allowedEnv) {
		if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new UsageError(`--allow-env and COWORKER_ALLOW_ENV take variable names such as TRACKER_TOKEN (got "${name}").`);
	}
	return { trustedHashes, allowedEnv };
}

/** The hash an operator gives to trust a configuration: SHA-256 of its exact text, as `sha256sum` prints it. */
export function configurationHash(text: string): string {
	return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Whether a file is inside the vault (links resolved), so that its configuration counts as the vault's. */
export async function isInsideVault(file: string, vaultRoot: string): Promise<boolean> {
	const [real, root] = await Promise.all([realpath(resolve(file)).catch(() => resolve(file)), realpath(resolve(vaultRoot)).catch(() => resolve(vaultRoot))]);
	const path = relative(root, real);
	return path === "" || (!path.startsWith("..") && !isAbsolute(path));
}

/**
 * Reads a configuration from the vault. Trusted (its hash given): read as the operator's own file. Otherwise
 * its servers that start programs are left out, in one sentence giving the hash to trust, and its HTTP servers
 * get `${NAME}` only for the allowed names.
 */
export function readVaultMcpConfig(text: string, source: string, trust: McpTrust, env: Environment): McpConfigRead {
	const parsed = mcpConfigJson(text, source);
	if (parsed.kind === "read") return parsed.read;
	const { json } = parsed;
	const hash = configurationHash(text);
	if (trust.trustedHashes.includes(hash)) return parseMcpConfig(json, source, (name) => env[name] ?? null);
	const servers = (json as { mcpServers?: unknown } | null)?.mcpServers;
	// Not an mcpServers object: the parser says so.
	if (servers === null || typeof servers !== "object" || Array.isArray(servers)) return parseMcpConfig(json, source, () => null);
	const entries = Object.entries(servers as Record<string, unknown>);
	const programs = entries.filter(([, entry]) => entry !== null && typeof entry === "object" && "command" in entry).map(([name]) => name);
	const allowed = new Set(trust.allowedEnv);
	const read = parseMcpConfig(
		{ mcpServers: Object.fromEntries(entries.filter(([name]) => !programs.includes(name))) },
		source,
		(name) => (allowed.has(name) ? (env[name] ?? null) : null),
		(name) =>
			allowed.has(name)
				? `uses \${${name}}, which is not set`
				: `uses \${${name}}, which the command line fills in the vault's configuration only for names the operator allows (--allow-env ${name} or COWORKER_ALLOW_ENV=${name})`,
	);
	if (programs.length === 0) return read;
	const names = programs.map((name) => `"${name}"`).join(", ");
	const changed = trust.trustedHashes.length > 0 ? `, and it is not the configuration you trusted (it changed)` : "";
	const refusal = `${source}: the server${programs.length === 1 ? "" : "s"} ${names} start${programs.length === 1 ? "s" : ""} a program, which the command line runs from the vault's configuration only when the operator trusts that exact text${changed}; after checking it, pass --trust-vault-mcp ${hash} or set COWORKER_TRUST_VAULT_MCP=${hash}.`;
	return { servers: read.servers, problems: [refusal, ...read.problems] };
}
