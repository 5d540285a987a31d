/** Clocks for tests of time-sliced work: time moves only when read, and the host's turns are counted, so no test waits on wall time. */
import type { Clock } from "../../src/core/ports/clock";
import { TimeSlicer } from "../../src/core/ports/time-slicer";

/** A clock that moves `stepMs` at each reading and counts the turns given to the host. */
export function countingClock(stepMs = 1): { clock: Clock; yields: () => number } {
	let now = 0;
	let yields = 0;
	return { clock: { now: () => (now += stepMs), yieldToHost: () => Promise.resolve(void yields++) }, yields: () => yields };
}

/** A slicer over {@link countingClock}: a slice of `sliceMs` runs out after about that many readings. */
export function countingSlicer(sliceMs: number): { slicer: TimeSlicer; yields: () => number } {
	const { clock, yields } = countingClock();
	return { slicer: new TimeSlicer(clock, sliceMs), yields };
}
