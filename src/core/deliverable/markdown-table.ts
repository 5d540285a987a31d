/** Finds a Markdown pipe table in a model's answer (GitHub's table syntax, as models write it) and reads its cells. */

export interface PipeTable {
	header: string[];
	rows: string[][];
	/** The table's lines, `[first, end)`; widened to the fence around it when it sits alone in one. */
	firstLine: number;
	endLine: number;
}

/** A delimiter row cell: dashes with optional alignment colons (`---`, `:--`, `--:`, `:-:`). */
const DELIMITER_CELL = /^:?-+:?$/;
/** A fence that may wrap a table: bare, or labelled as Markdown, text, or the CSV that was asked for. */
const WRAPPING_FENCE_OPEN = /^\s*```(?:markdown|md|text|txt|csv|tsv)?\s*$/i;
const FENCE_CLOSE = /^\s*```\s*$/;

/**
 * The first pipe table in `lines`: a header row, a delimiter row with as many cells, and the rows after it up to a
 * blank line or a line with no pipe. Leading and trailing pipes are optional and `\|` is a pipe inside a cell, as
 * in GitHub's spec; a row with fewer cells is padded and one with more is cut to the header, as GitHub renders it.
 * Null when there is none with at least two columns and one row.
 */
export function findPipeTable(lines: readonly string[]): PipeTable | null {
	for (let i = 1; i < lines.length; i++) {
		const delimiter = lines[i] ?? "";
		const headerLine = lines[i - 1] ?? "";
		if (!delimiter.includes("|") || !headerLine.includes("|")) continue;
		const widths = cellsOf(delimiter);
		if (widths.length < 2 || !widths.every((cell) => DELIMITER_CELL.test(cell))) continue;
		const header = cellsOf(headerLine);
		if (header.length !== widths.length) continue;
		const rows: string[][] = [];
		let end = i + 1;
		while (end < lines.length && isRowLine(lines[end] ?? "")) {
			const cells = cellsOf(lines[end] ?? "");
			rows.push(Array.from({ length: header.length }, (_, c) => cells[c] ?? ""));
			end++;
		}
		if (rows.length === 0) continue;
		let firstLine = i - 1;
		if (WRAPPING_FENCE_OPEN.test(lines[firstLine - 1] ?? "") && FENCE_CLOSE.test(lines[end] ?? "")) {
			firstLine--;
			end++;
		}
		return { header, rows, firstLine, endLine: end };
	}
	return null;
}

function isRowLine(line: string): boolean {
	return line.trim() !== "" && line.includes("|") && !FENCE_CLOSE.test(line);
}

/** The cells of one row, trimmed, with `\|` read as a pipe in the cell. */
function cellsOf(line: string): string[] {
	let text = line.trim();
	if (text.startsWith("|")) text = text.slice(1);
	if (text.endsWith("|") && !text.endsWith("\\|")) text = text.slice(0, -1);
	const cells: string[] = [];
	let cell = "";
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (char === "\\" && text[i + 1] === "|") {
			cell += "|";
			i++;
		} else if (char === "|") {
			cells.push(cell.trim());
			cell = "";
		} else {
			cell += char;
		}
	}
	cells.push(cell.trim());
	return cells;
}
