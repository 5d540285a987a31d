/** "Show workflows": each workflow with its schedule in words, next run, last run and deliverable, and its problems. */
import { ItemView, type WorkspaceLeaf } from "obsidian";
import type { LedgerEntry } from "../../core/workflow/workflow-ledger";
import { latestGivenUp } from "../../core/workflow/given-up";
import type { WorkflowRead } from "../../core/workflow/workflow";
import type { WorkflowService } from "./workflow-service";
import type { PluginSettings } from "../../core/settings/plugin-settings";

export const WORKFLOWS_VIEW_TYPE = "ai-coworker-workflows";

/** The view redraws at least this often, since "next run" moves with the clock. */
const REFRESH_MS = 60_000;

export class WorkflowsView extends ItemView {
	constructor(
		leaf: WorkspaceLeaf,
		private readonly service: WorkflowService,
		private readonly settings: () => PluginSettings,
	) {
		super(leaf);
	}

	override getViewType(): string {
		return WORKFLOWS_VIEW_TYPE;
	}

	override getDisplayText(): string {
		return "Workflows";
	}

	override getIcon(): string {
		return "calendar-clock";
	}

	override async onOpen(): Promise<void> {
		const unsubscribe = this.service.onChange(() => void this.render());
		this.register(unsubscribe);
		this.registerInterval(window.setInterval(() => void this.render(), REFRESH_MS));
		await this.render();
	}

	override async onClose(): Promise<void> {
		this.contentEl.empty();
		return Promise.resolve();
	}

	/** Redraws from the workflow notes and the ledger as they are now. */
	async render(): Promise<void> {
		const [reads, history] = await Promise.all([this.service.listWorkflows(), this.service.history()]);
		const el = this.contentEl;
		el.empty();
		el.addClass("coworker-workflows");
		el.createEl("h4", { text: "Workflows" });
		if (this.settings().schedulesPaused) el.createEl("p", { cls: "mod-warning", text: "All schedules are paused (command: Pause all schedules)." });
		else if (!this.service.runsOnThisDevice) el.createEl("p", { cls: "mod-warning", text: "Scheduled workflows do not run on this device (see the settings)." });
		if (reads.length === 0) {
			el.createEl("p", { text: "No workflow notes yet. Create one from the command palette: new workflow note." });
			return;
		}
		for (const read of reads) this.renderWorkflow(el.createDiv({ cls: "coworker-workflow" }), read, history[read.path] ?? null);
	}

	private renderWorkflow(el: HTMLElement, read: WorkflowRead, entry: LedgerEntry | null): void {
		const title = el.createDiv({ cls: "coworker-workflow-title" });
		const link = title.createEl("a", { text: read.path.replace(/\.md$/i, ""), cls: "internal-link" });
		link.addEventListener("click", () => void this.app.workspace.openLinkText(read.path, "", false));
		const workflow = read.workflow;
		if (workflow?.schedule) {
			el.createDiv({ cls: "coworker-workflow-schedule", text: workflow.schedule.describe() });
			// A schedule written in words is shown as the rule it was read as, so a misreading shows at once.
			if (workflow.schedule.words !== null) el.createDiv({ cls: "coworker-workflow-rrule", text: `Read as: ${workflow.schedule.rrule.replace(/\n/g, " ")}` });
			const next = workflow.schedule.next(Date.now(), 3);
			if (next.length > 0) el.createDiv({ text: `Next runs: ${next.map((occurrence) => localDateTime(occurrence.at)).join(", ")}` });
		} else if (workflow) {
			el.createDiv({ cls: "coworker-workflow-schedule", text: "No schedule: runs by hand only." });
		}
		const last = entry ? Object.entries(entry.occurrences).sort(([, a], [, b]) => b.at - a.at)[0] : undefined;
		if (last) {
			const [occurrence, record] = last;
			const line = el.createDiv({ cls: `coworker-workflow-last coworker-status-${record.status}` });
			line.appendText(`Last run: ${record.status} (${occurrence.replace(/^manual /, "by hand, ")})`);
			if (record.deliverable) {
				const path = record.deliverable;
				line.appendText(" → ");
				const deliverable = line.createEl("a", { text: path.replace(/\.md$/i, ""), cls: "internal-link" });
				deliverable.addEventListener("click", () => void this.app.workspace.openLinkText(path, "", false));
			}
			if (record.error) line.createDiv({ cls: "mod-warning", text: record.error });
			if (record.status === "failed" && typeof record.nextTryAt === "number") line.createDiv({ text: `Next try: ${localDateTime(record.nextTryAt)}` });
		} else if (workflow) {
			el.createDiv({ cls: "coworker-workflow-last", text: "Not run yet." });
		}
		const givenUp = latestGivenUp(entry);
		// The given-up occurrence is rarely the last run (the next occurrence ran right after), so it gets its own line.
		if (givenUp && givenUp.occurrence !== last?.[0]) el.createDiv({ cls: "coworker-workflow-given-up mod-warning", text: givenUp.sentence });
		if (read.problems.length > 0) {
			const list = el.createEl("ul", { cls: "coworker-workflow-problems mod-warning" });
			for (const problem of read.problems) list.createEl("li", { text: problem.message });
		}
	}
}

/** `2026-11-30 09:00` in the user's zone. */
function localDateTime(ms: number): string {
	const d = new Date(ms);
	const pad = (n: number): string => String(n).padStart(2, "0");
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
