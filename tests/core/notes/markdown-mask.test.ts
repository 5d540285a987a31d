import { describe, expect, it } from "vitest";
import { maskNonProse } from "../../../src/core/notes/markdown-mask";

describe("maskNonProse", () => {
	it("returns plain lines as they are and blanks code spans and comments in place", () => {
		expect(maskNonProse(["plain #tag [[Link]] 100%", "run `rm #x` now", "a %%hidden #t%% b"])).toEqual([
			"plain #tag [[Link]] 100%",
			"run         now",
			"a               b",
		]);
	});

	it("keeps an unclosed run of backticks as text, and closes a span only on a run as long as its opening", () => {
		expect(maskNonProse(["a ``b` c", "x ``y`` z", "``` not a fence"])).toEqual(["a ``b` c", "x       z", "               "]);
	});

	it("carries a comment over lines, including one opened by the last two characters of a line", () => {
		expect(maskNonProse(["before %%", "#hidden", "still%% after", "tail %%open", "x %% y"])).toEqual([
			"before   ",
			"       ",
			"        after",
			"tail       ",
			"     y",
		]);
	});

	it("blanks fenced code blocks whole and keeps every line's length", () => {
		const lines = ["```js", "const a = `#x`;", "```", "after `#y`"];
		const masked = maskNonProse(lines);
		expect(masked.map((line) => line.length)).toEqual(lines.map((line) => line.length));
		expect(masked).toEqual(["     ", "               ", "   ", "after     "]);
	});
});
