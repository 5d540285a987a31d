/** The panel's "Now": the running task, its stage (and a streamed answer's last lines), elapsed time, tokens so far and Cancel, and the queue behind it. */
import type { RunningTask } from "../../core/panel/task-activity";
import { describeStage } from "../../core/run/run-stage";
import { durationWords, tokenWords } from "../../core/panel/recent-runs";
import type { TaskRunner } from "../tasks/task-runner";

/** How much of a streamed answer "Now" shows: enough to see it move, not the deliverable itself. */
const ANSWER_LINES = 4;
const ANSWER_LINE_CHARS = 200;

export function drawNow(el: HTMLElement, taskRunner: TaskRunner, now: number): void {
	const { running, queue } = taskRunner.activity;
	el.empty();
	el.createEl("h4", { text: "Now" });
	if (!running) {
		el.createEl("p", { cls: "coworker-panel-idle", text: "Nothing is running." });
	} else {
		el.createDiv({ cls: "coworker-panel-task", text: running.label });
		el.createDiv({ cls: "coworker-panel-stage" });
		el.createDiv({ cls: "coworker-panel-answer" });
		const facts = el.createDiv({ cls: "coworker-panel-facts" });
		facts.createSpan({ cls: "coworker-panel-elapsed", text: elapsedText(running, now) });
		facts.createSpan({ cls: "coworker-panel-tokens" });
		updateStage(el, running);
		const cancel = el.createEl("button", { text: running.cancelling ? "Cancelling…" : "Cancel" });
		cancel.disabled = running.cancelling;
		cancel.addEventListener("click", () => taskRunner.cancel());
	}
	if (queue.length > 0) {
		el.createDiv({ cls: "coworker-panel-subheading", text: `Waiting to run (${queue.length})` });
		const list = el.createEl("ul", { cls: "coworker-panel-queue" });
		for (const task of queue) list.createEl("li", { text: task.label });
	}
}

/**
 * Redraws only the stage, the answer's last lines and the tokens, so an answer streaming in moves no focus (Cancel
 * keeps it) and rebuilds nothing else. The answer is plain text, one element a line.
 */
export function updateStage(el: HTMLElement, running: RunningTask): void {
	const stage = describeStage(running.stage);
	el.querySelector(".coworker-panel-stage")?.setText(running.cancelling ? `${stage} (cancelling…)` : stage);
	el.querySelector(".coworker-panel-tokens")?.setText(running.usage.totalTokens > 0 ? ` · ${tokenWords(running.usage.totalTokens)} so far` : "");
	const answer = el.querySelector<HTMLElement>(".coworker-panel-answer");
	if (!answer) return;
	answer.empty();
	if (running.stage.kind !== "answering") return;
	for (const line of lastLines(running.stage.text)) answer.createDiv({ cls: "coworker-panel-answer-line", text: line });
}

/** The end of the answer as it is written: its last few non-blank lines, each cut to what a sidebar can show. */
export function lastLines(text: string): string[] {
	return text
		.split("\n")
		.map((line) => line.trimEnd())
		.filter((line) => line.trim() !== "")
		.slice(-ANSWER_LINES)
		.map((line) => (line.length > ANSWER_LINE_CHARS ? `…${line.slice(-ANSWER_LINE_CHARS)}` : line));
}

/** Updates only the elapsed time, so the one-second tick moves no focus and rebuilds nothing. */
export function updateElapsed(el: HTMLElement, running: RunningTask, now: number): void {
	el.querySelector(".coworker-panel-elapsed")?.setText(elapsedText(running, now));
}

function elapsedText(running: RunningTask, now: number): string {
	return `Elapsed: ${durationWords(Math.max(0, now - running.startedAt))}`;
}
