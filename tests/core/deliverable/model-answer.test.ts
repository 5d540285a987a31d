/** cleanAnswer and tableFromAnswer: the model's text made into a deliverable body, and the CSV found in a table answer. */
import { describe, expect, it } from "vitest";
import { cleanAnswer, tableFromAnswer } from "../../../src/core/deliverable/model-answer";

describe("cleanAnswer", () => {
	it("trims and normalises line endings, leaving a plain answer as it is", () => {
		expect(cleanAnswer("\r\n  # Report\r\n\r\nBody text.\r\n\r\n")).toBe("# Report\n\nBody text.");
	});

	it("strips a ```markdown (or ```md, or bare) fence wrapped around the whole answer", () => {
		expect(cleanAnswer("```markdown\n# Report\n\nBody.\n```")).toBe("# Report\n\nBody.");
		expect(cleanAnswer("```md\n# Memo\n```")).toBe("# Memo");
		expect(cleanAnswer("```\n# Summary\n- point\n```\n")).toBe("# Summary\n- point");
		expect(cleanAnswer("```Markdown  \n# Upper\n```")).toBe("# Upper");
	});

	it("keeps code blocks that are part of the answer", () => {
		const answer = "# Report\n\n```js\nconsole.log(1);\n```";
		expect(cleanAnswer(answer)).toBe(answer);
		// Opening and closing fences of two different blocks are not one wrapping fence.
		const two = "```markdown\nA\n```\n\nBetween\n\n```js\nx\n```";
		expect(cleanAnswer(two)).toBe(two);
		// A ```python answer is code, not a wrapped deliverable.
		expect(cleanAnswer("```python\nprint(1)\n```")).toBe("```python\nprint(1)\n```");
	});

	it("strips a frontmatter block the model wrote itself", () => {
		expect(cleanAnswer("---\ntitle: Report\nstatus: draft\n---\n# Report\n\nBody.")).toBe("# Report\n\nBody.");
		expect(cleanAnswer("---\ntags: [a, b]\n---\n\n# Report")).toBe("# Report");
		expect(cleanAnswer("```markdown\n---\ntitle: Report\n---\n# Report\n```")).toBe("# Report");
	});

	it("strips frontmatter and a fence in either order, and after blank lines left by removed reasoning", () => {
		expect(cleanAnswer("---\ntitle: Report\n---\n```markdown\n# Report\n\nBody.\n```")).toBe("# Report\n\nBody.");
		expect(cleanAnswer("\n\n```md\n---\ntags:\n  - acme\n---\n\n# Report\n```\n")).toBe("# Report");
		expect(cleanAnswer("\n\n---\ntitle: Memo\n---\n# Memo")).toBe("# Memo");
	});

	it("keeps the slide separators of a deck", () => {
		const deck = "# Project Alpha\n\nStatus for leadership\n\n---\n\n## Risks\n\n- Review slipped\n\n---\n\n## Next\n\n- Beta on 2026-12-01";
		expect(cleanAnswer(deck)).toBe(deck);
		expect(cleanAnswer("```markdown\n" + deck + "\n```")).toBe(deck);
		expect(cleanAnswer(deck).split("\n---\n")).toHaveLength(3);
	});

	it("keeps a deck whose first slide sits between --- lines with no properties in it", () => {
		const deck = "---\n# Title slide\n---\n## Second";
		expect(cleanAnswer(deck)).toBe(deck);
	});

	// Regression test (a bug found and fixed while issue 3 was built): only frontmatter made of single-line `key: value` lines is recognised; the block models most often write,
	// with a list property (`tags:` then `  - a`), stays in the body, so the deliverable gets a second `---` block
	// below the pipeline's frontmatter, shown as a rule and stray "title: …" text.
	it("strips a model-written frontmatter that has a list property", () => {
		expect(cleanAnswer("---\ntitle: Report\ntags:\n  - acme\n  - renewal\n---\n# Report\n\nBody.")).toBe("# Report\n\nBody.");
	});
});

describe("tableFromAnswer", () => {
	it("takes the ```csv block, normalises it, and keeps the words around it as the description", () => {
		const table = tableFromAnswer('Revenue by client, from [[Q3 figures.csv]].\n\n```csv\nclient,revenue_eur\nAcme Corp,15300\n"Initech, GmbH",5100\n```\n\nFigures in EUR.');
		expect(table).toEqual({
			csv: 'client,revenue_eur\nAcme Corp,15300\n"Initech, GmbH",5100\n',
			header: ["client", "revenue_eur"],
			rows: [
				["Acme Corp", "15300"],
				["Initech, GmbH", "5100"],
			],
			description: "Revenue by client, from [[Q3 figures.csv]].\n\n\n\nFigures in EUR.",
		});
	});

	it("prefers the csv block over other blocks, and takes a bare block when there is no csv one", () => {
		expect(tableFromAnswer("```js\nx,y\n1,2\n```\n```csv\na,b\n3,4\n```")?.header).toEqual(["a", "b"]);
		expect(tableFromAnswer("Here:\n```\na,b\n3,4\n```")).toMatchObject({ header: ["a", "b"], rows: [["3", "4"]], description: "Here:" });
	});

	it("pads short rows and quotes what needs quoting, with CRLF answers too", () => {
		const table = tableFromAnswer('```csv\r\nname,note,n\r\n"Quote ""me""","two\r\nlines"\r\nshort\r\n```');
		expect(table?.rows).toEqual([
			['Quote "me"', "two\nlines", ""],
			["short", "", ""],
		]);
		expect(table?.csv).toBe('name,note,n\n"Quote ""me""","two\nlines",\nshort,,\n');
	});

	it("accepts a bare CSV answer only when its rows agree on their width", () => {
		expect(tableFromAnswer("a,b,c\n1,2,3\n4,5,6")).toMatchObject({ header: ["a", "b", "c"], description: "" });
		expect(tableFromAnswer("Acme is at risk, as noted.\nThe renewal, however, is likely.\nSee the notes")).toBeNull();
	});

	it("finds no table without a header of two columns and at least one row", () => {
		expect(tableFromAnswer("```csv\na,b\n```")).toBeNull();
		expect(tableFromAnswer("```csv\nonly\n1\n```")).toBeNull();
		expect(tableFromAnswer("I could not build the table from the sources.")).toBeNull();
		expect(tableFromAnswer("")).toBeNull();
		expect(tableFromAnswer('```csv\na,b\n1,"unclosed\n```')).toBeNull();
	});

	describe("a Markdown pipe table", () => {
		const expected = {
			csv: 'client,revenue_eur,note\nAcme Corp,15300,renewal\n"Initech, GmbH",5100,new | small\n',
			header: ["client", "revenue_eur", "note"],
			rows: [
				["Acme Corp", "15300", "renewal"],
				["Initech, GmbH", "5100", "new | small"],
			],
		};

		it("becomes the CSV, cells with commas quoted, escaped pipes kept in their cell", () => {
			const table = tableFromAnswer("| client | revenue_eur | note |\n|---|---:|:---:|\n| Acme Corp | 15300 | renewal |\n| Initech, GmbH | 5100 | new \\| small |");
			expect(table).toEqual({ ...expected, description: "" });
		});

		it("without leading and trailing pipes, and with a sentence before and after it", () => {
			const answer = "Revenue by client, from [[Q3 figures.csv]]:\n\nclient | revenue_eur | note\n:-- | --: | ---\nAcme Corp | 15300 | renewal\nInitech, GmbH | 5100 | new \\| small\n\nFigures in EUR.";
			expect(tableFromAnswer(answer)).toEqual({ ...expected, description: "Revenue by client, from [[Q3 figures.csv]]:\n\n\nFigures in EUR." });
		});

		it("inside a fence (bare, markdown, or even labelled csv), the fence left out of the description", () => {
			for (const label of ["", "markdown", "csv"]) {
				const answer = `Here is the table.\n\n\`\`\`${label}\n| client | revenue_eur | note |\n| --- | --- | --- |\n| Acme Corp | 15300 | renewal |\n| Initech, GmbH | 5100 | new \\| small |\n\`\`\`\n`;
				expect(tableFromAnswer(answer)).toEqual({ ...expected, description: "Here is the table." });
			}
		});

		it("pads short rows and cuts long ones to the header, as GitHub renders them", () => {
			expect(tableFromAnswer("| a | b |\n|---|---|\n| 1 |\n| 2 | 3 | 4 |")?.rows).toEqual([
				["1", ""],
				["2", "3"],
			]);
		});

		it("is no table with one column, without a row, or when the delimiter row does not match the header", () => {
			expect(tableFromAnswer("| a |\n|---|\n| 1 |")).toBeNull();
			expect(tableFromAnswer("| a | b |\n|---|---|\n\nText after.")).toBeNull();
			expect(tableFromAnswer("| a | b | c |\n|---|---|\n| 1 | 2 | 3 |")).toBeNull();
			expect(tableFromAnswer("A | B is not a table\n\n---\n\nNor | this")).toBeNull();
		});
	});

	describe("a tab-separated table", () => {
		it("in a ```tsv block or as bare lines with a sentence around them, becomes the CSV", () => {
			const tsv = "client\trevenue_eur\nAcme Corp\t15300\nInitech, GmbH\t5100";
			const csv = 'client,revenue_eur\nAcme Corp,15300\n"Initech, GmbH",5100\n';
			expect(tableFromAnswer("```tsv\n" + tsv + "\n```")).toMatchObject({ csv, description: "" });
			expect(tableFromAnswer(`Revenue by client:\n${tsv}\n\nFrom the Q3 figures.`)).toMatchObject({ csv, description: "Revenue by client:\n\nFrom the Q3 figures." });
		});

		it("needs two lines of the same width", () => {
			expect(tableFromAnswer("one\ttab only")).toBeNull();
		});
	});
});
