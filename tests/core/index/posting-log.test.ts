import { describe, expect, it } from "vitest";
import { PostingLog } from "../../../src/core/index/posting-log";
import { countingSlicer } from "../../helpers/counting-clock";

describe("PostingLog", () => {
	it("groups postings by key, each group in the order recorded, with counted frequencies", async () => {
		const log = new PostingLog();
		const first = log.add(2, 0, 1);
		log.add(0, 0, 1);
		log.count(first);
		log.add(2, 1, 4);
		log.add(0, 3, 1);
		log.add(2, 2, 1);
		const { slicer } = countingSlicer(1);
		const sorted = await log.sortByKey(4, slicer);
		expect([...sorted.start]).toEqual([0, 2, 2, 5, 5]);
		expect([...sorted.documents]).toEqual([0, 3, 0, 1, 2]);
		expect([...sorted.frequencies]).toEqual([1, 1, 2, 4, 1]);
		expect(log.length).toBe(0);
	});

	it("grows past its first columns and gives the host turns while it sorts a large log", async () => {
		const log = new PostingLog();
		const total = 300_000;
		// Keys in descending runs, so a sort that were not stable or not complete would show.
		for (let i = 0; i < total; i++) log.add(99 - (i % 100), i, (i % 7) + 1);
		const { slicer, yields } = countingSlicer(1);
		const sorted = await log.sortByKey(100, slicer);
		expect(yields()).toBeGreaterThan(0);
		// Counted rather than asserted one by one: a million expect calls would take seconds.
		let wrong = 0;
		for (let key = 0; key < 100; key++) {
			const from = sorted.start[key] ?? 0;
			const to = sorted.start[key + 1] ?? 0;
			if (to - from !== total / 100) wrong++;
			for (let i = from; i < to; i++) {
				const document = sorted.documents[i] ?? -1;
				if (99 - (document % 100) !== key) wrong++;
				if (i > from && document <= (sorted.documents[i - 1] ?? Infinity)) wrong++;
				if (sorted.frequencies[i] !== (document % 7) + 1) wrong++;
			}
		}
		expect(wrong).toBe(0);
	});

	it("writes its output's fresh pages a megabyte at a time, with turns between, before scattering into them", async () => {
		// 300,000 postings: five chunks of the log, and two steps of a megabyte for each output column.
		const log = new PostingLog();
		for (let i = 0; i < 300_000; i++) log.add(i % 2, i, 1);
		// Time moves a millisecond a reading and a slice is 0 ms: every check of the slice gives a turn.
		const { slicer, yields } = countingSlicer(0);
		await log.sortByKey(2, slicer);
		// Counting (5 chunks) and scattering (5 chunks) give 10; the output written first gives 4 more.
		expect(yields()).toBe(14);
	});

	it("raises and reads back a posting's frequency and key past its first chunk", async () => {
		const log = new PostingLog();
		const positions: number[] = [];
		for (let i = 0; i < 200_000; i++) positions.push(log.add(i % 3, i, 1));
		for (const position of [0, 65_535, 65_536, 131_072, 199_999]) {
			log.count(positions[position] ?? -1);
			log.count(positions[position] ?? -1);
		}
		expect([log.keyAt(65_536), log.frequencyAt(65_536), log.frequencyAt(65_537), log.keyAt(199_999), log.frequencyAt(199_999)]).toEqual([65_536 % 3, 3, 1, 199_999 % 3, 3]);
		const { slicer } = countingSlicer(1);
		const sorted = await log.sortByKey(3, slicer);
		let raised = 0;
		for (let i = 0; i < 200_000; i++) if (sorted.frequencies[i] === 3) raised++;
		expect(raised).toBe(5);
	});
});
