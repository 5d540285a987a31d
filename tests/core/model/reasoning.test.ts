/** stripReasoning: every shape in which reasoning models leave their thinking in the content. */
import { describe, expect, it } from "vitest";
import { stripReasoning } from "../../../src/core/model/reasoning";

describe("stripReasoning", () => {
	it("leaves an answer without reasoning as it is", () => {
		expect(stripReasoning("# Report\n\nBody with a <b>tag</b> and 3 < 4.")).toEqual({ text: "# Report\n\nBody with a <b>tag</b> and 3 < 4.", removed: false });
	});

	it("removes a <think> block at the start, with the blank lines after it", () => {
		expect(stripReasoning("<think>\nThe user wants a report.\n</think>\n\n# Report\n\nBody.")).toEqual({ text: "# Report\n\nBody.", removed: true });
	});

	it("removes <think> and <thinking> blocks in any case, anywhere, however many", () => {
		const answer = "<THINK>first</THINK>\n# Report\n\nPart one.<thinking>\nmid-answer musing\n</thinking> Part two.\n\n<Think>again</think>\nEnd.";
		const { text, removed } = stripReasoning(answer);
		expect(removed).toBe(true);
		expect(text).toBe("# Report\n\nPart one. Part two.\n\n\nEnd.");
		expect(text).not.toMatch(/think|musing|first|again/i);
	});

	it("treats everything before a lone closing tag as reasoning (the server dropped the opening tag)", () => {
		expect(stripReasoning("Okay, the user asks for a memo. Let me draft.\n</think>\n\n# Memo\n\nText.").text).toBe("# Memo\n\nText.");
		expect(stripReasoning("musing</thinking># Memo").text).toBe("# Memo");
	});

	it("treats everything after an unclosed opening tag as reasoning (the answer stopped mid-thought)", () => {
		expect(stripReasoning("<think>\nStill working out the structure").text).toBe("");
		expect(stripReasoning("# Report\n\nDone part.\n<think>now I should").text).toBe("# Report\n\nDone part.\n");
	});

	it("an answer that is only reasoning leaves nothing", () => {
		expect(stripReasoning("<think>all of it</think>")).toEqual({ text: "", removed: true });
		expect(stripReasoning("  <thinking>a</thinking>\n<think>b</think>\n  ")).toEqual({ text: "", removed: true });
	});

	it("keeps the whitespace of an answer's later parts, so continued parts join cleanly", () => {
		expect(stripReasoning(" the rest of the sentence.").text).toBe(" the rest of the sentence.");
	});
});
