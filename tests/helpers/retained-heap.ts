/**
 * How much of the heap what a function returns keeps alive, measured between full collections. For tests of
 * memory that must be let go (a view of a string keeping its source alive), with margins of megabytes.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

export function heapRetainedBy<T>(make: () => T): { bytes: number; kept: T } {
	collectGarbage();
	collectGarbage();
	const before = process.memoryUsage().heapUsed;
	const kept = make();
	collectGarbage();
	collectGarbage();
	return { bytes: process.memoryUsage().heapUsed - before, kept };
}

/** A flat string of `length` characters that no other string shares, unlike `repeat`'s. */
export function uniqueText(length: number, seed: number): string {
	const words: string[] = [];
	let total = 0;
	for (let i = 0; total < length; i++) {
		const word = `w${seed}x${i}`;
		words.push(word);
		total += word.length + 1;
	}
	return words.join(" ");
}
