/** The panel's "Coming up": the next scheduled runs, and paused or failing workflows with the reason. */
import type { App } from "obsidian";
import { comingUp, type ComingUp } from "../../core/panel/coming-up";
import type { PluginSettings } from "../../core/settings/plugin-settings";
import type { WorkflowService } from "../workflows/workflow-service";
import { button } from "./panel-button";

export async function readComingUp(workflows: WorkflowService, settings: PluginSettings, now: number): Promise<ComingUp> {
	const [reads, history] = await Promise.all([workflows.listWorkflows(), workflows.history()]);
	return comingUp({ reads, history, schedulesPaused: settings.schedulesPaused, runsOnThisDevice: workflows.runsOnThisDevice, now, when: localDateTime });
}

export function drawComingUp(el: HTMLElement, app: App, coming: ComingUp): void {
	el.createEl("h4", { text: "Coming up" });
	if (coming.halted) el.createEl("p", { cls: "coworker-panel-halted mod-warning", text: coming.halted });
	if (coming.next.length === 0) el.createEl("p", { text: "No scheduled runs." });
	else {
		const list = el.createEl("ul", { cls: "coworker-panel-next" });
		for (const run of coming.next) list.createEl("li", { text: `${localDateTime(run.at)} · ${run.name}` });
	}
	for (const workflow of coming.failing) {
		const item = el.createDiv({ cls: "coworker-panel-failing" });
		button(item, workflow.name, `Open ${workflow.name}`, () => void app.workspace.openLinkText(workflow.path, "", false));
		for (const reason of workflow.reasons) item.createDiv({ cls: "coworker-panel-reason mod-warning", text: reason });
	}
}

/** `2026-11-30 09:00` in the user's zone. */
function localDateTime(ms: number): string {
	const d = new Date(ms);
	const pad = (n: number): string => String(n).padStart(2, "0");
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
