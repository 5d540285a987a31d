/**
 * The scheduler's ports, assembled in one place from what a face hands over: the app and the command line both
 * call this, so the two cannot drift apart in how workflows are listed, claimed, recorded and found again.
 */
import type { VaultIndex } from "../index/vault-index";
import type { KeyValueStore } from "../ports/key-value-store";
import type { VaultLinks } from "../ports/vault-links";
import type { VaultReader } from "../ports/vault-reader";
import type { RunResult } from "../run/run-task";
import type { TaskRequest } from "../run/task-request";
import { findApprovedDeliverable, findDeliverable } from "./deliverable-finder";
import { OccurrenceClaims } from "./occurrence-claims";
import { readWorkflows } from "./workflow-catalog";
import { WorkflowLedger } from "./workflow-ledger";
import type { SchedulerPorts } from "./workflow-scheduler";

/** The face's own adapters and how it runs a task: all the assembly needs. */
export interface SchedulerAdapters {
	/** The index to find workflow notes in, once it can answer (the app waits for its first build; a rebuild swaps it). */
	index(): Promise<VaultIndex>;
	reader: VaultReader;
	links: VaultLinks;
	/** Whether a folder exists, as the face sees the vault (a workflow's output folder is checked against it). */
	folderExists(path: string): boolean;
	/** Whether a file exists (the previous deliverable may have been deleted). */
	exists(path: string): Promise<boolean>;
	/** The plugin's private data folder, where the ledger lives. */
	ledgerStore: KeyValueStore;
	/** Its `claims` folder: one entry per occurrence a runner is running. */
	claimsStore: KeyValueStore;
	/** Names this runner in its claims (`plugin`, `cli 1234`). */
	runner: string;
	/** Waits between a claim and its check; a timer of the face's own (the app's window, Node's). */
	sleep(ms: number): Promise<void>;
	now(): number;
	/** The user's IANA zone, for schedules without TZID and runs made by hand. */
	localZone: string;
	/** Read at each listing, so a change in the settings applies to the next tick. */
	outputFolder(): string;
	/** Runs one occurrence's request through the pipeline, as the face runs tasks. */
	run(request: TaskRequest): Promise<RunResult>;
}

export function schedulerPorts(adapters: SchedulerAdapters): SchedulerPorts {
	const { reader, links, localZone } = adapters;
	const now = (): number => adapters.now();
	return {
		listWorkflows: async () =>
			readWorkflows(
				await adapters.index(),
				reader,
				{ resolve: (link, from) => links.resolve(link, from), folderExists: (folder) => adapters.folderExists(folder) },
				{ outputFolder: adapters.outputFolder(), localZone },
			),
		ledger: new WorkflowLedger(adapters.ledgerStore),
		claims: new OccurrenceClaims(adapters.claimsStore, { runner: adapters.runner, now, sleep: (ms) => adapters.sleep(ms) }),
		findDeliverable: (workflow, occurrence) => findDeliverable(reader, links, workflow.path, workflow.output, occurrence),
		approvedDeliverable: (workflow) => findApprovedDeliverable(reader, links, workflow.path, workflow.output),
		exists: (path) => adapters.exists(path),
		run: (request) => adapters.run(request),
		now,
		localZone,
	};
}
