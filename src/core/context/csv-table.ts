/** CSV files as sources: parsed with papaparse and shown to the model as a markdown table with its header. */
import Papa from "papaparse";
import { estimateTokens } from "./token-estimate";

export interface CsvTable {
	header: string[];
	rows: string[][];
}

/** A parsed table, or the sentence saying why the file is not one. */
export type CsvReadResult = { ok: true; table: CsvTable } | { ok: false; error: string };

/** Parses CSV text (delimiter detected, BOM and blank lines dropped); the first row is the header. */
export function parseCsv(path: string, text: string): CsvReadResult {
	const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
	const fatal = parsed.errors.find((error) => error.type === "Quotes");
	if (fatal) return { ok: false, error: `${path} is not valid CSV: ${fatal.message.toLowerCase()} at row ${(fatal.row ?? 0) + 1}.` };
	const [header, ...rows] = parsed.data;
	if (!header || header.every((cell) => cell.trim() === "")) return { ok: false, error: `${path} has no header row; a table source needs one.` };
	return { ok: true, table: { header: header.map((cell) => cell.trim()), rows } };
}

/** A markdown table of the header and as many rows as fit `maxTokens`, saying how many were left out. */
export function tableAsMarkdown(table: CsvTable, maxTokens = Number.POSITIVE_INFINITY): { text: string; rowsShown: number } {
	const lines = [markdownTableRow(table.header), markdownTableRow(table.header.map(() => "---"))];
	let tokens = estimateTokens(lines.join("\n"));
	let rowsShown = 0;
	for (const row of table.rows) {
		const line = markdownTableRow(table.header.map((_, i) => row[i] ?? ""));
		const cost = estimateTokens(line) + 1;
		if (tokens + cost > maxTokens) break;
		lines.push(line);
		tokens += cost;
		rowsShown++;
	}
	if (rowsShown < table.rows.length) lines.push("", `(${rowsShown} of ${table.rows.length} rows shown; the rest did not fit the context budget.)`);
	return { text: lines.join("\n"), rowsShown };
}

/** One row of a markdown table, with pipes and line breaks in cells escaped. */
export function markdownTableRow(cells: readonly string[]): string {
	return `| ${cells.map((cell) => cell.replace(/\|/g, "\\|").replace(/\r?\n/g, " ")).join(" | ")} |`;
}
