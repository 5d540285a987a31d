/** The bench's question sets: both file formats are read, bad ones are refused by file and field, and any listed answer counts. */
import { describe, expect, it } from "vitest";
import { parseQuestionSet, TUNING_SET_FILE } from "../../bench/retrieval-sets";
import { scoreRetrieval } from "../../bench/retrieval-quality";

describe("parseQuestionSet", () => {
	it("reads a bare array as Obsidian help questions with one answer each", () => {
		const set = parseQuestionSet(TUNING_SET_FILE, [{ question: "undo a closed tab", answer: "User interface/Tabs.md" }]);
		expect(set.role).toBe("tuning");
		expect(set.vault.name).toBe("obsidian-help-en");
		expect(set.vault.root).toBeNull();
		expect(set.questions).toEqual([{ question: "undo a closed tab", answers: ["User interface/Tabs.md"] }]);
	});

	it("reads an object naming its corpus and root, with several answers per question", () => {
		const set = parseQuestionSet("other.json", {
			vault: "some-wiki",
			source: "../shared/corpora/some-wiki.tar.gz",
			root: "wiki",
			questions: [{ question: "how far can I jump", answers: ["Rules/Movement.md", "Rules/Movement (Alt).md"] }],
		});
		expect(set.role).toBe("held-out");
		expect(parseQuestionSet("some-wiki-tuning.json", { source: "../shared/corpora/some-wiki.tar.gz", questions: [] }).role).toBe("tuning");
		expect(set.vault.name).toBe("some-wiki");
		expect(set.vault.archive.endsWith("/shared/corpora/some-wiki.tar.gz")).toBe(true);
		expect(set.vault.root).toBe("wiki");
		expect(set.questions[0]?.answers).toEqual(["Rules/Movement.md", "Rules/Movement (Alt).md"]);
	});

	it("names the file and the field of a bad question", () => {
		expect(() => parseQuestionSet("bad.json", [{ question: "fine", answer: "A.md" }, { question: "no answer" }])).toThrow(
			'bad.json: [1] needs "answer" (a note path) or "answers" (a non-empty list of note paths).',
		);
		expect(() => parseQuestionSet("bad.json", { questions: [] })).toThrow('bad.json: "source" must name the corpus archive (a .tar.gz).');
		expect(() => parseQuestionSet("bad.json", { source: "x.tar.gz", questions: [{ question: "", answers: ["A.md"] }] })).toThrow("bad.json: questions[0].question must be a non-empty string.");
	});
});

describe("scoreRetrieval", () => {
	it("counts a question at the best rank of any of its answers", () => {
		const questions = [
			{ question: "q1", answers: ["B.md", "A.md"] },
			{ question: "q2", answers: ["Z.md"] },
		];
		const score = scoreRetrieval(questions, () => ["X.md", "A.md", "B.md", "C.md", "D.md", "E.md", "Z.md"]);
		expect(score.recallAt5).toBe(0.5);
		expect(score.mrr).toBeCloseTo((1 / 2 + 1 / 7) / 2);
		expect(score.misses).toEqual([{ question: "q2", answers: ["Z.md"], rank: 7 }]);
	});
});
