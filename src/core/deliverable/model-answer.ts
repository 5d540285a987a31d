/** Cleans what the model wrote into the body of a deliverable, and finds the CSV in a table answer. */
import Papa from "papaparse";
import { findPipeTable } from "./markdown-table";

/**
 * The answer without a wrapping code fence or a frontmatter block of its own (the pipeline writes the
 * frontmatter), in either order: models write a fence around frontmatter and frontmatter above a fence.
 */
export function cleanAnswer(answer: string): string {
	let text = answer.replace(/\r\n/g, "\n").trim();
	for (let previous = ""; previous !== text; ) {
		previous = text;
		text = withoutFrontmatter(withoutWrappingFence(text));
	}
	return text;
}

function withoutWrappingFence(text: string): string {
	const fenced = /^```(?:markdown|md)?[ \t]*\n([\s\S]*?)\n```$/i.exec(text);
	return fenced?.[1] !== undefined && !fenced[1].includes("\n```") ? fenced[1].trim() : text;
}

function withoutFrontmatter(text: string): string {
	// A block that opens with `key:` and holds only properties (with indented or list lines) is frontmatter; a
	// slide deck that starts with `---` opens with a heading or text instead.
	const frontmatter = /^---\n([A-Za-z_][\w-]*:.*\n(?:(?:[A-Za-z_][\w-]*:.*|[ \t]+\S.*|- .*)\n)*)---\n/.exec(text + "\n");
	return frontmatter ? text.slice(frontmatter[0].length).trim() : text;
}

export interface TableAnswer {
	/** Normalised CSV (papaparse's quoting), ending with a newline. */
	csv: string;
	header: string[];
	rows: string[][];
	/** What the model wrote around the table, if anything. */
	description: string;
}

/**
 * The table in a table answer, in the order models write them: a Markdown pipe table (fenced or not, whatever
 * the fence's label), the first ```csv block, a ```tsv block or a run of tab-separated lines, a bare block, or
 * the whole answer as bare CSV. Null when there is no table with a header of two columns and a row.
 */
export function tableFromAnswer(answer: string): TableAnswer | null {
	const text = answer.replace(/\r\n/g, "\n");
	const lines = text.split("\n");
	const pipe = findPipeTable(lines);
	if (pipe) return tableOf(pipe.header, pipe.rows, [...lines.slice(0, pipe.firstLine), ...lines.slice(pipe.endLine)].join("\n").trim());
	const blocks = [...text.matchAll(/```([a-z]*)[ \t]*\n([\s\S]*?)\n```/gi)];
	const labelled = (label: string): RegExpExecArray | undefined => blocks.find((match) => (match[1] ?? "").toLowerCase() === label);
	const around = (block: RegExpExecArray): string => (text.slice(0, block.index) + text.slice(block.index + block[0].length)).trim();
	const csv = labelled("csv");
	if (csv) return delimitedTable(csv[2] ?? "", around(csv), null)?.table ?? null;
	const tsv = labelled("tsv");
	if (tsv) return delimitedTable(tsv[2] ?? "", around(tsv), "\t")?.table ?? null;
	const tabbed = tabSeparatedRun(lines);
	if (tabbed) {
		const rest = [...lines.slice(0, tabbed.first), ...lines.slice(tabbed.end)].join("\n").trim();
		return delimitedTable(lines.slice(tabbed.first, tabbed.end).join("\n"), rest, "\t")?.table ?? null;
	}
	const bare = labelled("");
	if (bare) return delimitedTable(bare[2] ?? "", around(bare), null)?.table ?? null;
	const whole = delimitedTable(text, "", null);
	// A bare answer is only a table when its rows agree on their width; prose with a stray comma is not.
	return whole?.widthsAgreed ? whole.table : null;
}

/**
 * Parses CSV (or, with `delimiter`, TSV). Without one, papaparse guesses among comma, semicolon (spreadsheets in
 * many locales) and tab, but never the pipe: pipes are a Markdown table's, read above or not a table at all.
 */
function delimitedTable(source: string, description: string, delimiter: string | null): { table: TableAnswer; widthsAgreed: boolean } | null {
	const parsed = Papa.parse<string[]>(source.trim(), { skipEmptyLines: "greedy", ...(delimiter ? { delimiter } : { delimitersToGuess: [",", ";", "\t"] }) });
	if (parsed.errors.some((error) => error.type === "Quotes")) return null;
	const [header, ...rows] = parsed.data;
	if (!header || header.length < 2 || rows.length === 0) return null;
	const table = tableOf(header, rows, description);
	return table && { table, widthsAgreed: rows.every((row) => row.length === header.length) };
}

/** Rows padded to the header's width, and the CSV papaparse writes for them (cells with commas, quotes or line breaks quoted). */
function tableOf(header: string[], rows: string[][], description: string): TableAnswer | null {
	if (header.length < 2 || rows.length === 0) return null;
	const width = header.length;
	const even = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""));
	return { csv: Papa.unparse([header, ...even], { newline: "\n" }) + "\n", header, rows: even, description };
}

/** The first run of two or more lines that each hold the same number (two or more) of tab-separated cells. */
function tabSeparatedRun(lines: readonly string[]): { first: number; end: number } | null {
	const cells = (line: string): number => (line.includes("\t") ? line.split("\t").length : 0);
	for (let first = 0; first < lines.length; first++) {
		const width = cells(lines[first] ?? "");
		if (width < 2) continue;
		let end = first + 1;
		while (end < lines.length && cells(lines[end] ?? "") === width) end++;
		if (end - first >= 2) return { first, end };
		first = end - 1;
	}
	return null;
}
