/**
 * Sorting a large vault's terms (80,000 on 38k notes) is one call of tens of milliseconds, longer than a slice
 * of the app's work may hold the window: here the same order comes in pieces that give the host a turn.
 */
import type { TimeSlicer } from "../ports/time-slicer";

/** Strings sorted in this many at once with the built-in sort (a few milliseconds), then merged. */
const RUN_LENGTH = 4096;
/** The merge looks at the clock once per this many strings placed. */
const CHECK_EVERY = 1024;

/**
 * `items` in the default sort order (by UTF-16 code units, as `<` compares strings), sorted in runs and merged
 * pairwise, yielding to the host whenever the slicer is due. Equal strings keep no particular order.
 */
export async function sortInSlices(items: readonly string[], slicer: TimeSlicer): Promise<string[]> {
	let runs: string[][] = [];
	for (let start = 0; start < items.length; start += RUN_LENGTH) {
		runs.push(items.slice(start, start + RUN_LENGTH).sort());
		if (slicer.due) await slicer.yieldNow();
	}
	while (runs.length > 1) {
		const merged: string[][] = [];
		for (let i = 0; i < runs.length; i += 2) {
			const first = runs[i] ?? [];
			const second = runs[i + 1];
			merged.push(second === undefined ? first : await mergeRuns(first, second, slicer));
		}
		runs = merged;
	}
	return runs[0] ?? [];
}

async function mergeRuns(first: readonly string[], second: readonly string[], slicer: TimeSlicer): Promise<string[]> {
	const merged: string[] = [];
	let i = 0;
	let j = 0;
	while (i < first.length && j < second.length) {
		const a = first[i] as string;
		const b = second[j] as string;
		if (b < a) {
			merged.push(b);
			j++;
		} else {
			merged.push(a);
			i++;
		}
		if (merged.length % CHECK_EVERY === 0 && slicer.due) await slicer.yieldNow();
	}
	for (; i < first.length; i++) merged.push(first[i] as string);
	for (; j < second.length; j++) merged.push(second[j] as string);
	return merged;
}
