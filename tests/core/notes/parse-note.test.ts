import { describe, expect, it } from "vitest";
import { parseNote, parseNoteContent, isPrivateNote } from "../../../src/core/notes/parse-note";

describe("parseNote", () => {
	it("takes the title from frontmatter, then the first H1, then the file name", () => {
		expect(parseNote("a/Plan.md", "---\ntitle: The plan\n---\n# Heading one\ntext").title).toBe("The plan");
		expect(parseNote("a/Plan.md", "intro\n# Heading one\ntext").title).toBe("Heading one");
		expect(parseNote("a/Plan.md", "## Only h2\ntext").title).toBe("Plan");
	});

	it("reads aliases as a list or a single string", () => {
		expect(parseNote("n.md", "---\naliases: [Dan, Danny]\n---\n").aliases).toEqual(["Dan", "Danny"]);
		expect(parseNote("n.md", "---\naliases: JW\n---\n").aliases).toEqual(["JW"]);
	});

	it("collects tags from frontmatter and body, lower-cased, once each, ignoring code and headings", () => {
		const note = parseNote(
			"n.md",
			"---\ntags: [Project, client/acme]\n---\n# Title\nSome #Risk/High text and #project again.\n`#inline-code` and #123\n```\n#in-code\n```\n",
		);
		expect(note.tags.sort()).toEqual(["client/acme", "project", "risk/high"]);
	});

	it("accepts a comma- or space-separated tags string", () => {
		expect(parseNote("n.md", "---\ntags: reference, how-to\n---\n").tags).toEqual(["reference", "how-to"]);
		expect(parseNote("n.md", "---\ntags: '#a #b'\n---\n").tags).toEqual(["a", "b"]);
	});

	it("finds every shape of outgoing link, with heading, block, alias and embed", () => {
		const text = [
			"See [[Project Alpha]], [[Project Alpha#Risks]], [[Acme renewal|the renewal]],",
			"[[2026-11-16 Weekly sync#^decision-1]] and ![[Q3 figures.csv]] or ![[Project Alpha#Timeline]].",
			"Also [release](../Reference/How%20we%20release.md#Hotfixes) and [web](https://example.com) and ![img](pic.png).",
			"| [[Table link\\|alias]] |",
			"```",
			"[[not a link]]",
			"```",
		].join("\n");
		const links = parseNote("n.md", text).links.map(({ target, heading, blockId, displayText, embed, kind }) => ({
			target,
			heading,
			blockId,
			displayText,
			embed,
			kind,
		}));
		expect(links).toEqual([
			{ target: "Project Alpha", heading: undefined, blockId: undefined, displayText: undefined, embed: false, kind: "wikilink" },
			{ target: "Project Alpha", heading: "Risks", blockId: undefined, displayText: undefined, embed: false, kind: "wikilink" },
			{ target: "Acme renewal", heading: undefined, blockId: undefined, displayText: "the renewal", embed: false, kind: "wikilink" },
			{ target: "2026-11-16 Weekly sync", heading: undefined, blockId: "decision-1", displayText: undefined, embed: false, kind: "wikilink" },
			{ target: "Q3 figures.csv", heading: undefined, blockId: undefined, displayText: undefined, embed: true, kind: "wikilink" },
			{ target: "Project Alpha", heading: "Timeline", blockId: undefined, displayText: undefined, embed: true, kind: "wikilink" },
			{ target: "../Reference/How we release.md", heading: "Hotfixes", blockId: undefined, displayText: "release", embed: false, kind: "markdown" },
			{ target: "Table link", heading: undefined, blockId: undefined, displayText: "alias", embed: false, kind: "wikilink" },
		]);
	});

	it("records the file line of each link", () => {
		const note = parseNote("n.md", "---\na: 1\n---\nfirst\n\nsee [[Other]]");
		expect(note.links[0]?.line).toBe(5);
	});

	it("parses, without the links (parseNoteContent, for the index), everything else exactly as parseNote does", () => {
		const text = "---\ntitle: Plan\ntags: [a]\nbroken: [\n---\n# Head\nsee [[Other]] and [text](Third.md) #b\n```\n[[in code]]\n```\n## Next\nmore";
		const { links, ...rest } = parseNote("n.md", text);
		expect(links.map((link) => link.target)).toEqual(["Other", "Third.md"]);
		const content = parseNoteContent("n.md", text);
		expect(content).toEqual(rest);
		expect("links" in content).toBe(false);
	});

	it("splits the body into sections with heading paths and file lines", () => {
		const text = "---\ntitle: T\n---\nintro text\n# Top\nunder top\n## Child\nchild text\n```\n# not a heading\n```\n### Grandchild\ng\n## Sibling\ns";
		const sections = parseNote("n.md", text).sections;
		expect(sections.map((s) => [s.headingPath.join(" > "), s.level, s.startLine])).toEqual([
			["", 0, 3],
			["Top", 1, 4],
			["Top > Child", 2, 6],
			["Top > Child > Grandchild", 3, 11],
			["Top > Sibling", 2, 13],
		]);
		expect(sections[2]?.text).toContain("# not a heading");
	});

	it("keeps properties JSON-safe: dates become ISO strings", () => {
		const note = parseNote("n.md", "---\ndue: 2026-12-11\nat: 2026-11-20T09:30:00Z\nowner: \"[[Maya Chen]]\"\nn: 3\n---\n");
		expect(note.properties).toEqual({ due: "2026-12-11", at: "2026-11-20T09:30:00Z", owner: "[[Maya Chen]]", n: 3 });
	});

	it("reports malformed YAML with the note's path and the file line, and still reads the body", () => {
		const note = parseNote("Meetings/Bad.md", "---\ntitle: ok\ntags: [a, b\nstatus: x\n---\n# Real title\nbody words #tagged");
		expect(note.problems).toHaveLength(1);
		expect(note.problems[0]?.path).toBe("Meetings/Bad.md");
		expect(note.problems[0]?.field).toBe("frontmatter");
		expect(note.problems[0]?.line).toBeGreaterThanOrEqual(3);
		expect(note.problems[0]?.message).toMatch(/^Meetings\/Bad\.md: the frontmatter is not valid YAML at line \d/);
		expect(note.title).toBe("Real title");
		expect(note.tags).toEqual(["tagged"]);
		expect(note.properties).toEqual({});
	});

	it("reports the same malformed YAML every time it is parsed (gray-matter's cache is bypassed)", () => {
		const text = "---\nkey: [unclosed\n---\nbody";
		expect(parseNote("a.md", text).problems).toHaveLength(1);
		expect(parseNote("a.md", text).problems).toHaveLength(1);
	});

	it("treats a file without a closing --- as all body, as Obsidian does", () => {
		const note = parseNote("n.md", "---\nnot: closed\n# Heading\ntext");
		expect(note.properties).toEqual({});
		expect(note.sections.some((s) => s.heading === "Heading")).toBe(true);
	});

	it("recognises coworker: private", () => {
		expect(isPrivateNote(parseNote("n.md", "---\ncoworker: private\n---\nx").properties)).toBe(true);
		expect(isPrivateNote(parseNote("n.md", "---\ncoworker: Private \n---\nx").properties)).toBe(true);
		expect(isPrivateNote(parseNote("n.md", "---\ncoworker: deliverable\n---\nx").properties)).toBe(false);
	});

	it("handles Windows line endings", () => {
		const note = parseNote("n.md", "---\r\ntitle: T\r\n---\r\n# H\r\ntext [[Link]]\r\n");
		expect(note.title).toBe("T");
		expect(note.links[0]?.target).toBe("Link");
		expect(note.sections[0]?.heading).toBe("H");
	});
});
