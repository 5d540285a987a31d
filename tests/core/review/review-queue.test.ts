/** reviewQueue over a real folder and index: the drafts, newest first; and the Bases file that shows them. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { utimes } from "node:fs/promises";
import { join } from "node:path";
import YAML from "yaml";
import { createTempVault, type TempVault } from "../../helpers/temp-vault";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { VaultIndex } from "../../../src/core/index/vault-index";
import { DEFAULT_INDEX_SETTINGS } from "../../../src/core/index/index-settings";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";
import { LinkResolver } from "../../../src/core/notes/link-resolver";
import { REVIEW_BASE, REVIEW_BASE_PATH, reviewQueue } from "../../../src/core/review/review-queue";
import type { DeliverableInfo } from "../../../src/core/review/deliverable-info";

let vault: TempVault;

beforeEach(async () => {
	vault = await createTempVault();
});

afterEach(async () => {
	await vault.cleanup();
});

function deliverable(properties: string, body = "# Report\n\nText."): string {
	return `---\ncoworker: deliverable\n${properties}\n---\n${body}\n`;
}

async function queue(): Promise<DeliverableInfo[]> {
	const reader = new NodeVaultReader(vault.root);
	const index = new VaultIndex({ vault: reader, store: new InMemoryKeyValueStore(), settings: DEFAULT_INDEX_SETTINGS });
	await index.refresh();
	return reviewQueue(index, reader, new LinkResolver(await reader.listAllFiles()));
}

describe("reviewQueue", () => {
	it("lists only deliverables whose status is draft, newest created first", async () => {
		await vault.write("Projects/Project Alpha.md", "# Project Alpha");
		await vault.write("Workflows/Weekly status.md", "---\ncoworker: workflow\nstatus: draft\n---\nWrite it.");
		await vault.write("Notes/Draft idea.md", "---\nstatus: draft\ncreated: 2026-12-01T00:00:00+00:00\n---\nNot a deliverable.");
		await vault.write("Out/Oldest.md", deliverable("status: draft\ncreated: 2026-11-01T09:00:00+00:00"));
		await vault.write("Out/Newest.md", deliverable("status: draft\ncreated: 2026-11-24T09:30:00+00:00"));
		await vault.write("Out/Middle.md", deliverable('status: draft\ncreated: 2026-11-10T09:00:00+00:00\nworkflow: "[[Weekly status]]"\nsources:\n  - "[[Project Alpha]]"'));
		await vault.write("Out/Approved.md", deliverable("status: approved\ncreated: 2026-11-30T09:00:00+00:00"));
		await vault.write("Out/Changes.md", deliverable("status: changes-requested\ncreated: 2026-11-29T09:00:00+00:00"));
		await vault.write("Out/Private.md", "---\ncoworker: private\nstatus: draft\n---\nSecret.");
		const drafts = await queue();
		expect(drafts.map((draft) => draft.path)).toEqual(["Out/Newest.md", "Out/Middle.md", "Out/Oldest.md"]);
		expect(drafts[1]).toEqual({
			path: "Out/Middle.md",
			status: "draft",
			format: "report",
			goal: null,
			workflowPath: "Workflows/Weekly status.md",
			occurrence: null,
			sources: ["Projects/Project Alpha.md"],
			resources: [],
			created: expect.stringMatching(/^2026-11-10T09:00:00/) as string,
		});
		expect(Object.keys(drafts[0] ?? {}).sort()).toEqual(["created", "format", "goal", "occurrence", "path", "resources", "sources", "status", "workflowPath"]);
	});

	it("counts a deliverable without a status as a draft, sorts one without created last, and breaks a tie in created by the file's time", async () => {
		await vault.write("Out/No status.md", deliverable("created: 2026-11-20T09:00:00+00:00"));
		await vault.write("Out/No created.md", deliverable("status: draft"));
		await vault.write("Out/Tie older.md", deliverable("status: draft\ncreated: 2026-11-22T09:00:00+00:00"));
		await vault.write("Out/Tie newer.md", deliverable("status: draft\ncreated: 2026-11-22T09:00:00+00:00"));
		await utimes(join(vault.root, "Out/Tie older.md"), new Date("2026-11-22T09:00:00Z"), new Date("2026-11-22T09:00:00.100Z"));
		await utimes(join(vault.root, "Out/Tie newer.md"), new Date("2026-11-22T09:00:00Z"), new Date("2026-11-22T09:00:00.900Z"));
		expect((await queue()).map((draft) => draft.path)).toEqual(["Out/Tie newer.md", "Out/Tie older.md", "Out/No status.md", "Out/No created.md"]);
	});

	it("is empty for a vault without drafts", async () => {
		await vault.write("Out/Approved.md", deliverable("status: approved"));
		expect(await queue()).toEqual([]);
	});
});

describe("REVIEW_BASE", () => {
	interface View {
		type: string;
		name: string;
		filters?: { and: string[] };
		order: string[];
		sort: { property: string; direction: string }[];
	}

	it("is a Bases file: a global filter to deliverables and two table views, the first the drafts newest first", () => {
		expect(REVIEW_BASE_PATH).toBe("Coworker/Review.base");
		const base = YAML.parse(REVIEW_BASE) as { filters: { and: string[] }; properties: Record<string, { displayName: string }>; views: View[] };
		expect(base.filters).toEqual({ and: ['coworker == "deliverable"'] });
		expect(base.views).toHaveLength(2);
		expect(base.views.map((view) => view.type)).toEqual(["table", "table"]);
		const [queueView, all] = base.views;
		expect(queueView?.name).toBe("Review queue");
		expect(queueView?.filters).toEqual({ and: ['status == "draft"'] });
		expect(queueView?.sort).toEqual([{ property: "created", direction: "DESC" }]);
		expect(queueView?.order[0]).toBe("file.name");
		expect(all?.name).toBe("All deliverables");
		expect(all?.filters).toBeUndefined();
		expect(all?.order).toContain("status");
		expect(base.properties["file.name"]?.displayName).toBe("Deliverable");
	});
});
