/** Runs one delegated task at a time inside the app: a notice with a Cancel button while it works, the result opened after. */
import { Notice, type App } from "obsidian";
import { previewTask, runTask, type ContextPreview, type RunResult, type RunServices, type TaskRequest } from "../../core/run/run-task";
import type { PluginSettings } from "../../core/settings/plugin-settings";
import type { IndexSync } from "../index/index-sync";
import { exportAfterRun } from "../../core/export/export-after-run";
import type { AppAdapters } from "../app-adapters";
import type { ChatModel } from "../../core/model/chat-model";
import { ModelError } from "../../core/model/model-error";
import type { McpService } from "../tools/mcp-service";
import { ToolApprovalModal } from "../tools/tool-approval-modal";
import { TaskActivity } from "../../core/panel/task-activity";
import type { RunStage } from "../../core/run/run-stage";
import type { RunRecord } from "../../core/ledger/run-record";

export interface TaskRunnerOptions {
	app: App;
	settings: () => PluginSettings;
	indexSync: IndexSync;
	adapters: Pick<AppAdapters, "reader" | "writer" | "links" | "editor" | "runLog" | "model">;
	/** MCP servers' tools for runs; absent in tests that need none. */
	tools?: McpService;
}

/** Warnings named one by one in the notice; the rest are counted. */
const WARNINGS_NAMED = 3;

/** Long enough to read a one-sentence error; success notices go sooner. */
const ERROR_NOTICE_MS = 15_000;

export class TaskRunner {
	private running: { controller: AbortController; notice: Notice } | null = null;
	/** Settles when the running task ends; scheduled runs wait on it. */
	private finished: Promise<void> | null = null;
	/** What runs now, at which stage, and what waits: the coworker panel listens to it. */
	readonly activity = new TaskActivity();

	constructor(private readonly options: TaskRunnerOptions) {}

	/** The newest run records first, for the panel. */
	recentRuns(limit: number): Promise<RunRecord[]> {
		return this.options.adapters.runLog.recent(limit);
	}

	get isRunning(): boolean {
		return this.running !== null;
	}

	/** Resolves once the running task, if any, has ended and recorded itself. */
	async whenIdle(): Promise<void> {
		while (this.finished !== null) await this.finished;
	}

	/** Stops waiting for the model; the run records itself as cancelled and writes nothing. */
	cancel(): void {
		if (!this.running) return;
		this.running.controller.abort();
		this.activity.cancelling();
	}

	async preview(request: TaskRequest): Promise<{ ok: true; preview: ContextPreview } | { ok: false; error: string }> {
		await this.indexReady();
		const prepared = await previewTask(request, { ...this.services(), model: null });
		return prepared.ok ? prepared : { ok: false, error: prepared.error };
	}

	/** Runs a task started by hand; the deliverable then opens in a new tab. Refused while another task runs. */
	async run(request: TaskRequest, opened: boolean): Promise<RunResult | null> {
		if (this.running) {
			new Notice("A task is already running. Cancel it first (command: Cancel running task).");
			return null;
		}
		const model = this.options.adapters.model(this.options.settings());
		if (!model.ok) {
			new Notice(model.error, ERROR_NOTICE_MS);
			return null;
		}
		return this.execute(request, model.client, { attended: true, open: opened });
	}

	/**
	 * Runs a workflow's task after whatever runs now has finished: scheduled work waits its turn rather than
	 * being refused. A missing model setting fails the run (and is recorded) like any other failure.
	 * Workflow runs never ask about tools, even "Run this workflow now": a workflow behaves the same by hand
	 * as on its schedule, so a tool it needs is granted in its `tools:` rather than approved once.
	 */
	async runInTurn(request: TaskRequest): Promise<RunResult> {
		if (this.finished !== null) {
			const queued = this.activity.enqueue(labelOf(request));
			try {
				while (this.finished !== null) await this.finished;
			} finally {
				this.activity.dequeue(queued);
			}
		}
		const model = this.options.adapters.model(this.options.settings());
		return this.execute(request, model.ok ? model.client : unavailableModel(this.options.settings().model, model.ok ? "" : model.error), { attended: false, open: false });
	}

	/** `attended`: started by hand, so someone is there to be asked about a tool; `open`: open the deliverable after. */
	private async execute(request: TaskRequest, model: ChatModel, how: { attended: boolean; open: boolean }): Promise<RunResult> {
		const controller = new AbortController();
		const label = labelOf(request);
		const notice = new Notice(this.workingMessage(label, controller), 0);
		this.running = { controller, notice };
		this.activity.start(label, Date.now());
		let done: () => void = () => undefined;
		this.finished = new Promise<void>((resolve) => (done = resolve));
		try {
			await this.indexReady();
			const onStage = (stage: RunStage): void => this.activity.stage(stage);
			const result = await runTask(request, { ...this.services({ attended: how.attended, signal: controller.signal }), model, onStage }, controller.signal);
			this.report(result, request.workflow?.name ?? null);
			if (result.status === "ok" && result.deliverable && how.open && this.options.settings().openDeliverable) {
				const file = this.options.app.vault.getFileByPath(result.deliverable);
				if (file) await this.options.app.workspace.getLeaf("tab").openFile(file);
			}
			return result;
		} finally {
			notice.hide();
			this.running = null;
			this.finished = null;
			this.activity.finish();
			done();
		}
	}

	/** The pipeline's services over the app, for the review commands that call core directly. */
	servicesFor(model: ChatModel | null): RunServices {
		return { ...this.services(), model };
	}

	private services(run: { attended: boolean; signal?: AbortSignal } = { attended: false }): Omit<RunServices, "model"> {
		const { app, indexSync, tools } = this.options;
		const { reader, writer, links, editor, runLog } = this.options.adapters;
		const settings = this.options.settings();
		const ask = (server: string, tool: string, args: string): Promise<boolean> =>
			new ToolApprovalModal(app, server, tool, args, () => tools?.setPermission(server, tool, "allow") ?? Promise.resolve()).ask(run.signal);
		return {
			...(tools ? { externalTools: (request: TaskRequest) => tools.sessionFor(request, run.attended, ask) } : {}),
			readers: { reader, index: indexSync.index, links, settings },
			writer,
			// A workflow's export: the exporter and its libraries are imported when a run first needs them.
			exportDeliverable: exportAfterRun({ reader, writer, links, editor }),
			runLog,
			now: () => Date.now(),
			settings,
		};
	}

	/** Folder, tag and search sources need the index; notes edited a moment ago are taken in first. */
	private async indexReady(): Promise<void> {
		await this.options.indexSync.whenReady();
		await this.options.indexSync.catchUp();
	}

	private workingMessage(goal: string, controller: AbortController): DocumentFragment {
		const fragment = createFragment();
		fragment.createDiv({ text: `Working on: ${goal.length > 80 ? `${goal.slice(0, 79)}…` : goal}` });
		const button = fragment.createEl("button", { text: "Cancel" });
		button.addEventListener("click", (event) => {
			event.stopPropagation();
			controller.abort();
			this.activity.cancelling();
			button.disabled = true;
			button.setText("Cancelling…");
		});
		return fragment;
	}

	private report(result: RunResult, workflow: string | null): void {
		const prefix = workflow ? `${workflow}: ` : "";
		if (result.warnings.length > 0) new Notice(leftOutSummary(result.warnings), ERROR_NOTICE_MS);
		if (result.status === "cancelled") {
			new Notice(`${prefix}The task was cancelled; nothing was written.`);
		} else if (result.status === "failed") {
			new Notice(`${prefix}${result.error ?? "The task failed; nothing was written."}`, ERROR_NOTICE_MS);
		} else {
			const unresolved = result.unresolvedLinks.length;
			const links = unresolved === 0 ? "" : ` ${unresolved} link${unresolved === 1 ? "" : "s"} to missing notes became plain text.`;
			const cut = result.truncated ? " It is cut off: the model stopped at its output limit before it finished." : "";
			new Notice(`${prefix}Deliverable written: ${result.deliverable ?? ""}.${cut}${links}`, result.truncated ? ERROR_NOTICE_MS : undefined);
		}
	}
}

/** How a task is named while it runs or waits: "workflow: goal", or the goal. */
function labelOf(request: TaskRequest): string {
	return request.workflow ? `${request.workflow.name}: ${request.goal}` : request.goal;
}

/** Warnings in one notice, however many: a folder full of private notes must not bury the screen. */
function leftOutSummary(warnings: readonly string[]): string {
	const shown = warnings.slice(0, WARNINGS_NAMED).join(" ");
	const more = warnings.length - WARNINGS_NAMED;
	return more > 0 ? `${shown} And ${more} more; the run record in the plugin's runs folder lists them all.` : shown;
}

/** Stands in for a model that cannot be built (no key, no URL), so the run fails with the reason and is recorded. */
function unavailableModel(name: string, reason: string): ChatModel {
	return {
		modelName: name,
		complete: () => Promise.reject(new ModelError("config", reason)),
	};
}
