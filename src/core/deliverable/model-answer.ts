/** Cleans what the model wrote into the body of a deliverable, and finds the CSV in a table answer. */
import Papa from "papaparse";

/** The answer without a wrapping code fence or a frontmatter block of its own (the pipeline writes the frontmatter). */
export function cleanAnswer(answer: string): string {
	let text = answer.replace(/\r\n/g, "\n").trim();
	const fenced = /^```(?:markdown|md)?[ \t]*\n([\s\S]*?)\n```$/i.exec(text);
	if (fenced?.[1] !== undefined && !fenced[1].includes("\n```")) text = fenced[1].trim();
	// A block that opens with `key:` and holds only properties (with indented or list lines) is frontmatter; a
	// slide deck that starts with `---` opens with a heading or text instead.
	const frontmatter = /^---\n([A-Za-z_][\w-]*:.*\n(?:(?:[A-Za-z_][\w-]*:.*|[ \t]+\S.*|- .*)\n)*)---\n/.exec(text + "\n");
	if (frontmatter) text = text.slice(frontmatter[0].length).trim();
	return text;
}

export interface TableAnswer {
	/** Normalised CSV (papaparse's quoting), ending with a newline. */
	csv: string;
	header: string[];
	rows: string[][];
	/** What the model wrote around the table, if anything. */
	description: string;
}

/** The first ```csv block (or the whole answer, when it is bare CSV), or null when there is no table with a header and a row. */
export function tableFromAnswer(answer: string): TableAnswer | null {
	const text = answer.replace(/\r\n/g, "\n");
	const blocks = [...text.matchAll(/```([a-z]*)[ \t]*\n([\s\S]*?)\n```/gi)];
	const block = blocks.find((match) => (match[1] ?? "").toLowerCase() === "csv") ?? blocks.find((match) => (match[1] ?? "") === "");
	const csvText = block ? (block[2] ?? "") : text;
	const description = block ? (text.slice(0, block.index) + text.slice(block.index + block[0].length)).trim() : "";
	const parsed = Papa.parse<string[]>(csvText.trim(), { skipEmptyLines: "greedy" });
	if (parsed.errors.some((error) => error.type === "Quotes")) return null;
	const [header, ...rows] = parsed.data;
	if (!header || header.length < 2 || rows.length === 0) return null;
	// A bare answer is only a table when its rows agree on their width; prose with a stray comma is not.
	if (!block && rows.some((row) => row.length !== header.length)) return null;
	const width = header.length;
	const even = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""));
	return { csv: Papa.unparse([header, ...even], { newline: "\n" }) + "\n", header, rows: even, description };
}
