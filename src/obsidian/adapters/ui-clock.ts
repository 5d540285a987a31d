/** The clock port inside the app: yielding means letting Obsidian paint and handle input before going on. */
import type { Clock } from "../../core/ports/clock";

export const uiClock: Clock = {
	now: () => performance.now(),
	// A macrotask, not a microtask: only a timer lets the renderer run between two slices of indexing.
	yieldToHost: () => new Promise((resolve) => window.setTimeout(resolve, 0)),
};
