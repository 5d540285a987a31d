/** The panel's "Now": the running task, its stage, elapsed time, tokens so far and Cancel, and the queue behind it. */
import type { RunningTask } from "../../core/panel/task-activity";
import { describeStage } from "../../core/run/run-stage";
import { durationWords, tokenWords } from "../../core/panel/recent-runs";
import type { TaskRunner } from "../tasks/task-runner";

export function drawNow(el: HTMLElement, taskRunner: TaskRunner, now: number): void {
	const { running, queue } = taskRunner.activity;
	el.empty();
	el.createEl("h4", { text: "Now" });
	if (!running) {
		el.createEl("p", { cls: "coworker-panel-idle", text: "Nothing is running." });
	} else {
		el.createDiv({ cls: "coworker-panel-task", text: running.label });
		el.createDiv({ cls: "coworker-panel-stage", text: running.cancelling ? `${describeStage(running.stage)} (cancelling…)` : describeStage(running.stage) });
		const facts = el.createDiv({ cls: "coworker-panel-facts" });
		facts.createSpan({ cls: "coworker-panel-elapsed", text: elapsedText(running, now) });
		if (running.usage.totalTokens > 0) facts.createSpan({ cls: "coworker-panel-tokens", text: ` · ${tokenWords(running.usage.totalTokens)} so far` });
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

/** Updates only the elapsed time, so the one-second tick moves no focus and rebuilds nothing. */
export function updateElapsed(el: HTMLElement, running: RunningTask, now: number): void {
	el.querySelector(".coworker-panel-elapsed")?.setText(elapsedText(running, now));
}

function elapsedText(running: RunningTask, now: number): string {
	return `Elapsed: ${durationWords(Math.max(0, now - running.startedAt))}`;
}
