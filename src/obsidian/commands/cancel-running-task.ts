/** Command "Cancel running task": offered only while a task runs. */
import type { Command } from "obsidian";
import type { TaskRunner } from "../tasks/task-runner";

export function cancelRunningTaskCommand(runner: TaskRunner): Command {
	return {
		id: "cancel-running-task",
		name: "Cancel running task",
		checkCallback: (checking) => {
			if (!runner.isRunning) return false;
			if (!checking) runner.cancel();
			return true;
		},
	};
}
