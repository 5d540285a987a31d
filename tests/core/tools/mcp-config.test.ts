/** parseMcpConfig and the permission rules: what other MCP clients' configuration means here, and who may call what. */
import { describe, expect, it } from "vitest";
import { parseMcpConfig } from "../../../src/core/tools/mcp-config";
import { decide, functionNameFor, isGranted, permissionOf } from "../../../src/core/tools/tool-permissions";

const env: Record<string, string> = { CAL_TOKEN: "secret-token", HOME_DIR: "/home/me" };
const lookup = (name: string): string | null => env[name] ?? null;

describe("parseMcpConfig", () => {
	it("reads stdio and Streamable HTTP servers in the shape other clients use, filling ${NAME}", () => {
		const read = parseMcpConfig(
			{
				mcpServers: {
					calendar: { command: "node", args: ["${HOME_DIR}/cal.js", "--today"], env: { TOKEN: "${CAL_TOKEN}" } },
					tracker: { url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer ${CAL_TOKEN}" } },
				},
			},
			"mcp.json",
			lookup,
		);
		expect(read.problems).toEqual([]);
		expect(read.servers).toEqual([
			{ name: "calendar", transport: "stdio", command: "node", args: ["/home/me/cal.js", "--today"], env: { TOKEN: "secret-token" } },
			{ name: "tracker", transport: "http", url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer secret-token" } },
		]);
	});

	it("names the server and the field of every problem, and leaves those servers out", () => {
		const read = parseMcpConfig(
			{
				mcpServers: {
					ok: { command: "node" },
					both: { command: "node", url: "http://x" },
					neither: { args: [] },
					"bad name!": { command: "x" },
					badargs: { command: "x", args: "nope" },
					badurl: { url: "ftp://x" },
					unset: { command: "x", env: { T: "${NOT_SET}" } },
					badheaders: { url: "http://x", headers: { a: 1 } },
				},
			},
			"mcp.json",
			lookup,
		);
		expect(read.servers.map((server) => server.name)).toEqual(["ok"]);
		expect(read.problems).toEqual([
			'mcp.json: server "both": entry must have either command (a program to start) or url (a Streamable HTTP endpoint), not both.',
			'mcp.json: server "neither": entry must have either command (a program to start) or url (a Streamable HTTP endpoint), not both.',
			'mcp.json: server "bad name!": name may hold only letters, digits, - and _ (at most 32).',
			'mcp.json: server "badargs": args must be a list of text.',
			'mcp.json: server "badurl": url must start with http:// or https:// (got "ftp://x").',
			'mcp.json: server "unset": env.T uses ${NOT_SET}, which is not set.',
			'mcp.json: server "badheaders": headers must be an object of text values.',
		]);
	});

	it("refuses a file that is not an mcpServers object, and accepts nothing configured", () => {
		expect(parseMcpConfig([], "mcp.json", lookup).problems).toEqual(['mcp.json must hold { "mcpServers": { "name": { … } } }.']);
		expect(parseMcpConfig(null, "mcp.json", lookup)).toEqual({ servers: [], problems: [] });
	});
});

describe("tool permissions", () => {
	it("allows read-only tools and asks for the rest by default; settings win", () => {
		expect(permissionOf({ server: "calendar", tool: "list_events", readOnly: true, overrides: {} })).toBe("allow");
		expect(permissionOf({ server: "calendar", tool: "create_event", readOnly: false, overrides: {} })).toBe("ask");
		expect(permissionOf({ server: "calendar", tool: "list_events", readOnly: true, overrides: { "calendar/list_events": "deny" } })).toBe("deny");
	});

	it("never asks in an unattended run: not allowed means denied, unless granted", () => {
		expect(decide("ask", false, false)).toBe("deny");
		expect(decide("ask", true, false)).toBe("ask");
		expect(decide("ask", false, true)).toBe("run");
		expect(decide("deny", true, false)).toBe("deny");
		expect(decide("allow", false, false)).toBe("run");
		// An explicit deny is the operator's word: no grant (a workflow's tools:, --allow-tool) overrides it.
		expect(decide("deny", false, true)).toBe("deny");
		expect(decide("deny", true, true)).toBe("deny");
		expect(isGranted(["github/*"], "github", "create_issue")).toBe(true);
		expect(isGranted(["calendar/create_event"], "calendar", "delete_event")).toBe(false);
		expect(isGranted(["calendar/*"], "calendarx", "x")).toBe(false);
	});

	it("makes function names every endpoint accepts, unique within the run", () => {
		const taken = new Set<string>();
		const first = functionNameFor("calendar", "list.events", taken);
		taken.add(first);
		expect(first).toBe("calendar__list_events");
		expect(functionNameFor("calendar", "list_events", taken)).toBe("calendar__list_events_2");
		expect(functionNameFor("s", "x".repeat(100), new Set()).length).toBeLessThanOrEqual(64);
	});
});
