/** The scheduler's ports over a vault folder, for `coworker workflows` and `coworker run`: the core's assembly over the CLI's adapters. */
import { runServicesFor, type VaultContext } from "./composition-root";
import { systemTimeZone } from "../core/workflow/time-zones";
import { runTask, type RunServices } from "../core/run/run-task";
import { schedulerPorts } from "../core/workflow/scheduler-ports";
import type { SchedulerPorts } from "../core/workflow/workflow-scheduler";
import type { ChatModel } from "../core/model/chat-model";

export interface WorkflowContextOptions {
	now: () => number;
	model: ChatModel | null;
	signal?: AbortSignal;
	externalTools?: RunServices["externalTools"];
}

export async function workflowPorts(vault: VaultContext, options: WorkflowContextOptions): Promise<SchedulerPorts & { services: RunServices }> {
	const { links, workflowVault } = await vault.lookups();
	const services = runServicesFor(vault, links, options);
	const ports = schedulerPorts({
		index: () => Promise.resolve(vault.index),
		reader: vault.reader,
		links,
		folderExists: (folder) => workflowVault.folderExists(folder),
		exists: (path) => vault.writer.exists(path),
		ledgerStore: vault.store,
		claimsStore: vault.claimsStore,
		runner: `cli ${process.pid}`,
		sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
		now: options.now,
		localZone: systemTimeZone(),
		outputFolder: () => vault.settings.outputFolder,
		run: (request) => runTask(request, services, options.signal),
	});
	return { ...ports, services };
}
