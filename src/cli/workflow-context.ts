/** The scheduler's ports over a vault folder, for `coworker workflows` and `coworker run`. */
import { join } from "node:path";
import type { VaultContext } from "./vault-context";
import { runServicesFor } from "./run-services";
import { systemTimeZone } from "../core/workflow/time-zones";
import { NodeFileStore } from "./node-file-store";
import { readWorkflows } from "../core/workflow/workflow-catalog";
import { WorkflowLedger } from "../core/workflow/workflow-ledger";
import { OccurrenceClaims } from "../core/workflow/occurrence-claims";
import { findApprovedDeliverable, findDeliverable } from "../core/workflow/deliverable-finder";
import { runTask, type RunServices } from "../core/run/run-task";
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
	const localZone = systemTimeZone();
	return {
		services,
		localZone,
		listWorkflows: () =>
			readWorkflows(
				vault.index,
				vault.reader,
				workflowVault,
				{ outputFolder: vault.settings.outputFolder, localZone },
			),
		ledger: new WorkflowLedger(new NodeFileStore(vault.pluginFolder)),
		claims: new OccurrenceClaims(new NodeFileStore(join(vault.pluginFolder, "claims")), {
			runner: `cli ${process.pid}`,
			now: options.now,
			sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
		}),
		findDeliverable: (workflow, occurrence) => findDeliverable(vault.reader, links, workflow.path, workflow.output, occurrence),
		approvedDeliverable: (workflow) => findApprovedDeliverable(vault.reader, links, workflow.path, workflow.output),
		exists: (path) => vault.writer.exists(path),
		run: (request) => runTask(request, services, options.signal),
		now: options.now,
	};
}
