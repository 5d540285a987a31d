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

/**
 * Copies runs of plain text as slices rather than character by character: masking every line of a vault was a
 * third of parsing it, and most lines hold no code span or comment at all.
 */
function maskInline(line: string, startsInComment: boolean): { text: string; inComment: boolean } {
	if (!startsInComment && !line.includes("`") && !line.includes("%%")) return { text: line, inComment: false };
	let out = "";
	let i = 0;
	// Start of the plain text not yet copied to `out` (meaningless while inside a comment).
	let copied = 0;
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
			copied = i;
			inComment = false;
			continue;
		}
		const code = line.charCodeAt(i);
		if (code === PERCENT && line.charCodeAt(i + 1) === PERCENT) {
			out += line.slice(copied, i) + "  ";
			inComment = true;
			i += 2;
			copied = i;
			continue;
		}
		if (code === BACKTICK) {
			let ticks = 0;
			while (line.charCodeAt(i + ticks) === BACKTICK) ticks++;
			const end = line.indexOf("`".repeat(ticks), i + ticks);
			if (end > 0) {
				out += line.slice(copied, i) + blank(line.slice(i, end + ticks));
				i = end + ticks;
				copied = i;
				continue;
			}
			// An unclosed run of backticks is plain text.
			i += ticks;
			continue;
		}
		i++;
	}
	return { text: out + line.slice(copied), inComment };
}

const PERCENT = 37;
const BACKTICK = 96;

function blank(s: string): string {
	return " ".repeat(s.length);
}
