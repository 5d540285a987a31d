/** Long work in slices: check {@link TimeSlicer.due} often, and give the host a turn when a slice has run out. */
import type { Clock } from "./clock";

/**
 * How long a slice of long work runs by default: about a frame at 60 Hz. A slice may end in a collector pause of its
 * own (20 to 35 ms measured while building a 10k-note index), and the two together should stay within the 50 ms
 * after which input feels late. With 25 ms slices the longest stretch measured 40 to 65 ms; with 15 ms, 28 to 44 ms.
 */
export const DEFAULT_SLICE_MS = 16;

export class TimeSlicer {
	private sliceStart: number;

	constructor(
		private readonly clock: Clock,
		private readonly sliceMs: number,
	) {
		this.sliceStart = clock.now();
	}

	/** Whether the current slice has used up its time. Cheap: callers check it after every small step. */
	get due(): boolean {
		return this.clock.now() - this.sliceStart >= this.sliceMs;
	}

	/** Gives the host a turn and starts a new slice. */
	async yieldNow(): Promise<void> {
		await this.clock.yieldToHost();
		this.sliceStart = this.clock.now();
	}
}
