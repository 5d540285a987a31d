/** The plugin entry point: builds the adapters and services and registers commands and settings. It wires; it does not think. */
import { debounce, Notice, normalizePath, Plugin } from "obsidian";
import { settingsFromData, type PluginSettings } from "../core/settings/plugin-settings";
import { RunLog } from "../core/ledger/run-log";
import { PluginDataStore } from "./adapters/plugin-data-store";
import { IndexStatus } from "./index/index-status";
import { IndexSync } from "./index/index-sync";
import { TaskRunner } from "./tasks/task-runner";
import { testConnection } from "./model/test-connection";
import { searchVaultContextCommand } from "./commands/search-vault-context";
import { rebuildIndexCommand } from "./commands/rebuild-index";
import { delegateTaskCommand, previewContextCommand } from "./commands/delegate-task";
import { cancelRunningTaskCommand } from "./commands/cancel-running-task";
import { CoworkerSettingTab } from "./settings/settings-tab";
import { WorkflowService } from "./workflows/workflow-service";
import { WorkflowsView, WORKFLOWS_VIEW_TYPE } from "./workflows/workflows-view";
import { runThisWorkflowCommand } from "./commands/run-this-workflow";
import { runAWorkflowCommand } from "./commands/run-a-workflow";
import { newWorkflowNoteCommand } from "./commands/new-workflow-note";
import { showWorkflowsCommand } from "./commands/show-workflows";
import { pauseSchedulesCommand } from "./commands/pause-schedules";
import { ReviewService } from "./review/review-service";
import { approveDeliverableCommand } from "./commands/approve-deliverable";
import { requestChangesCommand } from "./commands/request-changes";
import { reviewQueueCommand } from "./commands/review-queue";
import { openMemoryCommand, rememberSelectionCommand } from "./commands/memory-commands";
import { refineWorkflowCommand } from "./commands/refine-workflow";
import { exportDeliverableCommand } from "./commands/export-deliverable";
import { IDLE_CHECK_MS, McpService } from "./tools/mcp-service";
import { ToolsView, TOOLS_VIEW_TYPE } from "./tools/tools-view";
import { describeServer, showToolsCommand, testMcpServersCommand } from "./commands/show-tools";

/** Exclusions are applied this long after the last keystroke in the settings, not on every key. */
const APPLY_INDEX_SETTINGS_DELAY_MS = 1_500;

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

	override async onload(): Promise<void> {
		const read = settingsFromData(await this.loadData(), "AI Coworker settings");
		this.settings = read.settings;
		for (const problem of read.problems) new Notice(problem);

		const pluginFolder = this.manifest.dir ?? `${this.app.vault.configDir}/plugins/${this.manifest.id}`;
		this.indexSync = new IndexSync({
			vault: this.app.vault,
			store: new PluginDataStore(this.app.vault.adapter, pluginFolder),
			status: new IndexStatus(this.addStatusBarItem()),
			owner: this,
			settings: this.settings,
		});
		const settings = (): PluginSettings => this.settings;
		const saveSettings = (): Promise<void> => this.saveData(this.settings);
		this.tools = new McpService({ app: this.app, settings, saveSettings });
		this.taskRunner = new TaskRunner({
			app: this.app,
			settings,
			indexSync: this.indexSync,
			runLog: new RunLog(new PluginDataStore(this.app.vault.adapter, normalizePath(`${pluginFolder}/runs`))),
			tools: this.tools,
		});

		this.workflows = new WorkflowService({ app: this.app, owner: this, settings, pluginFolder, indexSync: this.indexSync, taskRunner: this.taskRunner });
		this.registerView(WORKFLOWS_VIEW_TYPE, (leaf) => new WorkflowsView(leaf, this.workflows, settings));

		this.addCommand(delegateTaskCommand(this.app, this.taskRunner, this.tools, settings));
		this.addCommand(previewContextCommand(this.app, this.taskRunner, this.tools, settings));
		this.addCommand(cancelRunningTaskCommand(this.taskRunner));
		this.addCommand(searchVaultContextCommand(this.app, this.indexSync));
		this.addCommand(rebuildIndexCommand(this.indexSync));
		this.addCommand(runThisWorkflowCommand(this.app, this.workflows, this.indexSync, settings));
		this.addCommand(runAWorkflowCommand(this.app, this.workflows, settings));
		this.addCommand(newWorkflowNoteCommand(this.app, settings));
		this.addCommand(showWorkflowsCommand(this.app));
		this.addCommand(pauseSchedulesCommand(settings, saveSettings));

		const review = new ReviewService(this.app, this.taskRunner, settings);
		this.addCommand(approveDeliverableCommand(this.app, review, this.indexSync));
		this.addCommand(requestChangesCommand(this.app, review, this.indexSync));
		this.addCommand(reviewQueueCommand(this.app, this.indexSync));
		this.addCommand(exportDeliverableCommand(this.app, this.taskRunner, this.indexSync));
		this.addCommand(rememberSelectionCommand(this.app, review));
		this.addCommand(openMemoryCommand(this.app, review));
		this.addCommand(refineWorkflowCommand(this.app, this.workflows, review, this.indexSync, settings));

		this.registerView(TOOLS_VIEW_TYPE, (leaf) => new ToolsView(leaf, this.tools));
		this.addCommand(showToolsCommand(this.app));
		this.addCommand(testMcpServersCommand(this.app, this.tools));
		// Servers stay up between runs for the idle time, then stop; unload stops the rest.
		this.registerInterval(window.setInterval(() => void this.tools.closeIdle(), IDLE_CHECK_MS));

		const applyIndexSettings = debounce(() => void this.indexSync.applySettings(this.settings), APPLY_INDEX_SETTINGS_DELAY_MS, true);
		this.addSettingTab(
			new CoworkerSettingTab(this.app, this, {
				settings: this.settings,
				saveSettings: async (indexChanged) => {
					await saveSettings();
					if (indexChanged) applyIndexSettings();
					await this.tools.settingsChanged();
				},
				rebuildIndex: async () => {
					await this.indexSync.rebuild();
				},
				testConnection: () => testConnection(this.app, this.settings),
				runsOnThisDevice: () => this.workflows.runsOnThisDevice,
				setRunsOnThisDevice: (on) => (this.workflows.runsOnThisDevice = on),
				readMcpConfig: (text) => this.tools.readConfig(text),
				testMcpServers: async () => (await this.tools.test()).map(describeServer),
			}),
		);

		// Indexing waits for the layout: nothing heavy may run while Obsidian is still starting.
		this.app.workspace.onLayoutReady(() => {
			void this.indexSync.start();
			// The scheduler's first tick waits for the index, then runs what came due while Obsidian was closed.
			this.workflows.start();
		});
	}

	override onunload(): void {
		this.taskRunner.cancel();
		void this.indexSync.save();
		// No server process outlives the plugin.
		void this.tools.closeAll();
	}
}
