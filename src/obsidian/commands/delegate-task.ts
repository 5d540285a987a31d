/** Commands "Delegate a task…" and "Preview context…": the same form, with Delegate or Preview as its main button. */
import { Notice, type App, type Command } from "obsidian";
import type { PluginSettings } from "../../core/settings/plugin-settings";
import type { TaskRunner } from "../tasks/task-runner";
import { DelegateModal } from "./delegate-modal";
import { ContextPreviewModal } from "./context-preview-modal";
import { delegateOrigin } from "./delegate-origin";
import type { McpService } from "../tools/mcp-service";

export function delegateTaskCommand(app: App, runner: TaskRunner, tools: McpService, settings: () => PluginSettings): Command {
	return { id: "delegate-task", name: "Delegate a task…", callback: () => openDelegateModal(app, runner, tools, settings, "delegate") };
}

export function previewContextCommand(app: App, runner: TaskRunner, tools: McpService, settings: () => PluginSettings): Command {
	return { id: "preview-context", name: "Preview context…", callback: () => openDelegateModal(app, runner, tools, settings, "preview") };
}

/** The open form, for tests and for commands that prefill it later. */
export function openDelegateModal(app: App, runner: TaskRunner, tools: McpService, settings: () => PluginSettings, primary: "delegate" | "preview"): DelegateModal {
	const modal = new DelegateModal(app, {
		origin: delegateOrigin(app),
		agentMode: settings().agentMode,
		servers: tools.availableServers(),
		listResources: () => tools.resources(),
		primary,
		onDelegate: (request) => void runner.run(request, true),
		onPreview: (request) =>
			void runner.preview(request).then((prepared) => {
				if (prepared.ok) new ContextPreviewModal(app, prepared.preview).open();
				else new Notice(prepared.error);
			}),
	});
	modal.open();
	return modal;
}
