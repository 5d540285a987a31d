/** approveDeliverable and requestChanges on real files in a temporary vault, with the fake model server for revisions. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createTempVault, type TempVault } from "../../helpers/temp-vault";
import { startFakeModelServer, type FakeModelServer } from "../../helpers/fake-model-server";
import { snapshotVault } from "../../helpers/vault-snapshot";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { NodeVaultWriter } from "../../../src/cli/node-vault-writer";
import { NodeNoteEditor } from "../../../src/cli/node-note-editor";
import { VaultIndex } from "../../../src/core/index/vault-index";
import { DEFAULT_INDEX_SETTINGS } from "../../../src/core/index/index-settings";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";
import { LinkResolver } from "../../../src/core/notes/link-resolver";
import { isInFolder } from "../../../src/core/notes/note-path";
import { ModelClient } from "../../../src/core/model/model-client";
import { DEFAULT_SETTINGS } from "../../../src/core/settings/plugin-settings";
import { MEMORY_NOTE_TEMPLATE } from "../../../src/core/context/memory-note";
import { localDate, localIsoWithOffset } from "../../../src/core/run/local-time";
import type { RunResult, RunServices, TaskRequest } from "../../../src/core/run/run-task";
import { approveDeliverable, requestChanges, type ReviewServices } from "../../../src/core/review/review-deliverable";

/** 2026-11-24 09:30 UTC: every review of these tests happens then. */
const NOW = Date.UTC(2026, 10, 24, 9, 30, 0);
const TODAY = localDate(NOW);
const REVIEWED = localIsoWithOffset(NOW);
const MEMORY = "Coworker/Memory.md";

const WORKFLOW = `---
coworker: workflow
output: "Reports/{{workflow}} {{date}}.md"
sources:
  - "[[Project Alpha]]"
---
Write a short status update.

## Lessons
- Keep it short.

## Notes for me
Not part of the lessons.
`;

const DIGEST = `---
coworker: workflow
output: "Reports/{{workflow}} {{date}}.md"
---
Write a daily digest.
`;

function deliverable(properties: string): string {
	return `---
coworker: deliverable
status: draft
format: report
${properties}
created: 2026-11-23T09:01:00+00:00
model: test-model
usage:
  prompt_tokens: 10
  completion_tokens: 5
  total_tokens: 15
sources:
  - "[[Project Alpha]]"
unresolved_links: 0
---
# Status

All well, see [[Project Alpha]].

## Sources

- [[Project Alpha]]
`;
}

const WEEKLY = "Reports/Weekly status 2026-11-23.md";
const DAILY = "Reports/Daily digest 2026-11-23.md";
const ORPHAN = "Reports/Orphan 2026-11-23.md";
const DELEGATED = "Coworker/Deliverables/2026-11-20 Status of Project Alpha.md";

let vault: TempVault;
let server: FakeModelServer;

beforeEach(async () => {
	vault = await createTempVault({
		"Projects/Project Alpha.md": "# Project Alpha\n\n## Risks\n- The design review slipped.\n\n## Decisions\nShip on 2026-12-01.\n",
		"Workflows/Weekly status.md": WORKFLOW,
		"Workflows/Daily digest.md": DIGEST,
		[WEEKLY]: deliverable('workflow: "[[Weekly status]]"\noccurrence: "2026-11-23T09:00:00+00:00"'),
		[DAILY]: deliverable('workflow: "[[Daily digest]]"\noccurrence: "2026-11-23T07:00:00+00:00"'),
		[ORPHAN]: deliverable('workflow: "[[Deleted workflow]]"\noccurrence: "2026-11-23T07:00:00+00:00"'),
		[DELEGATED]: deliverable('goal: "Status of Project Alpha, for the steering group"'),
	});
	server = await startFakeModelServer({ models: ["test-model"] });
	server.setDefault({ kind: "reply", text: "# Status, revised\n\nDecisions first: ship on 2026-12-01 ([[Project Alpha#Decisions]])." });
});

afterEach(async () => {
	await server.close();
	await vault.cleanup();
});

/** The ports as the CLI builds them for `coworker review`, over the temporary vault, with the model at the fake server. */
async function services(overrides: Partial<ReviewServices> = {}): Promise<ReviewServices> {
	const reader = new NodeVaultReader(vault.root);
	const index = new VaultIndex({ vault: reader, store: new InMemoryKeyValueStore(), settings: DEFAULT_INDEX_SETTINGS });
	await index.refresh();
	const files = await reader.listAllFiles();
	const links = new LinkResolver(files);
	const writer = new NodeVaultWriter(vault.root);
	const run: RunServices = {
		readers: { reader, index, links, settings: DEFAULT_INDEX_SETTINGS },
		writer,
		model: new ModelClient({ baseUrl: server.baseUrl, apiKey: null, model: "test-model", fetch: globalThis.fetch, timeoutMs: 5000, maxRetries: 0, stream: false }),
		runLog: null,
		now: () => NOW,
		settings: {
			contextBudgetTokens: DEFAULT_SETTINGS.contextBudgetTokens,
			maxAgentSteps: DEFAULT_SETTINGS.maxAgentSteps,
			outputFolder: DEFAULT_SETTINGS.outputFolder,
			fileNameTemplate: DEFAULT_SETTINGS.fileNameTemplate,
			memoryNotePath: MEMORY,
		},
	};
	return {
		run,
		editor: new NodeNoteEditor(vault.root),
		writer,
		workflowVault: { resolve: (link, from) => links.resolve(link, from), folderExists: (folder) => files.some((file) => file !== folder && isInFolder(file, folder)) },
		workflowDefaults: { outputFolder: DEFAULT_SETTINGS.outputFolder, localZone: "UTC" },
		memoryPath: MEMORY,
		...overrides,
	};
}

const read = (path: string): Promise<string> => readFile(join(vault.root, path), "utf8");

function userMessage(index = -1): string {
	const request = server.chatRequests().at(index) as { messages: { role: string; content: string }[] } | undefined;
	return request?.messages.find((message) => message.role === "user")?.content ?? "";
}

/** The deliverable after a review: only `status` changed, and `reviewed` (and the `feedback` asked for) added before the closing `---`. */
function reviewedAs(before: string, status: string, feedback?: string): string {
	const added = `reviewed: ${REVIEWED}\n${feedback === undefined ? "" : `feedback: ${feedback}\n`}`;
	return before.replace("status: draft\n", `status: ${status}\n`).replace("unresolved_links: 0\n---\n", `unresolved_links: 0\n${added}---\n`);
}

function lesson(feedback: string, deliverableName: string): string {
	return `- ${TODAY}: ${feedback} (review of [[${deliverableName}]])`;
}

describe("approveDeliverable", () => {
	it("sets status approved and reviewed, and nothing else in the note changes", async () => {
		const before = await read(WEEKLY);
		const result = await approveDeliverable(WEEKLY, await services());
		expect(result).toEqual({ ok: true, deliverable: WEEKLY, status: "approved", lessonIn: null, revision: null });
		expect(await read(WEEKLY)).toBe(reviewedAs(before, "approved"));
		expect(await read("Workflows/Weekly status.md")).toBe(WORKFLOW);
		expect(server.requests).toHaveLength(0);
	});

	it("fails on a note that is not a deliverable, or is missing, and changes nothing", async () => {
		const svc = await services();
		const before = await snapshotVault(vault.root);
		expect(await approveDeliverable("Projects/Project Alpha.md", svc)).toEqual({
			ok: false,
			error: "Projects/Project Alpha.md is not a deliverable (its properties do not say coworker: deliverable).",
		});
		expect(await approveDeliverable("Workflows/Weekly status.md", svc)).toMatchObject({ ok: false, error: expect.stringMatching(/^Workflows\/Weekly status\.md is not a deliverable/) as string });
		expect(await approveDeliverable("Reports/Nope.md", svc)).toEqual({ ok: false, error: "Reports/Nope.md does not exist or cannot be read." });
		expect(await snapshotVault(vault.root)).toEqual(before);
	});
});

describe("requestChanges", () => {
	it("fails on empty feedback and changes nothing", async () => {
		const svc = await services();
		const before = await snapshotVault(vault.root);
		for (const feedback of ["", "   ", " \n\t \n"]) {
			expect(await requestChanges(WEEKLY, feedback, { revise: true }, svc)).toEqual({ ok: false, error: "The feedback is empty; say what should change." });
		}
		expect(await snapshotVault(vault.root)).toEqual(before);
		expect(server.requests).toHaveLength(0);
	});

	it("fails on a note that is not a deliverable and changes nothing", async () => {
		const svc = await services();
		const before = await snapshotVault(vault.root);
		const result = await requestChanges("Projects/Project Alpha.md", "Shorter.", { revise: true }, svc);
		expect(result).toEqual({ ok: false, error: "Projects/Project Alpha.md is not a deliverable (its properties do not say coworker: deliverable)." });
		expect(await snapshotVault(vault.root)).toEqual(before);
		expect(server.requests).toHaveLength(0);
	});

	it("puts a workflow deliverable's lesson, on one line, at the end of that workflow's ## Lessons", async () => {
		const before = await read(WEEKLY);
		const result = await requestChanges(WEEKLY, "  Put the decisions\nbefore the   open questions.  ", { revise: false }, await services());
		expect(result).toEqual({ ok: true, deliverable: WEEKLY, status: "changes-requested", lessonIn: "Workflows/Weekly status.md", revision: null });
		expect(await read(WEEKLY)).toBe(reviewedAs(before, "changes-requested", "Put the decisions before the open questions."));
		expect(await read("Workflows/Weekly status.md")).toBe(
			WORKFLOW.replace("- Keep it short.\n", `- Keep it short.\n${lesson("Put the decisions before the open questions.", "Weekly status 2026-11-23")}\n`),
		);
		expect(server.requests).toHaveLength(0);
	});

	it("creates the ## Lessons section of a workflow that has none", async () => {
		const result = await requestChanges(DAILY, "Group by project.", { revise: false }, await services());
		expect(result).toMatchObject({ ok: true, lessonIn: "Workflows/Daily digest.md" });
		expect(await read("Workflows/Daily digest.md")).toBe(`${DIGEST}\n## Lessons\n${lesson("Group by project.", "Daily digest 2026-11-23")}\n`);
	});

	it("keeps a delegated deliverable's feedback on the deliverable only: no standing memory unless asked", async () => {
		const before = await read(DELEGATED);
		const vaultBefore = await snapshotVault(vault.root);
		const result = await requestChanges(DELEGATED, "Lead with the decisions.", { revise: false }, await services());
		expect(result).toEqual({ ok: true, deliverable: DELEGATED, status: "changes-requested", lessonIn: null, revision: null });
		expect(await read(DELEGATED)).toBe(reviewedAs(before, "changes-requested", "Lead with the decisions."));
		// No memory note was created, nothing else changed.
		expect(Object.keys(await snapshotVault(vault.root)).sort()).toEqual(Object.keys(vaultBefore).sort());
	});

	it("with remember, puts a delegated deliverable's lesson in the memory note's ## Feedback, creating the note from its template", async () => {
		const before = await read(DELEGATED);
		const result = await requestChanges(DELEGATED, "Lead with the decisions.", { revise: false, remember: true }, await services());
		expect(result).toEqual({ ok: true, deliverable: DELEGATED, status: "changes-requested", lessonIn: MEMORY, revision: null });
		expect(await read(MEMORY)).toBe(`${MEMORY_NOTE_TEMPLATE.trimEnd()}\n\n## Feedback\n${lesson("Lead with the decisions.", "2026-11-20 Status of Project Alpha")}\n`);
		expect(await read(DELEGATED)).toBe(reviewedAs(before, "changes-requested", "Lead with the decisions."));
	});

	it("with remember, a workflow deliverable's feedback is both the workflow's lesson and standing memory", async () => {
		const result = await requestChanges(WEEKLY, "Put the decisions first.", { revise: false, remember: true }, await services());
		expect(result).toMatchObject({ ok: true, lessonIn: "Workflows/Weekly status.md" });
		expect(await read("Workflows/Weekly status.md")).toContain(lesson("Put the decisions first.", "Weekly status 2026-11-23"));
		expect(await read(MEMORY)).toContain(`## Feedback\n- ${TODAY}: Put the decisions first. (review of [[Weekly status 2026-11-23]])`);
	});

	it("adds to the memory note's existing ## Feedback and leaves the rest of the note alone", async () => {
		const memory = "# Memory\n\n## Feedback\n- 2026-11-01: Shorter.\n\n## People\n- Dana owns Acme.\n";
		await vault.write(MEMORY, memory);
		await requestChanges(DELEGATED, "Lead with the decisions.", { revise: false, remember: true }, await services());
		expect(await read(MEMORY)).toBe(memory.replace("- 2026-11-01: Shorter.\n", `- 2026-11-01: Shorter.\n${lesson("Lead with the decisions.", "2026-11-20 Status of Project Alpha")}\n`));
	});

	it("with remember, puts the lesson of a deliverable whose workflow is gone in the memory note", async () => {
		const result = await requestChanges(ORPHAN, "Too long.", { revise: false, remember: true }, await services());
		expect(result).toMatchObject({ ok: true, lessonIn: MEMORY });
		expect(await read(MEMORY)).toMatch(new RegExp(`## Feedback\\n- ${TODAY}: Too long\\. \\(review of \\[\\[Orphan 2026-11-23\\]\\]\\)\\n$`));
	});

	it("with revise, writes a revision of a delegated deliverable: the feedback, the previous deliverable as a source, the original goal", async () => {
		const before = await read(DELEGATED);
		const result = await requestChanges(DELEGATED, "Lead with the decisions.", { revise: true }, await services());
		if (!result.ok) throw new Error(result.error);
		expect(result).toMatchObject({ deliverable: DELEGATED, status: "changes-requested", lessonIn: null });
		const revision = result.revision as RunResult;
		expect(revision.error).toBeNull();
		expect(revision.status).toBe("ok");
		expect(revision.deliverable).toBe("Coworker/Deliverables/2026-11-20 Status of Project Alpha revised.md");
		// Feedback on a one-off task is not standing memory: no memory note, so none is read. In the order the model
		// saw them: by relevance to the goal (the earlier deliverable's Sources list is not sent).
		expect(revision.sources).toEqual(["Projects/Project Alpha.md", DELEGATED]);

		expect(server.chatRequests()).toHaveLength(1);
		const user = userMessage();
		expect(user).toMatch(/^Goal: Revise the earlier deliverable \[\[2026-11-20 Status of Project Alpha\]\] \(given as a source\) to address this review feedback: "Lead with the decisions\."/);
		expect(user).toContain("Status of Project Alpha, for the steering group");
		// The deliverable being revised is labelled as earlier output, with the status the review just gave it.
		expect(user).toMatch(/<source kind="deliverable" status="changes-requested"( date="\d{4}-\d{2}-\d{2}")? cite="\[\[2026-11-20 Status of Project Alpha\]\]">/);
		expect(user).toContain("All well, see [[Project Alpha]].");
		expect(user).toContain('<source kind="note" cite="[[Project Alpha]]">');
		expect(user).not.toContain("(review of");

		const note = await read(revision.deliverable ?? "");
		expect(note).toContain('revises: "[[2026-11-20 Status of Project Alpha]]"');
		expect(note).toContain("status: draft");
		expect(note).toContain("Decisions first: ship on 2026-12-01");
		// The earlier deliverable is kept, with its body, and says changes were requested.
		expect(await read(DELEGATED)).toBe(reviewedAs(before, "changes-requested", "Lead with the decisions."));
	});

	it("with revise, sends the memory once when the earlier deliverable listed it among its sources", async () => {
		await vault.write(MEMORY, "# Memory\n\n## Decisions\n- We report revenue in EUR.\n");
		await vault.write(DELEGATED, (await read(DELEGATED)).replace('  - "[[Project Alpha]]"\n', '  - "[[Project Alpha]]"\n  - "[[Memory]]"\n'));
		const result = await requestChanges(DELEGATED, "Lead with the decisions.", { revise: true }, await services());
		expect(result.ok && result.revision?.status).toBe("ok");
		expect(result.ok && result.revision?.sources).toEqual(["Projects/Project Alpha.md", DELEGATED, MEMORY]);
		expect(userMessage().match(/We report revenue in EUR\./g)).toHaveLength(1);
	});

	it("with revise, writes a revision of a workflow deliverable from the workflow, its lessons (the new one too) and the previous deliverable", async () => {
		const before = await read(WEEKLY);
		const result = await requestChanges(WEEKLY, "Put the decisions first.", { revise: true }, await services());
		if (!result.ok) throw new Error(result.error);
		expect(result.lessonIn).toBe("Workflows/Weekly status.md");
		const revision = result.revision as RunResult;
		expect(revision.status).toBe("ok");
		expect(revision.deliverable).toMatch(/^Reports\/Weekly status .*\.md$/);
		expect(revision.deliverable).not.toBe(WEEKLY);
		expect(revision.record.trigger).toBe("command");

		const user = userMessage();
		expect(user).toMatch(/^Goal: Revise the earlier deliverable \[\[Weekly status 2026-11-23\]\] \(given as a source\) to address this review feedback: "Put the decisions first\."/);
		expect(user).toContain("Write a short status update.");
		expect(user).toContain("- Keep it short.");
		expect(user).toContain(lesson("Put the decisions first.", "Weekly status 2026-11-23"));
		expect(user).toContain('<source kind="deliverable" role="previous" status="changes-requested" date="2026-11-23" cite="[[Weekly status 2026-11-23]]">');
		expect(user).toContain('<source kind="note" cite="[[Project Alpha]]">');

		const note = await read(revision.deliverable ?? "");
		expect(note).toContain('revises: "[[Weekly status 2026-11-23]]"');
		expect(note).toContain('workflow: "[[Weekly status]]"');
		expect(await read(WEEKLY)).toBe(reviewedAs(before, "changes-requested", "Put the decisions first."));
	});

	it("when the revision fails (a server error), keeps the status change and the lesson, writes no revision, and returns it as failed", async () => {
		const svc = await services();
		const before = await snapshotVault(vault.root);
		const deliverableBefore = await read(WEEKLY);
		server.enqueue({ kind: "error", status: 500 });
		const result = await requestChanges(WEEKLY, "Put the decisions first.", { revise: true }, svc);
		if (!result.ok) throw new Error(result.error);
		expect(result).toMatchObject({ deliverable: WEEKLY, status: "changes-requested", lessonIn: "Workflows/Weekly status.md" });
		expect(result.revision).toMatchObject({ status: "failed", deliverable: null, files: [] });
		expect(result.revision?.error).toMatch(/server error/);
		// The same files as before: no revision, and no memory note either.
		expect(Object.keys(await snapshotVault(vault.root)).sort()).toEqual(Object.keys(before).sort());
		expect(await read(WEEKLY)).toBe(reviewedAs(deliverableBefore, "changes-requested", "Put the decisions first."));
		expect(await read("Workflows/Weekly status.md")).toContain(lesson("Put the decisions first.", "Weekly status 2026-11-23"));
	});

	it("gives an error result when runRevision returns null, after keeping the feedback", async () => {
		const requests: TaskRequest[] = [];
		const svc = await services({
			runRevision: (request) => {
				requests.push(request);
				return Promise.resolve(null);
			},
		});
		const result = await requestChanges(DELEGATED, "Lead with the decisions.", { revise: true }, svc);
		expect(result).toEqual({ ok: false, error: "The feedback was kept, but the revision could not start (another task is running, or the model is not set up)." });
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			format: "report",
			sources: [
				{ kind: "note", path: DELEGATED },
				{ kind: "note", path: "Projects/Project Alpha.md" },
			],
			useMemory: true,
			agentMode: false,
			trigger: "command",
			outputTemplate: "Coworker/Deliverables/{{title}}",
			title: "2026-11-20 Status of Project Alpha revised",
			revises: DELEGATED,
		});
		expect(requests[0]?.goal).toContain('"Lead with the decisions."');
		expect(requests[0]?.goal).toMatch(/\n\nStatus of Project Alpha, for the steering group$/);
		expect(server.requests).toHaveLength(0);
		expect(await read(DELEGATED)).toContain("status: changes-requested");
		expect(await read(DELEGATED)).toContain("feedback: Lead with the decisions.");
	});

	it("routes a workflow revision through runRevision with the workflow's request, the previous deliverable added as a source", async () => {
		const requests: TaskRequest[] = [];
		const result = await requestChanges(WEEKLY, "Shorter.", { revise: true }, await services({
				runRevision: (request) => {
					requests.push(request);
					return Promise.resolve(null);
				},
			}));
		expect(result.ok).toBe(false);
		expect(requests[0]).toMatchObject({
			sources: [
				{ kind: "note", path: "Projects/Project Alpha.md" },
				{ kind: "note", path: WEEKLY },
			],
			trigger: "command",
			outputTemplate: "Reports/{{title}}",
			title: "Weekly status 2026-11-23 revised",
			revises: WEEKLY,
			workflow: { path: "Workflows/Weekly status.md", name: "Weekly status", occurrence: "2026-11-23T09:00:00+00:00" },
		});
	});

	it("makes no revision when the workflow has problems, but keeps the feedback", async () => {
		await vault.write("Workflows/Daily digest.md", DIGEST.replace("coworker: workflow\n", "coworker: workflow\nformat: poem\n"));
		const result = await requestChanges(DAILY, "Group by project.", { revise: true }, await services());
		expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^The workflow Workflows\/Daily digest\.md has problems, so no revision was made: .*format/) as string });
		expect(server.requests).toHaveLength(0);
		expect(await read("Workflows/Daily digest.md")).toContain(lesson("Group by project.", "Daily digest 2026-11-23"));
		expect(await read(DAILY)).toContain("status: changes-requested");
	});
});
