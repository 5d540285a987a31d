/** A streamed answer turned into "answering" stages for display: reasoning never shown, at most ten redraws a second. */
import type { TokenUsage } from "../model/chat-model";
import { stripReasoning } from "../model/reasoning";
import type { RunStage } from "./run-stage";

/** Stages closer together than this would only flicker (and redraw the panel for nothing). */
export const ANSWER_STAGE_INTERVAL_MS = 100;

/** The end of a partial answer that may be a reasoning tag still being written (`<thi`, `</think`): hidden until it is complete. */
const PARTIAL_TAG = /<\/?(t(h(i(n(k(i(n(g)?)?)?)?)?)?)?)?$/i;

/** What of a partial answer may be shown: the text without its reasoning, nor the start of a tag that may open some. */
export function visibleAnswer(textSoFar: string): string {
	return stripReasoning(textSoFar).text.replace(PARTIAL_TAG, "");
}

/**
 * Returns the `onText` for one model request: each piece of the answer becomes an "answering" stage, the first one
 * at once and later ones only when `now()` has moved on {@link ANSWER_STAGE_INTERVAL_MS} since the last (the clock
 * is the run's, so no timer is involved). Text that is still all reasoning is not reported.
 */
export function answerStages(request: number, usage: TokenUsage, now: () => number, onStage: (stage: RunStage) => void): (textSoFar: string) => void {
	let shown: string | null = null;
	let shownAt = Number.NEGATIVE_INFINITY;
	return (textSoFar) => {
		const at = now();
		if (at - shownAt < ANSWER_STAGE_INTERVAL_MS) return;
		const text = visibleAnswer(textSoFar);
		if (text.trim() === "" || text === shown) return;
		shown = text;
		shownAt = at;
		onStage({ kind: "answering", request, text, usage });
	};
}
