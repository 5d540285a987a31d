/** The clock port: the current time and a way to give the UI thread a turn during long work. */

export interface Clock {
	/** Milliseconds, monotonic enough for measuring durations. */
	now(): number;
	/** Resolves after the host has had a chance to paint and handle input (a macrotask in the app). */
	yieldToHost(): Promise<void>;
}

/** A clock for hosts with no UI to keep responsive (the CLI, tests): yielding is free. */
export const unhurriedClock: Clock = {
	now: () => Date.now(),
	yieldToHost: () => Promise.resolve(),
};
