/** What the coworker panel reads and acts through: the app's services, handed over by the plugin. */
import type { PluginSettings } from "../../core/settings/plugin-settings";
import type { TaskRunner } from "../tasks/task-runner";
import type { ReviewService } from "../review/review-service";
import type { WorkflowService } from "../workflows/workflow-service";
import type { IndexSync } from "../index/index-sync";
import type { AppAdapters } from "../app-adapters";

export interface PanelServices {
	taskRunner: TaskRunner;
	review: ReviewService;
	workflows: WorkflowService;
	indexSync: IndexSync;
	settings: () => PluginSettings;
	/** The drafts waiting are read through them. */
	adapters: Pick<AppAdapters, "reader" | "links">;
}
