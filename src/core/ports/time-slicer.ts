/** Long work in slices: check {@link TimeSlicer.due} often, and give the host a turn when a slice has run out. */
import type { Clock } from "./clock";

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
