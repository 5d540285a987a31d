/** Source specs: how each is named, and `SERVER/URI` read into an MCP resource source with its reasons when malformed. */
import { describe, expect, it } from "vitest";
import { describeSource, mcpResourceLabel, parseMcpResourceSpec } from "../../../src/core/context/source-spec";

describe("parseMcpResourceSpec", () => {
	it("splits at the first slash: the server before it, the whole URI after it", () => {
		expect(parseMcpResourceSpec("calendar/events://today")).toEqual({ ok: true, spec: { kind: "mcp", server: "calendar", uri: "events://today" } });
		expect(parseMcpResourceSpec("  my-files_2/file:///home/me/notes.txt ")).toEqual({ ok: true, spec: { kind: "mcp", server: "my-files_2", uri: "file:///home/me/notes.txt" } });
	});

	it("gives a reason for text with no slash, no server, no URI or a bad server name", () => {
		expect(parseMcpResourceSpec("calendar")).toEqual({ ok: false, reason: 'has no "/" between the server and the URI' });
		expect(parseMcpResourceSpec("/events://today")).toEqual({ ok: false, reason: 'has no server name before the "/"' });
		expect(parseMcpResourceSpec("calendar/  ")).toEqual({ ok: false, reason: 'has no resource URI after the "/"' });
		expect(parseMcpResourceSpec("my calendar/events://today")).toEqual({
			ok: false,
			reason: 'has the server name "my calendar", but a server name holds only letters, digits, - and _ (at most 32)',
		});
	});
});

describe("describeSource and mcpResourceLabel", () => {
	it("names an MCP resource by its server/uri", () => {
		const spec = { kind: "mcp", server: "calendar", uri: "events://today" } as const;
		expect(mcpResourceLabel(spec)).toBe("calendar/events://today");
		expect(describeSource(spec)).toBe("MCP resource calendar/events://today");
	});

	it("names the other kinds as before", () => {
		expect(describeSource({ kind: "note", path: "Projects/Alpha.md" })).toBe("note Projects/Alpha.md");
		expect(describeSource({ kind: "table", path: "Data/Q3.csv" })).toBe("table Data/Q3.csv");
		expect(describeSource({ kind: "folder", path: "" })).toBe("folder /");
	});
});
