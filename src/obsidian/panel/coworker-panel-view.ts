/** The coworker panel in the right sidebar: what runs now, what waits for the user, what is coming up, and recent runs with their cost. */
import { debounce, ItemView, type TAbstractFile, type WorkspaceLeaf } from "obsidian";
import type { PanelServices } from "./panel-services";
import type { RunStage } from "../../core/run/run-stage";
import { drawNow, updateElapsed, updateStage } from "./now-section";
import { drawWaiting, readWaiting } from "./waiting-section";
import { drawComingUp, readComingUp } from "./coming-up-section";
import { drawRecentRuns, RECENT_RUNS } from "./recent-runs-section";
import { RedrawSignal } from "../views/redraw-signal";

export const COWORKER_PANEL_VIEW_TYPE = "ai-coworker-panel";

/** Bursts of changes (a run's end, a sync bringing many files) are drawn once. */
const REFRESH_DELAY_MS = 300;
/** Only the elapsed time ticks while a task runs; nothing else is redrawn on a timer. */
const ELAPSED_TICK_MS = 1_000;
/** "Next run" moves with the clock, so the sections are read again this often even with no event. */
const CLOCK_REFRESH_MS = 60_000;

export class CoworkerPanelView extends ItemView {
	private nowEl!: HTMLElement;
	private restEl!: HTMLElement;
	/** Drafts shown now: an edit, a rename or a deletion of one of them redraws the panel. */
	private shownDrafts = new Set<string>();
	/** What "Now" was last drawn for: while only the stage moves on (a streamed answer), it is updated in place. */
	private nowDrawnFor = "";
	private stageDrawn: RunStage | null = null;
	private drawing: Promise<void> | null = null;
	private drawAgain = false;
	private readonly refreshSoon = debounce(() => void this.refresh(), REFRESH_DELAY_MS, true);
	/** Bumped after each redraw of a section (the elapsed tick aside), so a caller learns what the panel shows from the panel. */
	private readonly redraws = new RedrawSignal();

	constructor(
		leaf: WorkspaceLeaf,
		private readonly services: PanelServices,
	) {
		super(leaf);
	}

	override getViewType(): string {
		return COWORKER_PANEL_VIEW_TYPE;
	}

	override getDisplayText(): string {
		return "Coworker";
	}

	override getIcon(): string {
		return "bot";
	}

	override async onOpen(): Promise<void> {
		const el = this.contentEl;
		el.empty();
		el.addClass("coworker-panel");
		this.nowEl = el.createDiv({ cls: "coworker-panel-now" });
		this.restEl = el.createDiv({ cls: "coworker-panel-rest" });
		const { taskRunner, workflows } = this.services;
		// A stage change redraws "Now" at once (it is cheap); the rest, which reads files, follows once the burst is over.
		// A change of stage alone (up to ten a second while an answer streams) touches only the stage's own lines.
		this.register(
			taskRunner.activity.onChange(() => {
				const running = taskRunner.activity.running;
				if (running && this.nowKey() === this.nowDrawnFor) {
					const stageMoved = running.stage !== this.stageDrawn;
					updateStage(this.nowEl, running);
					this.stageDrawn = running.stage;
					this.redraws.drawn();
					// Only the stage moved: the other sections do not show it. A record added or a draft reviewed
					// says so through the same signal with the stage unchanged, and is read below.
					if (stageMoved) return;
				} else this.drawNow();
				this.refreshSoon();
			}),
		);
		this.register(workflows.onChange(() => this.refreshSoon()));
		this.registerEvent(this.app.vault.on("create", (file) => this.vaultChanged(file, true)));
		this.registerEvent(this.app.vault.on("modify", (file) => this.vaultChanged(file, false)));
		this.registerEvent(this.app.vault.on("delete", (file) => this.vaultChanged(file, false)));
		this.registerEvent(this.app.vault.on("rename", (file, oldPath) => this.vaultChanged(file, false, oldPath)));
		this.registerInterval(window.setInterval(() => this.tickElapsed(), ELAPSED_TICK_MS));
		this.registerInterval(window.setInterval(() => this.refreshSoon(), CLOCK_REFRESH_MS));
		this.drawNow();
		await this.refresh();
	}

	override async onClose(): Promise<void> {
		this.refreshSoon.cancel();
		this.contentEl.empty();
		return Promise.resolve();
	}

	/** Reads the run log, the drafts and the workflows again and redraws all but "Now"; calls during a draw draw once more after it. */
	refresh(): Promise<void> {
		if (this.drawing) {
			this.drawAgain = true;
			return this.drawing;
		}
		this.drawing = (async () => {
			try {
				do {
					this.drawAgain = false;
					await this.drawRest();
				} while (this.drawAgain);
			} finally {
				this.drawing = null;
			}
		})();
		return this.drawing;
	}

	/** Finished redraws since the panel opened. */
	get revision(): number {
		return this.redraws.revision;
	}

	/** Resolves with the revision of the panel's next redraw (of "Now" or of the rest). */
	nextRedraw(): Promise<number> {
		return this.redraws.next();
	}

	private drawNow(): void {
		drawNow(this.nowEl, this.services.taskRunner, Date.now());
		this.nowDrawnFor = this.nowKey();
		this.stageDrawn = this.services.taskRunner.activity.running?.stage ?? null;
		this.redraws.drawn();
	}

	/** Everything "Now" shows but the stage: the task, whether it is being cancelled, the queue. */
	private nowKey(): string {
		const { running, queue } = this.services.taskRunner.activity;
		return JSON.stringify([running ? [running.label, running.startedAt, running.cancelling] : null, queue.map((task) => task.id)]);
	}

	private tickElapsed(): void {
		const running = this.services.taskRunner.activity.running;
		if (running) updateElapsed(this.nowEl, running, Date.now());
	}

	private async drawRest(): Promise<void> {
		const { taskRunner, workflows, settings } = this.services;
		const [records, waiting, coming] = await Promise.all([taskRunner.recentRuns(RECENT_RUNS), readWaiting(this.services), readComingUp(workflows, settings(), Date.now())]);
		this.shownDrafts = new Set(waiting.map((draft) => draft.path));
		const el = this.restEl;
		el.empty();
		const changed = (): void => taskRunner.activity.changed();
		drawWaiting(el.createDiv({ cls: "coworker-panel-waiting" }), this.app, this.services, waiting, records, changed);
		drawComingUp(el.createDiv({ cls: "coworker-panel-coming-up" }), this.app, coming);
		drawRecentRuns(el.createDiv({ cls: "coworker-panel-recent" }), this.app, records, settings().modelPrices);
		this.redraws.drawn();
	}

	/** A new note may be a new draft (from the command line, or another device); a change to a shown draft may be its review. */
	private vaultChanged(file: TAbstractFile, created: boolean, oldPath?: string): void {
		if ((created && file.path.endsWith(".md")) || this.shownDrafts.has(file.path) || (oldPath !== undefined && this.shownDrafts.has(oldPath))) this.refreshSoon();
	}
}
