/** Blanks out the parts of markdown where tags and links do not count: code blocks, inline code, `%%comments%%`. */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Returns the lines of `text` with code and comments replaced by spaces, keeping every line and column
 * where it was, so positions found in the mask are positions in the original.
 */
export function maskNonProse(lines: readonly string[]): string[] {
	const masked: string[] = [];
	let openFence: string | null = null;
	let inComment = false;
	for (const line of lines) {
		if (openFence !== null) {
			const close = FENCE.exec(line);
			if (close?.[1] && close[1][0] === openFence[0] && close[1].length >= openFence.length && line.trim() === close[1]) {
				openFence = null;
			}
			masked.push(blank(line));
			continue;
		}
		const open = FENCE.exec(line);
		if (open?.[1] && !inComment) {
			openFence = open[1];
			masked.push(blank(line));
			continue;
		}
		const result = maskInline(line, inComment);
		inComment = result.inComment;
		masked.push(result.text);
	}
	return masked;
}

/** True for lines that open or close a fenced code block. */
export function isFenceLine(line: string): boolean {
	return FENCE.test(line);
}

function maskInline(line: string, startsInComment: boolean): { text: string; inComment: boolean } {
	let out = "";
	let i = 0;
	let inComment = startsInComment;
	while (i < line.length) {
		if (inComment) {
			const end = line.indexOf("%%", i);
			if (end < 0) {
				out += blank(line.slice(i));
				return { text: out, inComment: true };
			}
			out += blank(line.slice(i, end + 2));
			i = end + 2;
			inComment = false;
			continue;
		}
		const ch = line[i];
		if (ch === "%" && line[i + 1] === "%") {
			inComment = true;
			out += "  ";
			i += 2;
			continue;
		}
		if (ch === "`") {
			let ticks = 0;
			while (line[i + ticks] === "`") ticks++;
			const fence = "`".repeat(ticks);
			const end = line.indexOf(fence, i + ticks);
			if (end > 0) {
				out += blank(line.slice(i, end + ticks));
				i = end + ticks;
				continue;
			}
			out += line.slice(i, i + ticks);
			i += ticks;
			continue;
		}
		out += ch;
		i++;
	}
	return { text: out, inComment };
}

function blank(s: string): string {
	return " ".repeat(s.length);
}
