/** checkLinks against the example vault's real file list: links that resolve stay, the rest become flagged plain text. */
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_VAULT } from "../../helpers/temp-vault";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { LinkResolver } from "../../../src/core/notes/link-resolver";
import { checkLinks, UNRESOLVED_FLAG } from "../../../src/core/deliverable/link-check";

const REPORT = "Coworker/Deliverables/2026-11-24 Status.md";
let links: LinkResolver;

beforeAll(async () => {
	links = new LinkResolver(await new NodeVaultReader(EXAMPLE_VAULT).listAllFiles());
});

describe("checkLinks keeps what resolves", () => {
	it("keeps wikilinks with headings, blocks and aliases, embeds and markdown links, listing their files once", () => {
		const text = [
			"# Status",
			"The renewal is at risk ([[Acme renewal#Risks]]), see [[Acme Corp|the client]] and [[2026-11-16 Weekly sync#^decision-1]].",
			"Numbers: ![[Q3 figures.csv]] and [the figures](../../Data/Q3%20figures.csv) and [release](<Reference/How we release.md>).",
			"Again [[acme renewal]] and [[Projects/Acme renewal.md|renewal]].",
		].join("\n");
		const checked = checkLinks(text, REPORT, links);
		expect(checked.text).toBe(text);
		expect(checked.unresolved).toEqual([]);
		expect(checked.linked).toEqual(["Projects/Acme renewal.md", "Clients/Acme Corp.md", "Meetings/2026-11-16 Weekly sync.md", "Data/Q3 figures.csv", "Reference/How we release.md"]);
	});

	it("keeps a wikilink with an escaped table pipe", () => {
		const row = "| [[Acme renewal\\|renewal]] | open |";
		expect(checkLinks(row, REPORT, links)).toEqual({ text: row, unresolved: [], linked: ["Projects/Acme renewal.md"] });
	});
});

describe("checkLinks flags what does not resolve", () => {
	it("turns an unresolved wikilink into its words with the flag, and lists it as written", () => {
		const checked = checkLinks("See [[Vendor shortlist]] and [[Acme Corp]].", REPORT, links);
		expect(checked.text).toBe("See Vendor shortlist (unresolved link) and [[Acme Corp]].");
		expect(checked.unresolved).toEqual(["[[Vendor shortlist]]"]);
		expect(checked.linked).toEqual(["Clients/Acme Corp.md"]);
		expect(UNRESOLVED_FLAG).toBe(" (unresolved link)");
	});

	it("uses the alias, or the target and heading, as the words", () => {
		const checked = checkLinks("[[Nope|the shortlist]], [[Nope#Budget]], [[Nope#^block-1]], ![[missing.png]].", REPORT, links);
		expect(checked.text).toBe("the shortlist (unresolved link), Nope › Budget (unresolved link), Nope › block-1 (unresolved link), missing.png (unresolved link).");
		expect(checked.unresolved).toEqual(["[[Nope|the shortlist]]", "[[Nope#Budget]]", "[[Nope#^block-1]]", "![[missing.png]]"]);
	});

	it("flags internal markdown links that go nowhere, keeping their text", () => {
		const checked = checkLinks('Read [the plan](Plans/Missing.md) and ![chart](chart.png "Chart") and [how](<No such.md>).', REPORT, links);
		expect(checked.text).toBe("Read the plan (unresolved link) and chart (unresolved link) and how (unresolved link).");
		expect(checked.unresolved).toEqual(["[the plan](Plans/Missing.md)", '![chart](chart.png "Chart")', "[how](<No such.md>)"]);
	});

	it("resolves relative markdown links from the deliverable's own folder", () => {
		// From Coworker/Deliverables, ../Data is Coworker/Data, which does not exist.
		const checked = checkLinks("[a](../Data/Q3%20figures.csv) [b](../../Data/Q3%20figures.csv)", REPORT, links);
		expect(checked.text).toBe("a (unresolved link) [b](../../Data/Q3%20figures.csv)");
	});

	it("changes several links on one line without disturbing the others", () => {
		const checked = checkLinks("[[A1]] [[Acme Corp]] [[B2|bee]] [x](y.md) [[Globex]]", REPORT, links);
		expect(checked.text).toBe("A1 (unresolved link) [[Acme Corp]] bee (unresolved link) x (unresolved link) [[Globex]]");
		expect(checked.unresolved).toHaveLength(3);
	});

	// Regression test (a bug found and fixed while issue 3 was built): a markdown link whose destination is itself a wikilink (`[Nope]([[Nope]])`, which models do write) is matched
	// twice, as a wikilink and as a markdown link; both replacements are applied to the line by their original offsets,
	// so the second one cuts into the text the first one wrote ("Nope (unresolved link)esolved link))").
	it("flags a markdown link around an unresolved wikilink once, leaving readable text", () => {
		const checked = checkLinks("See [Nope]([[Nope]]) here.", REPORT, links);
		expect(checked.text).toBe("See Nope (unresolved link) here.");
	});
});

describe("checkLinks and the run's MCP resources", () => {
	it("turns a link to a resource source into its server/uri as text, neither kept as a link nor flagged", () => {
		const text = "09:00 call ([[calendar/events://today]]); [today's events](calendar/events://today); [[calendar/events://today|the calendar]]; [[calendar/events://tomorrow]].";
		const checked = checkLinks(text, REPORT, links, ["calendar/events://today"]);
		expect(checked.text).toBe(`09:00 call (calendar/events://today); today's events; the calendar; calendar/events://tomorrow${UNRESOLVED_FLAG}.`);
		expect(checked.unresolved).toEqual(["[[calendar/events://tomorrow]]"]);
		expect(checked.linked).toEqual([]);
	});
});

describe("checkLinks leaves alone", () => {
	it("links inside fenced code blocks and inline code", () => {
		const text = ["Example: `[[Nope]]` and ``[x](Nope.md)``.", "```markdown", "[[Vendor shortlist]]", "[y](missing.md)", "```", "~~~", "[[Also nope]]", "~~~"].join("\n");
		expect(checkLinks(text, REPORT, links)).toEqual({ text, unresolved: [], linked: [] });
	});

	it("external URLs, mail links and protocol-relative links", () => {
		const text = "[site](https://example.com/a_(b)) [mail](mailto:maya@example.com) [cdn](//cdn.example.com/x.js) [app](obsidian://open?vault=x) <https://example.com>";
		expect(checkLinks(text, REPORT, links)).toEqual({ text, unresolved: [], linked: [] });
	});

	it("keeps links to the deliverable's own headings and blocks", () => {
		const text = "See [[#Risks]], [[#^summary|the summary]] and [the risks](#Risks) below.\n\n## Risks\n\nVendor review slipped. ^summary";
		expect(checkLinks(text, REPORT, links)).toEqual({ text, unresolved: [], linked: [] });
	});

	it("flags links to headings and blocks the deliverable does not have, like any other unresolved link", () => {
		const text = "See [[#Budget]], [[#^nowhere|the note]], [the plan](#Next%20steps) and [[#Risks#Vendor]].\n\n## Risks\n";
		const checked = checkLinks(text, REPORT, links);
		expect(checked.unresolved).toEqual(["[[#Budget]]", "[[#^nowhere|the note]]", "[[#Risks#Vendor]]", "[the plan](#Next%20steps)"]);
		expect(checked.text).toBe(
			"See Budget (unresolved link), the note (unresolved link), the plan (unresolved link) and Risks › Vendor (unresolved link).\n\n## Risks\n",
		);
		expect(checked.linked).toEqual([]);
	});

	it("matches headings as Obsidian does: any case, and link-unsafe or formatting characters read as spaces", () => {
		const text = "[[#q3: results]], [[#Q3 Results]], [[#Open  questions]], [[#Risks#Next steps]] and [[#^SUMMARY]].\n\n# **Q3: Results**\n\n## Open questions\n\n### Next steps\n\nText ^summary";
		expect(checkLinks(text, REPORT, links).unresolved).toEqual([]);
	});

	it("counts the headings the pipeline adds after the text, and ignores headings in code", () => {
		expect(checkLinks("See [[#Sources]].", REPORT, links, [], ["Sources"]).unresolved).toEqual([]);
		expect(checkLinks("See [[#Sources]].\n\n```\n## Sources\n```", REPORT, links).unresolved).toEqual(["[[#Sources]]"]);
	});

	it("text with no links, including square brackets that are not links", () => {
		const text = "A list [1] and a task [ ] and [x] done.\nSecond line.";
		expect(checkLinks(text, REPORT, links)).toEqual({ text, unresolved: [], linked: [] });
	});
});
