/** `coworker tools`: each configured MCP server, whether it starts, its tools and their permission, and its resources. Starts and stops each server once. */
import type { VaultContext } from "../composition-root";
import type { Output } from "../output";
import { permissionOf } from "../../core/tools/tool-permissions";

export async function runToolsCommand(
	vault: VaultContext,
	options: { json: boolean; mcpConfig: string | undefined; trustVaultMcp?: string[] | undefined; allowEnv?: string[] | undefined; env: Readonly<Record<string, string | undefined>> },
	out: Output,
): Promise<number> {
	// No --allow-tool here: listing grants nothing.
	const setup = await vault.externalTools({ overrides: {}, mcpConfig: options.mcpConfig, allowTools: [], trustVaultMcp: options.trustVaultMcp, allowEnv: options.allowEnv, env: options.env });
	const rows = [];
	for (const server of setup.servers) {
		const connections = await vault.mcpConnections();
		try {
			const [listed, failure] = await connections.connect(server).then(
				(tools) => [tools, null] as const,
				(error: unknown) => [[], error instanceof Error ? error.message : String(error)] as const,
			);
			// The URIs to write as `mcp:` sources or `--mcp-resource`; a server that cannot list them just has none.
			const resources = failure ? [] : await connections.resources(server).catch(() => []);
			rows.push({
				name: server.name,
				transport: server.transport,
				status: failure ? "failing" : "running",
				error: failure,
				tools: listed.map((tool) => ({
					name: tool.name,
					description: tool.description,
					read_only: tool.readOnly,
					permission: permissionOf({ server: server.name, tool: tool.name, readOnly: tool.readOnly, overrides: vault.settings.toolPermissions }),
				})),
				resources: resources.map((resource) => ({ source: `${server.name}/${resource.uri}`, name: resource.name, description: resource.description })),
			});
		} finally {
			await connections.closeAll();
		}
	}
	if (options.json) {
		out.json({ servers: rows, problems: setup.problems });
		return 0;
	}
	for (const problem of setup.problems) out.error(`warning: ${problem}`);
	if (rows.length === 0) out.line("No MCP servers are configured (the mcpServers setting, or --mcp-config FILE).");
	for (const row of rows) {
		out.line(`${row.name} (${row.transport}): ${row.status}${row.error ? ` — ${row.error}` : ""}`);
		for (const tool of row.tools) out.line(`  ${tool.name}  [${tool.permission}${tool.read_only ? ", read-only" : ""}]  ${tool.description}`);
		for (const resource of row.resources) out.line(`  resource ${resource.source}  ${resource.description || resource.name}`);
	}
	return 0;
}
