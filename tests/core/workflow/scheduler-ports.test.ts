/** schedulerPorts: the one assembly both faces call, over real files; what each face hands over is what the scheduler uses. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempVault, type TempVault } from "../../helpers/temp-vault";
import { indexOver } from "../../helpers/index-fixtures";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { LinkResolver } from "../../../src/core/notes/link-resolver";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";
import { schedulerPorts, type SchedulerAdapters } from "../../../src/core/workflow/scheduler-ports";
import { claimKey } from "../../../src/core/workflow/occurrence-claims";
import type { TaskRequest } from "../../../src/core/run/task-request";
import type { VaultIndex } from "../../../src/core/index/vault-index";

const WORKFLOW = "Workflows/Weekly status.md";
const OCCURRENCE = "2026-11-23T09:00:00+01:00";
const NOW = Date.parse("2026-11-23T09:01:00+01:00");

describe("schedulerPorts", () => {
	let vault: TempVault;
	let index: VaultIndex;
	let adapters: SchedulerAdapters;
	let settings: { outputFolder: string };
	let indexAsked: number;

	beforeEach(async () => {
		vault = await createTempVault({
			[WORKFLOW]: "---\ncoworker: workflow\nschedule: every monday at 9am\nsources:\n  - folder: Notes\n---\nWrite the weekly status.\n",
			"Notes/Sync.md": "# Sync\n\nAll on track.\n",
			"Reports/Weekly status 2026-11-16.md": `---\ncoworker: deliverable\nworkflow: "[[Weekly status]]"\noccurrence: "2026-11-16T09:00:00+01:00"\nstatus: draft\n---\nLast week.\n`,
		});
		index = indexOver(vault.root);
		await index.refresh();
		const reader = new NodeVaultReader(vault.root);
		const files = await reader.listAllFiles();
		const links = new LinkResolver(files);
		settings = { outputFolder: "Reports" };
		indexAsked = 0;
		adapters = {
			index: () => {
				indexAsked++;
				return Promise.resolve(index);
			},
			reader,
			links,
			folderExists: (folder) => files.some((file) => file.startsWith(`${folder}/`)),
			exists: (path) => Promise.resolve(files.includes(path)),
			ledgerStore: new InMemoryKeyValueStore(),
			claimsStore: new InMemoryKeyValueStore(),
			runner: "cli 4242",
			sleep: () => Promise.resolve(),
			now: () => NOW,
			localZone: "Europe/Berlin",
			outputFolder: () => settings.outputFolder,
			run: (request: TaskRequest) => Promise.reject(new Error(`${request.goal}: no run is needed here`)),
		};
	});

	afterEach(() => vault.cleanup());

	it("lists the workflows through the face's index, asked at each listing, with the output folder the settings have then", async () => {
		const ports = schedulerPorts(adapters);
		const first = await ports.listWorkflows();
		expect(first.map((read) => [read.path, read.workflow?.output, read.problems])).toEqual([[WORKFLOW, "Reports/{{workflow}} {{date}}", []]]);
		settings.outputFolder = "Status";
		const second = await ports.listWorkflows();
		expect(second[0]?.workflow?.output).toBe("Status/{{workflow}} {{date}}");
		expect(indexAsked).toBe(2);
		expect(ports.localZone).toBe("Europe/Berlin");
	});

	it("finds deliverables through the face's reader and links, and files through its exists", async () => {
		const ports = schedulerPorts(adapters);
		const workflow = (await ports.listWorkflows())[0]?.workflow;
		if (!workflow) throw new Error("the workflow should parse");
		expect(await ports.findDeliverable(workflow, "2026-11-16T08:00:00Z")).toBe("Reports/Weekly status 2026-11-16.md");
		expect(await ports.findDeliverable(workflow, OCCURRENCE)).toBeNull();
		expect(await ports.exists("Notes/Sync.md")).toBe(true);
		expect(await ports.exists("Notes/Gone.md")).toBe(false);
	});

	it("keeps the ledger and the claims in the stores it is given, claims named by the runner", async () => {
		const ports = schedulerPorts(adapters);
		expect(await ports.claims.claim(WORKFLOW, OCCURRENCE)).toBe(true);
		const claim = JSON.parse((await adapters.claimsStore.read(claimKey(WORKFLOW, OCCURRENCE))) ?? "null") as { runner: string; at: number } | null;
		expect(claim).toMatchObject({ runner: "cli 4242", at: NOW });
		await ports.ledger.update(WORKFLOW, NOW, (entry) => (entry.checkedUntil = NOW));
		expect(await adapters.ledgerStore.list()).not.toEqual([]);
		expect((await schedulerPorts(adapters).ledger.entry(WORKFLOW))?.checkedUntil).toBe(NOW);
	});
});
