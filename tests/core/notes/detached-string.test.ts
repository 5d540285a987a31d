import { describe, expect, it } from "vitest";
import { detached } from "../../../src/core/notes/detached-string";
import { parseNoteContent } from "../../../src/core/notes/parse-note";
import { uncachedTermOf } from "../../../src/core/index/text-analysis";
import { heapRetainedBy, uniqueText } from "../../helpers/retained-heap";

const NOTES = 100;
const NOTE_CHARS = 200_000;
/**
 * All the notes' text, one byte a character: what a kept view of each would hold. What is kept without views
 * stays under a tenth of it: the kept strings themselves, and code compiled on a function's first call (up to
 * half a megabyte was seen).
 */
const TEXT_BYTES = NOTES * NOTE_CHARS;

describe("detached", () => {
	it("returns the same characters", () => {
		for (const text of ["", "a", "twelve chars", "thirteen char", "A heading of some length ✓ with 😀 and accents: é", "x".repeat(5000)]) {
			expect(detached(text)).toBe(text);
		}
	});

	it("keeps no more than its own characters alive, where a plain cut keeps its whole source", () => {
		const cut = (keep: (text: string) => string): number =>
			heapRetainedBy(() => Array.from({ length: NOTES }, (_, i) => keep(uniqueText(NOTE_CHARS, i).slice(1000, 1040)))).bytes;
		// The control: if V8 stopped making views of cuts, this test would no longer say anything about detached.
		expect(cut((text) => text)).toBeGreaterThan(TEXT_BYTES * 0.8);
		expect(cut(detached)).toBeLessThan(TEXT_BYTES * 0.1);
	});
});

describe("what outlives a parsed note", () => {
	it("titles, aliases, tags and headings keep none of the note's text alive", () => {
		const { bytes, kept } = heapRetainedBy(() =>
			Array.from({ length: NOTES }, (_, i) => {
				const text = [
					"---",
					`title: A title long enough to be a view ${i}`,
					`aliases: [An alias long enough to be a view ${i}]`,
					`tags: [a-tag-long-enough-to-be-a-view-${i}]`,
					"---",
					`# A heading long enough to be a view ${i}`,
					"",
					`Text with #an-inline-tag-long-enough-${i} in it.`,
					"",
					`## A second heading long enough ${i}`,
					"",
					uniqueText(NOTE_CHARS, i),
				].join("\n");
				const note = parseNoteContent(`Note ${i}.md`, text);
				return { title: note.title, aliases: note.aliases, tags: note.tags, headings: note.sections.map((s) => [s.heading, s.headingPath]) };
			}),
		);
		expect(kept[7]?.title).toBe("A title long enough to be a view 7");
		expect(kept[7]?.aliases).toEqual(["An alias long enough to be a view 7"]);
		expect(kept[7]?.tags).toEqual(["a-tag-long-enough-to-be-a-view-7", "an-inline-tag-long-enough-7"]);
		expect(kept[7]?.headings[1]).toEqual(["A second heading long enough 7", ["A heading long enough to be a view 7", "A second heading long enough 7"]]);
		expect(bytes).toBeLessThan(TEXT_BYTES * 0.1);
	});

	it("an index term keeps none of the text its word was cut from alive", () => {
		const { bytes, kept } = heapRetainedBy(() =>
			Array.from({ length: NOTES }, (_, i) => {
				const text = `${uniqueText(NOTE_CHARS, i)} build${i}x0123456789abcdef`;
				return uncachedTermOf(text.slice(text.lastIndexOf(" ") + 1));
			}),
		);
		expect(kept[3]).toBe("build3x0123456789abcdef");
		expect(bytes).toBeLessThan(TEXT_BYTES * 0.1);
	});
});
