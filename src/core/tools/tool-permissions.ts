/** Who may call which external tool: allow, ask or deny, and grants for runs nobody watches. */

export type ToolPermission = "allow" | "ask" | "deny";

/** `calendar/create_event` or `github/*`. */
export type ToolGrant = string;

export interface PermissionInput {
	server: string;
	tool: string;
	/** The server's `readOnlyHint` annotation. */
	readOnly: boolean;
	/** Settings per tool (`server/tool` → permission), which win over the default. */
	overrides: Record<string, ToolPermission>;
}

/** The default: read-only tools are allowed, the rest ask. */
export function permissionOf(input: PermissionInput): ToolPermission {
	return input.overrides[`${input.server}/${input.tool}`] ?? (input.readOnly ? "allow" : "ask");
}

/** Whether text is a grant as workflows and `--allow-tool` write it: `server/tool` or `server/*`. */
export function isToolGrant(text: string): boolean {
	return /^[A-Za-z0-9_-]+\/(\*|[^/\s]+)$/.test(text);
}

/** True when a grant (`server/tool`, `server/*`) covers the tool. */
export function isGranted(grants: readonly ToolGrant[], server: string, tool: string): boolean {
	return grants.some((grant) => {
		const [grantServer, grantTool] = grant.split("/");
		return grantServer === server && (grantTool === tool || grantTool === "*");
	});
}

/**
 * What happens to a call in a run: watched runs may ask the user; unattended ones (schedules, the command
 * line) never ask, so a tool that is not allowed is denied unless a grant names it. An explicit deny in the
 * settings wins over every grant: a workflow's `tools:` or `--allow-tool` cannot talk it round.
 */
export function decide(permission: ToolPermission, attended: boolean, granted: boolean): "run" | "ask" | "deny" {
	if (permission === "deny") return "deny";
	if (granted || permission === "allow") return "run";
	return attended ? "ask" : "deny";
}

/** A tool name every OpenAI-compatible endpoint accepts (`calendar__list_events`), unique within the run. */
export function functionNameFor(server: string, tool: string, taken: ReadonlySet<string>): string {
	const base = `${server}__${tool}`.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64);
	let name = base;
	for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 60)}_${n}`;
	return name;
}
