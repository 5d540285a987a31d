/** Review inside the app: the core's review operations over the app's ports, revisions run through the task runner. */
import { normalizePath, type App } from "obsidian";
import type { PluginSettings } from "../../core/settings/plugin-settings";
import { approveDeliverable, requestChanges, type FeedbackChoices, type ReviewResult, type ReviewServices } from "../../core/review/review-deliverable";
import { MEMORY_NOTE_TEMPLATE } from "../../core/context/memory-note";
import type { NoteEditor } from "../../core/ports/note-editor";
import type { AppAdapters } from "../app-adapters";
import type { TaskRunner } from "../tasks/task-runner";
import { systemTimeZone } from "../../core/workflow/time-zones";

export class ReviewService {
	constructor(
		private readonly app: App,
		private readonly taskRunner: TaskRunner,
		private readonly settings: () => PluginSettings,
		private readonly adapters: Pick<AppAdapters, "writer" | "editor">,
	) {}

	approve(path: string): Promise<ReviewResult> {
		return approveDeliverable(path, this.services());
	}

	/** Keeps the feedback (a workflow's lesson; memory when asked); with `revise`, writes a revision through the task runner (notice, cancel, opened after). */
	requestChanges(path: string, feedback: string, choices: FeedbackChoices): Promise<ReviewResult> {
		return requestChanges(path, feedback, choices, { ...this.services(), runRevision: (request) => this.taskRunner.run(request, true) });
	}

	/** The memory note, created from its template when it does not exist yet. */
	async memoryNote(): Promise<string> {
		const path = normalizePath(this.settings().memoryNotePath);
		if (this.app.vault.getAbstractFileByPath(path) === null) await this.adapters.writer.create(path, MEMORY_NOTE_TEMPLATE);
		return path;
	}

	editor(): NoteEditor {
		return this.adapters.editor;
	}

	private services(): ReviewServices {
		const { app } = this;
		const settings = this.settings();
		const run = this.taskRunner.servicesFor(null);
		return {
			run,
			editor: this.editor(),
			writer: this.adapters.writer,
			workflowVault: {
				resolve: (link, from) => run.readers.links.resolve(link, from),
				folderExists: (folder) => app.vault.getFolderByPath(normalizePath(folder)) !== null,
			},
			workflowDefaults: { outputFolder: settings.outputFolder, localZone: systemTimeZone() },
			memoryPath: normalizePath(settings.memoryNotePath),
		};
	}
}
