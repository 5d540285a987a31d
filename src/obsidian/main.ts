/** The plugin entry point: takes the adapters and services from the composition root and registers commands, views and settings. It wires; it does not think. */
import { debounce, Notice, Plugin } from "obsidian";
import { settingsFromData, type PluginSettings } from "../core/settings/plugin-settings";
import { applyLastGoodExclusions } from "../core/settings/last-good-exclusions";
import { isExcludedByFolder } from "../core/index/index-settings";
import { buildAdapters, buildServices } from "./composition-root";
import type { AppAdapters } from "./app-adapters";
import type { IndexSync } from "./index/index-sync";
import type { TaskRunner } from "./tasks/task-runner";
import type { SemanticSync } from "./index/semantic-sync";
import { testConnection } from "./model/test-connection";
import { searchVaultContextCommand } from "./commands/search-vault-context";
import { rebuildIndexCommand } from "./commands/rebuild-index";
import { delegateTaskCommand, previewContextCommand } from "./commands/delegate-task";
import { cancelRunningTaskCommand } from "./commands/cancel-running-task";
import { CoworkerSettingTab } from "./settings/settings-tab";
import { indexSettingsDiffer, readExternalSettings, replaceSettingsInPlace } from "./settings/external-settings";
import type { WorkflowService } from "./workflows/workflow-service";
import { WorkflowsView, WORKFLOWS_VIEW_TYPE } from "./workflows/workflows-view";
import { runThisWorkflowCommand } from "./commands/run-this-workflow";
import { runAWorkflowCommand } from "./commands/run-a-workflow";
import { newWorkflowNoteCommand } from "./commands/new-workflow-note";
import { showWorkflowsCommand } from "./commands/show-workflows";
import { pauseSchedulesCommand } from "./commands/pause-schedules";
import { approveDeliverableCommand } from "./commands/approve-deliverable";
import { requestChangesCommand } from "./commands/request-changes";
import { reviewQueueCommand } from "./commands/review-queue";
import { openMemoryCommand, rememberSelectionCommand } from "./commands/memory-commands";
import { refineWorkflowCommand } from "./commands/refine-workflow";
import { exportDeliverableCommand } from "./commands/export-deliverable";
import { IDLE_CHECK_MS, type McpService } from "./tools/mcp-service";
import { ToolsView, TOOLS_VIEW_TYPE } from "./tools/tools-view";
import { describeServer, showToolsCommand, testMcpServersCommand } from "./commands/show-tools";
import { CoworkerPanelView, COWORKER_PANEL_VIEW_TYPE } from "./panel/coworker-panel-view";
import { openCoworkerPanelCommand } from "./panel/open-panel-command";

/** Exclusions are applied this long after the last keystroke in the settings, not on every key. */
const APPLY_INDEX_SETTINGS_DELAY_MS = 1_500;
const SETTINGS_SOURCE = "AI Coworker settings";

export default class CoworkerPlugin extends Plugin {
	override settings!: PluginSettings;
	/** Public so later commands (and tests) reach the index; only main.ts assigns it. */
	indexSync!: IndexSync;
	/** Public for tests; only main.ts assigns it. */
	taskRunner!: TaskRunner;
	/** Public for tests; only main.ts assigns it. */
	workflows!: WorkflowService;
	/** Public for tests; only main.ts assigns it. */
	tools!: McpService;
	/** Built once by the composition root; an external settings change reads the last good exclusions through its store. */
	private adapters!: AppAdapters;
	/** Semantic search (off by default). Public for tests; only main.ts assigns it. */
	semantic!: SemanticSync;
	/**
	 * Settles once the work onunload set going has finished: the last cache write, the cancelled run's record, the
	 * scheduler's tick, the servers stopping. Obsidian does not wait for it; a test does before it removes the vault.
	 */
	unloaded: Promise<void> = Promise.resolve();

	override async onload(): Promise<void> {
		// Until the settings are read nothing is known about exclusions, so every note counts as excluded (fails closed).
		const adapters = buildAdapters(this.app, this.pluginFolder(), (path) => (this.settings as PluginSettings | undefined) === undefined || isExcludedByFolder(path, this.settings));
		this.adapters = adapters;
		const data: unknown = await this.loadData();
		const read = await applyLastGoodExclusions(settingsFromData(data, SETTINGS_SOURCE), data, adapters.store);
		this.settings = read.settings;
		for (const notice of read.notices) new Notice(notice);

		const settings = (): PluginSettings => this.settings;
		const saveSettings = async (): Promise<void> => {
			await this.saveData(this.settings);
			// The coworker panel shows settings (paused schedules, the price table): it redraws on their change.
			this.taskRunner?.activity.changed();
		};
		const services = buildServices(adapters, { app: this.app, owner: this, settings, saveSettings, statusBarItem: this.addStatusBarItem() });
		const { review } = services;
		this.indexSync = services.indexSync;
		this.tools = services.tools;
		this.taskRunner = services.taskRunner;
		this.workflows = services.workflows;
		this.semantic = services.semantic;
		this.semantic.configure();
		this.register(() => this.semantic.stop());

		this.registerView(WORKFLOWS_VIEW_TYPE, (leaf) => new WorkflowsView(leaf, this.workflows, settings));

		this.addCommand(delegateTaskCommand(this.app, this.taskRunner, this.tools, settings));
		this.addCommand(previewContextCommand(this.app, this.taskRunner, this.tools, settings));
		this.addCommand(cancelRunningTaskCommand(this.taskRunner));
		this.addCommand(searchVaultContextCommand(this.app, this.indexSync));
		this.addCommand(rebuildIndexCommand(this.indexSync));
		this.addCommand(runThisWorkflowCommand(this.app, this.workflows, settings));
		this.addCommand(runAWorkflowCommand(this.app, this.workflows, settings));
		this.addCommand(newWorkflowNoteCommand(this.app, settings));
		this.addCommand(showWorkflowsCommand(this.app));
		this.addCommand(pauseSchedulesCommand(settings, saveSettings));

		this.addCommand(approveDeliverableCommand(this.app, review));
		this.addCommand(requestChangesCommand(this.app, review));
		this.addCommand(reviewQueueCommand(this.app, this.indexSync, adapters));
		this.addCommand(exportDeliverableCommand(this.app, adapters));
		this.addCommand(rememberSelectionCommand(this.app, review));
		this.addCommand(openMemoryCommand(this.app, review));
		this.addCommand(refineWorkflowCommand(this.app, this.workflows, review, settings, adapters.model));

		const panel = { taskRunner: this.taskRunner, review, workflows: this.workflows, indexSync: this.indexSync, settings, adapters };
		this.registerView(COWORKER_PANEL_VIEW_TYPE, (leaf) => new CoworkerPanelView(leaf, panel));
		this.addCommand(openCoworkerPanelCommand(this.app));

		this.registerView(TOOLS_VIEW_TYPE, (leaf) => new ToolsView(leaf, this.tools));
		this.addCommand(showToolsCommand(this.app));
		this.addCommand(testMcpServersCommand(this.app, this.tools));
		// Servers stay up between runs for the idle time, then stop; unload stops the rest.
		this.registerInterval(window.setInterval(() => void this.tools.closeIdle(), IDLE_CHECK_MS));

		const applyIndexSettings = debounce(() => void this.indexSync.applySettings(this.settings), APPLY_INDEX_SETTINGS_DELAY_MS, true);
		// The tab edits this.settings itself, which an external change replaces in place, so it never holds a stale copy.
		const settingTab = new CoworkerSettingTab(this.app, this, {
				settings: this.settings,
				saveSettings: async (indexChanged) => {
					await saveSettings();
					if (indexChanged) applyIndexSettings();
					await this.tools.settingsChanged();
				},
				rebuildIndex: async () => {
					await this.indexSync.rebuild();
				},
				semanticSearchChanged: () => {
					this.semantic.configure();
					if (this.indexSync.ready) void this.semantic.update();
				},
				testConnection: () => testConnection(adapters.model, this.settings),
				runsOnThisDevice: () => this.workflows.runsOnThisDevice,
				setRunsOnThisDevice: (on) => (this.workflows.runsOnThisDevice = on),
				readMcpConfig: (text) => this.tools.readConfig(text),
				testMcpServers: async () => (await this.tools.test()).map(describeServer),
		});
		this.addSettingTab(settingTab);

		// Indexing waits for the layout: nothing heavy may run while Obsidian is still starting.
		this.app.workspace.onLayoutReady(() => {
			void this.indexSync.start();
			// The scheduler's first tick waits for the index, then runs what came due while Obsidian was closed.
			this.workflows.start();
		});
	}

	/**
	 * Obsidian calls this when data.json changed on disk from outside (Sync, another device pausing schedules):
	 * the new settings replace the live ones in place and are applied — exclusions, schedules, MCP servers.
	 */
	override async onExternalSettingsChange(): Promise<void> {
		// Obsidian may call it before onload has built anything; onload reads the file itself.
		if (!this.settings || !this.indexSync) return;
		const read = await readExternalSettings(() => this.loadData(), SETTINGS_SOURCE);
		if (!read.ok) {
			new Notice(read.reason);
			return;
		}
		// Exclusions of the wrong type from another device keep the last good ones, as at start: privacy fails closed.
		const kept = await applyLastGoodExclusions(read.read, read.data, this.adapters.store);
		for (const notice of kept.notices) new Notice(notice);
		const indexChanged = indexSettingsDiffer(this.settings, kept.settings);
		replaceSettingsInPlace(this.settings, kept.settings);
		this.workflows.settingsChanged();
		if (indexChanged) await this.indexSync.applySettings(this.settings);
		this.semantic.configure();
		if (this.indexSync.ready) void this.semantic.update();
		await this.tools.settingsChanged();
	}

	private pluginFolder(): string {
		return this.manifest.dir ?? `${this.app.vault.configDir}/plugins/${this.manifest.id}`;
	}

	override onunload(): void {
		this.taskRunner.cancel();
		const work = [
			this.indexSync.save(),
			// No server process outlives the plugin.
			this.tools.closeAll(),
			this.taskRunner.whenIdle(),
			this.workflows.whenIdle(),
		];
		this.unloaded = Promise.allSettled(work).then(() => undefined);
	}
}
