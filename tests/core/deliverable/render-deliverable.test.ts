/** renderDeliverable for every format, approved as whole files, and its frontmatter read back by a real YAML parser. */
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { EXAMPLE_VAULT } from "../../helpers/temp-vault";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { LinkResolver } from "../../../src/core/notes/link-resolver";
import { renderDeliverable, TABLE_PREVIEW_ROWS, type DeliverableInput, type RenderResult } from "../../../src/core/deliverable/render-deliverable";
import { frontmatterBlock, type YamlValue } from "../../../src/core/deliverable/frontmatter-yaml";
import { DELIVERABLE_FORMATS, FORMAT_INSTRUCTIONS, FORMAT_LABELS, isDeliverableFormat } from "../../../src/core/deliverable/deliverable-format";

const NOTE = "Coworker/Deliverables/2026-11-24 Acme status.md";
let files: string[];
let links: LinkResolver;

beforeAll(async () => {
	files = await new NodeVaultReader(EXAMPLE_VAULT).listAllFiles();
	links = new LinkResolver(files);
});

function input(overrides: Partial<DeliverableInput>): DeliverableInput {
	return {
		format: "report",
		answer: "# Acme renewal status\n\nThe renewal is at risk ([[Acme renewal#Risks]]); see [[Vendor shortlist]].",
		notePath: NOTE,
		csvPath: null,
		goal: "Write a status report on the Acme renewal",
		workflow: null,
		model: "test-model",
		usage: { promptTokens: 900, completionTokens: 60, totalTokens: 960 },
		created: "2026-11-24T09:30:00+00:00",
		sources: ["Projects/Acme renewal.md", "Clients/Acme Corp.md", "Coworker/Memory.md"],
		links,
		...overrides,
	};
}

function rendered(result: RenderResult): Extract<RenderResult, { ok: true }> {
	if (!result.ok) throw new Error(result.error);
	return result;
}

/** The frontmatter of a rendered note, parsed as YAML (1.2 and Obsidian's 1.1 alike). */
function frontmatterOf(content: string, version: "1.1" | "1.2" = "1.2"): Record<string, unknown> {
	const match = /^---\n([\s\S]*?)\n---\n/.exec(content);
	if (!match) throw new Error("no frontmatter");
	return YAML.parse(match[1] ?? "", { version }) as Record<string, unknown>;
}

describe("renderDeliverable: notes", () => {
	it("names an MCP resource source by its server/uri in the properties and the Sources section, never as a link", () => {
		const result = rendered(
			renderDeliverable(
				input({
					answer: "# Brief\n\n09:00 Acme call ([[calendar/events://today]]), see [[Acme renewal]].",
					sources: ["calendar/events://today", "Projects/Acme renewal.md"],
					resources: ["calendar/events://today"],
				}),
			),
		);
		const content = result.files[0]?.content ?? "";
		expect(result.unresolved).toEqual([]);
		expect(frontmatterOf(content).sources).toEqual(["calendar/events://today", "[[Acme renewal]]"]);
		expect(frontmatterOf(content, "1.1").sources).toEqual(["calendar/events://today", "[[Acme renewal]]"]);
		expect(content).toContain("09:00 Acme call (calendar/events://today), see [[Acme renewal]].");
		expect(content).toContain("## Sources\n\n- calendar/events://today (MCP resource)\n- [[Acme renewal]]\n");
	});

	it("writes a report with provenance, checked links and the sources list", () => {
		const result = rendered(renderDeliverable(input({})));
		expect(result.deliverable).toBe(NOTE);
		expect(result.unresolved).toEqual(["[[Vendor shortlist]]"]);
		expect(result.linked).toEqual(["Projects/Acme renewal.md"]);
		expect(result.files).toHaveLength(1);
		expect(result.files[0]?.path).toBe(NOTE);
		expect(result.files[0]?.content).toMatchInlineSnapshot(`
			"---
			coworker: deliverable
			status: draft
			format: report
			goal: Write a status report on the Acme renewal
			created: 2026-11-24T09:30:00+00:00
			model: test-model
			usage:
			  prompt_tokens: 900
			  completion_tokens: 60
			  total_tokens: 960
			sources:
			  - "[[Acme renewal]]"
			  - "[[Acme Corp]]"
			  - "[[Memory]]"
			unresolved_links: 1
			---
			# Acme renewal status

			The renewal is at risk ([[Acme renewal#Risks]]); see Vendor shortlist (unresolved link).

			## Sources

			- [[Acme renewal]]
			- [[Acme Corp]]
			- [[Memory]]
			"
		`);
	});

	it("writes a memo and a summary the same way, with their format", () => {
		for (const format of ["memo", "summary"] as const) {
			const content = rendered(renderDeliverable(input({ format, answer: "# Memo\n\nAll good ([[Acme Corp]])." }))).files[0]?.content ?? "";
			expect(content).toContain(`\nformat: ${format}\n`);
			expect(content).toMatch(/\n# Memo\n\nAll good \(\[\[Acme Corp\]\]\)\.\n\n## Sources\n\n- \[\[Acme renewal\]\]\n- \[\[Acme Corp\]\]\n- \[\[Memory\]\]\n$/);
		}
		expect(rendered(renderDeliverable(input({ format: "memo", answer: "# Memo\n\nAll good." }))).files[0]?.content).toMatchInlineSnapshot(`
			"---
			coworker: deliverable
			status: draft
			format: memo
			goal: Write a status report on the Acme renewal
			created: 2026-11-24T09:30:00+00:00
			model: test-model
			usage:
			  prompt_tokens: 900
			  completion_tokens: 60
			  total_tokens: 960
			sources:
			  - "[[Acme renewal]]"
			  - "[[Acme Corp]]"
			  - "[[Memory]]"
			unresolved_links: 0
			---
			# Memo

			All good.

			## Sources

			- [[Acme renewal]]
			- [[Acme Corp]]
			- [[Memory]]
			"
		`);
	});

	it("writes a slide deck whose sources are a slide of their own", () => {
		const answer = "```markdown\n# Project Alpha\n\nStatus for leadership\n\n---\n\n## Risks\n\n- Design review slipped ([[Project Alpha]])\n```";
		const result = rendered(renderDeliverable(input({ format: "slides", answer, sources: ["Projects/Project Alpha.md"], goal: "A two-slide update" })));
		const content = result.files[0]?.content ?? "";
		expect(content).toMatchInlineSnapshot(`
			"---
			coworker: deliverable
			status: draft
			format: slides
			goal: A two-slide update
			created: 2026-11-24T09:30:00+00:00
			model: test-model
			usage:
			  prompt_tokens: 900
			  completion_tokens: 60
			  total_tokens: 960
			sources:
			  - "[[Project Alpha]]"
			unresolved_links: 0
			---
			# Project Alpha

			Status for leadership

			---

			## Risks

			- Design review slipped ([[Project Alpha]])

			---

			## Sources

			- [[Project Alpha]]
			"
		`);
		expect(content.slice(content.indexOf("\n---\n") + 5).split("\n---\n")).toHaveLength(3);
	});

	it("says when a deliverable had no sources", () => {
		const content = rendered(renderDeliverable(input({ sources: [], answer: "# Plan\n\nFrom the goal alone." }))).files[0]?.content ?? "";
		expect(content).toContain("sources: []\n");
		expect(content).toMatch(/## Sources\n\n- None: the deliverable was written from the goal alone\.\n$/);
	});

	it("names the workflow instead of the goal for a workflow run", () => {
		const content = rendered(renderDeliverable(input({ goal: null, workflow: { path: "Workflows/Weekly status.md", occurrence: "2026-W48" } }))).files[0]?.content ?? "";
		expect(content).not.toContain("goal:");
		expect(content).toContain('workflow: "[[Weekly status]]"\noccurrence: 2026-W48\n');
	});

	it("writes links in the vault's own style", () => {
		const markdown = new LinkResolver(files, { useMarkdownLinks: true, newLinkFormat: "relative" });
		const content = rendered(renderDeliverable(input({ links: markdown }))).files[0]?.content ?? "";
		expect(content).toContain("## Sources\n\n- [Acme renewal](../../Projects/Acme%20renewal.md)\n- [Acme Corp](../../Clients/Acme%20Corp.md)\n- [Memory](../Memory.md)\n");
		expect(frontmatterOf(content).sources).toEqual(["[[../../Projects/Acme renewal]]", "[[../../Clients/Acme Corp]]", "[[../Memory]]"]);
	});

	it("refuses an empty answer", () => {
		for (const answer of ["", "  \n ", "```markdown\n\n```"]) {
			expect(renderDeliverable(input({ answer }))).toEqual({ ok: false, error: "The model returned an empty answer; nothing was written." });
		}
	});
});

describe("renderDeliverable: tables", () => {
	const CSV_PATH = NOTE.replace(/\.md$/, ".csv");

	it("writes the CSV first, then a note with the description, a preview and a link to the full table", () => {
		const answer = "Revenue by client, from [[Q3 figures.csv]] and [[Budget 2027]].\n\n```csv\nclient,revenue_eur\nAcme Corp,15300\n\"Initech, GmbH\",5100\n```";
		const result = rendered(renderDeliverable(input({ format: "table", answer, csvPath: CSV_PATH, sources: ["Data/Q3 figures.csv"] })));
		expect(result.files.map((file) => file.path)).toEqual([CSV_PATH, NOTE]);
		expect(result.files[0]?.content).toBe('client,revenue_eur\nAcme Corp,15300\n"Initech, GmbH",5100\n');
		expect(result.unresolved).toEqual(["[[Budget 2027]]"]);
		expect(result.linked).toEqual(["Data/Q3 figures.csv"]);
		expect(result.files[1]?.content).toMatchInlineSnapshot(`
			"---
			coworker: deliverable
			status: draft
			format: table
			goal: Write a status report on the Acme renewal
			created: 2026-11-24T09:30:00+00:00
			model: test-model
			usage:
			  prompt_tokens: 900
			  completion_tokens: 60
			  total_tokens: 960
			sources:
			  - "[[Q3 figures.csv]]"
			table: "[[2026-11-24 Acme status.csv]]"
			unresolved_links: 1
			---
			Revenue by client, from [[Q3 figures.csv]] and Budget 2027 (unresolved link).

			## Preview

			| client | revenue_eur |
			| --- | --- |
			| Acme Corp | 15300 |
			| Initech, GmbH | 5100 |

			Full table: [[2026-11-24 Acme status.csv]]

			## Sources

			- [[Q3 figures.csv]]
			"
		`);
	});

	it("previews the first rows only and says how many there are", () => {
		const rows = Array.from({ length: TABLE_PREVIEW_ROWS + 2 }, (_, i) => `row ${i},${i}`).join("\n");
		const result = rendered(renderDeliverable(input({ format: "table", answer: `\`\`\`csv\nname,n\n${rows}\n\`\`\``, csvPath: CSV_PATH })));
		const note = result.files[1]?.content ?? "";
		expect(note).toContain(`| row ${TABLE_PREVIEW_ROWS - 1} | ${TABLE_PREVIEW_ROWS - 1} |`);
		expect(note).not.toContain(`| row ${TABLE_PREVIEW_ROWS} |`);
		expect(note).toContain(`The first ${TABLE_PREVIEW_ROWS} of ${TABLE_PREVIEW_ROWS + 2} rows. Full table: [[2026-11-24 Acme status.csv]]`);
		expect(note).not.toContain("## Preview\n\n\n");
		expect(result.files[0]?.content.split("\n")).toHaveLength(TABLE_PREVIEW_ROWS + 4);
	});

	it("refuses an answer with no CSV table, or no CSV path", () => {
		const error = "The model's answer held no table (CSV, Markdown or tab-separated) with a header and at least one row; nothing was written.";
		expect(renderDeliverable(input({ format: "table", answer: "I could not find the numbers.", csvPath: CSV_PATH }))).toEqual({ ok: false, error });
		expect(renderDeliverable(input({ format: "table", answer: "```csv\na,b\n1,2\n```", csvPath: null }))).toEqual({ ok: false, error });
	});
});

describe("renderDeliverable: what real models add", () => {
	const CSV_PATH = NOTE.replace(/\.md$/, ".csv");

	it("removes the model's own trailing Sources list, so there is one Sources section, and its links are not counted", () => {
		const answer = "# Acme renewal status\n\nAt risk ([[Acme renewal#Risks]]).\n\n**Sources:**\n- [[Acme renewal]]\n- [[Vendor shortlist]]\n- [[Clients/Acme Corp.md]]";
		const result = rendered(renderDeliverable(input({ answer })));
		const content = result.files[0]?.content ?? "";
		expect(content.match(/Sources/g)).toHaveLength(1);
		expect(content).toContain("At risk ([[Acme renewal#Risks]]).\n\n## Sources\n\n- [[Acme renewal]]\n- [[Acme Corp]]\n- [[Memory]]\n");
		expect(result.unresolved).toEqual([]);
		expect(result.linked).toEqual(["Projects/Acme renewal.md"]);
		expect(frontmatterOf(content).unresolved_links).toBe(0);
	});

	it("removes it from a table's description and a deck's last slide too", () => {
		const table = rendered(renderDeliverable(input({ format: "table", csvPath: CSV_PATH, answer: "| a | b |\n|---|---|\n| 1 | 2 |\n\n## References\n\n- [[Nowhere]]" })));
		expect(table.files[1]?.content.match(/## Sources|## References/g)).toEqual(["## Sources"]);
		expect(table.unresolved).toEqual([]);
		const deck = rendered(renderDeliverable(input({ format: "slides", answer: "# Acme\n\n---\n\n## Risks\n\n- Vendor\n\n---\n\n## Sources\n\n- [[Acme renewal]]" })));
		expect(deck.files[0]?.content).toMatch(/## Risks\n\n- Vendor\n\n---\n\n## Sources\n\n- \[\[Acme renewal\]\]/);
		expect(deck.files[0]?.content.match(/## Sources/g)).toHaveLength(1);
	});

	it("marks a cut-off deliverable with the truncated property and a callout at the top, for notes, decks and tables", () => {
		for (const [format, answer, csvPath] of [
			["report", "# Status\n\nThe renewal is at ri", null],
			["slides", "# Acme\n\n---\n\n## Risks", null],
			["table", "a,b\n1,2", CSV_PATH],
		] as const) {
			const result = rendered(renderDeliverable(input({ format, answer, csvPath, truncated: true })));
			const note = result.files.find((file) => file.path === NOTE)?.content ?? "";
			expect(frontmatterOf(note).truncated).toBe(true);
			expect(note).toMatch(/\n---\n> \[!warning\] Cut off\n> The model stopped at its output limit[^\n]*\n\n/);
		}
		const whole = rendered(renderDeliverable(input({})));
		expect(whole.files[0]?.content).not.toContain("truncated");
		expect(whole.files[0]?.content).not.toContain("[!warning]");
	});
});

describe("frontmatter YAML", () => {
	it("reads back as the same values with a YAML parser, links staying strings", () => {
		const properties: Record<string, YamlValue> = {
			coworker: "deliverable",
			link: "[[Project Alpha]]",
			links: ["[[Acme renewal]]", "[[2026-11-16 Weekly sync#^decision-1]]", "[[Q3 figures.csv]]"],
			date: "2026-11-24",
			time: "2026-11-24T09:30:00+01:00",
			number_text: "0123",
			float_text: "1e3",
			reserved: "yes",
			reserved_upper: "NO",
			switch_word: "off",
			nul: "null",
			tilde: "~",
			colon: "a: b",
			hash: "x #y",
			quotes: 'She said "no"',
			backslash: "C:\\path\\to",
			accents: "Tomás Herrera",
			emoji: "Report 🦊",
			multi: "line one\nline two",
			leading_dash: "- item",
			empty: "",
			trailing_space: "word ",
			plain: "Weekly status report",
			count: 42,
			ratio: 0.5,
			flag: true,
			none: null,
			empty_list: [],
			usage: { prompt_tokens: 900, completion_tokens: 60, total_tokens: 960 },
		};
		const block = frontmatterBlock(properties);
		expect(block.startsWith("---\n")).toBe(true);
		expect(block.endsWith("\n---")).toBe(true);
		const body = block.slice(4, -4);
		expect(YAML.parse(body)).toEqual(properties);
		// Obsidian's parser follows YAML 1.1, where yes/no/on/off are booleans: these must still come back as strings.
		const asYaml11 = YAML.parse(body, { version: "1.1" }) as Record<string, unknown>;
		for (const key of ["reserved", "reserved_upper", "switch_word", "nul", "tilde", "number_text", "float_text", "link"]) expect(asYaml11[key], key).toBe(properties[key]);
		// Dates are written bare, as Obsidian writes date properties (so its processFrontMatter rewrites them to the
		// same bytes); a YAML 1.1 reader sees the same day as a timestamp.
		expect(new Date(asYaml11.date as string).toISOString().slice(0, 10)).toBe(properties.date);
		expect(asYaml11.links).toEqual(properties.links);
	});

	it("writes plain words bare and lists one item a line, as Obsidian does", () => {
		expect(frontmatterBlock({ status: "draft", format: "report", tags: ["a", "b"], skipped: undefined, usage: { n: 1 } })).toBe(
			"---\nstatus: draft\nformat: report\ntags:\n  - a\n  - b\nusage:\n  n: 1\n---",
		);
	});

	it("round-trips a rendered deliverable's frontmatter", () => {
		const goal = 'Summarise: "Q3" #risks, [[not a link]]\nand more';
		const content = rendered(renderDeliverable(input({ goal, workflow: { path: "Workflows/Weekly status.md", occurrence: "2026-11-24" } }))).files[0]?.content ?? "";
		for (const version of ["1.1", "1.2"] as const) {
			const read = frontmatterOf(content, version);
			// Dates are written bare, as Obsidian writes date properties: YAML 1.1 reads a timestamp, 1.2 the text; the same instant.
			expect(new Date(read.created as string).getTime()).toBe(Date.parse("2026-11-24T09:30:00+00:00"));
			expect(new Date(read.occurrence as string).getTime()).toBe(Date.parse("2026-11-24"));
			expect({ ...read, created: "2026-11-24T09:30:00+00:00", occurrence: "2026-11-24" }).toEqual({
				coworker: "deliverable",
				status: "draft",
				format: "report",
				goal,
				workflow: "[[Weekly status]]",
				occurrence: "2026-11-24",
				created: "2026-11-24T09:30:00+00:00",
				model: "test-model",
				usage: { prompt_tokens: 900, completion_tokens: 60, total_tokens: 960 },
				sources: ["[[Acme renewal]]", "[[Acme Corp]]", "[[Memory]]"],
				unresolved_links: 1,
			});
		}
	});
});

describe("deliverable formats", () => {
	it("has a label and an instruction for every format", () => {
		for (const format of DELIVERABLE_FORMATS) {
			expect(isDeliverableFormat(format)).toBe(true);
			expect(FORMAT_LABELS[format]).toMatch(/^[A-Z]/);
			expect(FORMAT_INSTRUCTIONS[format].length).toBeGreaterThan(40);
		}
		expect(isDeliverableFormat("poem")).toBe(false);
		expect(FORMAT_INSTRUCTIONS.table).toContain("```csv");
		expect(FORMAT_INSTRUCTIONS.slides).toContain("---");
	});
});
