/** Workflows inside the app: the scheduler's ports over the vault, the minute tick, and the ledger kept in step with renames. */
import { normalizePath, TFile, type App, type Component, type TAbstractFile } from "obsidian";
import type { PluginSettings } from "../../core/settings/plugin-settings";
import type { LedgerEntry, WorkflowLedger } from "../../core/workflow/workflow-ledger";
import type { OccurrenceClaims } from "../../core/workflow/occurrence-claims";
import { schedulerPorts } from "../../core/workflow/scheduler-ports";
import { WorkflowScheduler, type SchedulerPorts, type WorkflowRunReport } from "../../core/workflow/workflow-scheduler";
import type { Workflow, WorkflowRead } from "../../core/workflow/workflow";
import type { AppAdapters } from "../app-adapters";
import type { IndexSync } from "../index/index-sync";
import type { TaskRunner } from "../tasks/task-runner";
import { systemTimeZone } from "../../core/workflow/time-zones";
import { prunePrivateData, type PruneReport } from "../../core/ledger/prune-private-data";

/** About once a minute, as the issue asks; an occurrence runs within a minute of its time while the app is open. */
export const TICK_MS = 60_000;
/** Per device, never synced: which of the user's machines runs the schedules. */
export const RUN_ON_THIS_DEVICE_KEY = "ai-coworker-run-schedules";
/** Old records are pruned this long after start, in the background, so start-up stays light. */
export const PRUNE_DELAY_MS = 30_000;

export interface WorkflowServiceOptions {
	app: App;
	owner: Component;
	settings: () => PluginSettings;
	adapters: Pick<AppAdapters, "reader" | "links" | "store" | "claimsStore" | "runLog">;
	indexSync: IndexSync;
	taskRunner: TaskRunner;
	now?: () => number;
}

export class WorkflowService {
	readonly scheduler: WorkflowScheduler;
	readonly ledger: WorkflowLedger;
	/** Bumped after every run and tick, so the workflows view knows to redraw. */
	revision = 0;
	private ticking: Promise<WorkflowRunReport[]> | null = null;
	private readonly listeners = new Set<() => void>();
	private readonly claims: OccurrenceClaims;
	private readonly ports: SchedulerPorts;
	private readonly now: () => number;

	constructor(private readonly options: WorkflowServiceOptions) {
		const { app, adapters } = options;
		const now = options.now ?? (() => Date.now());
		this.now = now;
		const ports = schedulerPorts({
			index: async () => {
				await options.indexSync.whenReady();
				return options.indexSync.index;
			},
			reader: adapters.reader,
			links: adapters.links,
			folderExists: (folder) => app.vault.getFolderByPath(normalizePath(folder)) !== null,
			exists: (path) => Promise.resolve(app.vault.getAbstractFileByPath(normalizePath(path)) !== null),
			ledgerStore: adapters.store,
			claimsStore: adapters.claimsStore,
			runner: "plugin",
			sleep: (ms) => new Promise((resolve) => window.setTimeout(resolve, ms)),
			now,
			localZone: systemTimeZone(),
			outputFolder: () => options.settings().outputFolder,
			run: (request) => options.taskRunner.runInTurn(request),
		});
		this.ports = ports;
		this.ledger = ports.ledger;
		this.claims = ports.claims;
		this.scheduler = new WorkflowScheduler(ports);
	}

	/** Called once the layout is ready: a first tick now, then one a minute; renames and deletions keep the ledger in step. */
	start(): void {
		const { owner, app } = this.options;
		owner.registerEvent(app.vault.on("rename", (file, oldPath) => void this.onRename(file, oldPath)));
		owner.registerEvent(app.vault.on("delete", (file) => void this.onDelete(file)));
		owner.registerInterval(window.setInterval(() => void this.tick(), TICK_MS));
		void this.tick();
		const prune = window.setTimeout(() => void this.prunePrivateData(), PRUNE_DELAY_MS);
		owner.register(() => window.clearTimeout(prune));
	}

	/**
	 * Removes run records, settled claims and ledger history older than the setting (at most once a day). A
	 * failure is not worth a notice: nothing is lost, and the next start tries again.
	 */
	async prunePrivateData(): Promise<PruneReport | null> {
		const { adapters } = this.options;
		const data = {
			runLog: adapters.runLog,
			claims: this.claims,
			ledger: this.ledger,
			state: adapters.store,
		};
		return prunePrivateData(data, this.now(), this.options.settings().keepRunRecordsDays).catch(() => null);
	}

	/** Whether this device runs schedules (a local setting: on unless turned off here). */
	get runsOnThisDevice(): boolean {
		return this.options.app.loadLocalStorage(RUN_ON_THIS_DEVICE_KEY) !== false;
	}

	set runsOnThisDevice(on: boolean) {
		this.options.app.saveLocalStorage(RUN_ON_THIS_DEVICE_KEY, on);
		this.changed();
	}

	/**
	 * Runs what is due, unless schedules are paused or run elsewhere. A tick that finds the last one still
	 * running (a slow model) waits for it instead of starting a second.
	 */
	async tick(): Promise<WorkflowRunReport[]> {
		if (this.options.settings().schedulesPaused || !this.runsOnThisDevice) return [];
		if (this.ticking) return this.ticking;
		this.ticking = (async () => {
			await this.options.indexSync.whenReady();
			await this.options.indexSync.catchUp();
			return this.scheduler.runDue();
		})();
		try {
			return await this.ticking;
		} finally {
			this.ticking = null;
			this.changed();
		}
	}

	/** Resolves once the tick under way, if any, has finished writing its ledger. */
	async whenIdle(): Promise<void> {
		await this.ticking?.catch(() => undefined);
	}

	/** "Run this workflow now" and the picker: a run by hand, outside the schedule. */
	async runNow(workflow: Workflow): Promise<WorkflowRunReport> {
		const report = await this.scheduler.runNow(workflow);
		this.changed();
		return report;
	}

	listWorkflows(): Promise<WorkflowRead[]> {
		return this.ports.listWorkflows();
	}

	/** The workflow in a note, parsed now (the index may be a second behind an edit). */
	async workflowAt(path: string): Promise<WorkflowRead | null> {
		await this.options.indexSync.catchUp();
		return (await this.listWorkflows()).find((read) => read.path === path) ?? null;
	}

	history(): Promise<Record<string, LedgerEntry>> {
		return this.ledger.all();
	}

	/** The settings changed under it (another device paused schedules): the view says so; the next tick reads them. */
	settingsChanged(): void {
		this.changed();
	}

	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private changed(): void {
		this.revision++;
		for (const listener of this.listeners) listener();
	}

	private async onRename(file: TAbstractFile, oldPath: string): Promise<void> {
		if (file instanceof TFile) await this.ledger.rename(oldPath, file.path);
	}

	private async onDelete(file: TAbstractFile): Promise<void> {
		if (file instanceof TFile) await this.ledger.remove(file.path);
		this.changed();
	}
}
