/** The clock port inside the app: yielding means letting Obsidian paint and handle input before going on. */
import type { Clock } from "../../core/ports/clock";

/**
 * A yield is a message to ourselves: a macrotask, so the renderer paints and handles input between two slices (a
 * microtask would not let it). A timer would too, but the HTML standard clamps a timer set from within a timer
 * more than five deep to 4 ms, and every yield of a long build is set from the previous one's: each slice would
 * then be followed by 4 ms of doing nothing. Messages are not clamped (React's scheduler yields the same way).
 * One channel serves every yield; the turns are taken in the order asked.
 */
function messageYield(): () => Promise<void> {
	let channel: MessageChannel | null = null;
	const waiting: (() => void)[] = [];
	return () =>
		new Promise<void>((resolve) => {
			if (!channel) {
				channel = new MessageChannel();
				channel.port1.onmessage = () => waiting.shift()?.();
			}
			waiting.push(resolve);
			channel.port2.postMessage(null);
		});
}

/** Where there is no MessageChannel (none of Obsidian's platforms lacks one), a timer still yields, clamped or not. */
const yieldToHost: () => Promise<void> =
	typeof MessageChannel === "function" ? messageYield() : () => new Promise((resolve) => window.setTimeout(resolve, 0));

export const uiClock: Clock = {
	now: () => performance.now(),
	yieldToHost,
};
