/** findDeliverable: the vault itself says an occurrence is done, whatever the ledger says. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempVault, type TempVault } from "../../helpers/temp-vault";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { LinkResolver } from "../../../src/core/notes/link-resolver";
import { findDeliverable, staticFolderOf } from "../../../src/core/workflow/deliverable-finder";
import type { VaultReader } from "../../../src/core/ports/vault-reader";

const WORKFLOW = "Workflows/Weekly status.md";
const TEMPLATE = "Reports/{{workflow}} {{date}}";
const OCCURRENCE = "2026-11-23T09:00:00+01:00";

function deliverable(workflow: string, occurrence: string, extra = ""): string {
	return `---\ncoworker: deliverable\nworkflow: ${workflow}\noccurrence: ${occurrence}\nstatus: draft\n${extra}---\n# Status\n\nAll well.\n`;
}

describe("staticFolderOf", () => {
	it("is the folder part of the template before its first placeholder", () => {
		expect(staticFolderOf("Reports/{{workflow}} {{date}}")).toBe("Reports");
		expect(staticFolderOf("Reports/{{date}}/x")).toBe("Reports");
		expect(staticFolderOf("Work/Reports/Weekly {{date}}.md")).toBe("Work/Reports");
		expect(staticFolderOf("Work/Reports/Fixed name")).toBe("Work/Reports");
		expect(staticFolderOf("Reports/{{workflow}}/{{date}}")).toBe("Reports");
	});

	it("is the vault root when the placeholder comes before any slash", () => {
		expect(staticFolderOf("{{workflow}} {{date}}")).toBe("");
		expect(staticFolderOf("{{date}}/Reports/x")).toBe("");
		expect(staticFolderOf("Re{{date}}/x")).toBe("");
		expect(staticFolderOf("Plain name")).toBe("");
		expect(staticFolderOf("")).toBe("");
	});
});

describe("findDeliverable", () => {
	let vault: TempVault;
	let reader: NodeVaultReader;
	let links: LinkResolver;

	beforeAll(async () => {
		vault = await createTempVault({
			[WORKFLOW]: "---\ncoworker: workflow\n---\nWrite it.",
			"Workflows/Daily digest.md": "---\ncoworker: workflow\n---\nDigest.",
			"Archive/Old/Weekly status.md": "An unrelated note with the same name.",
			"Reports/Weekly status 2026-11-16.md": deliverable('"[[Weekly status]]"', '"2026-11-16T09:00:00+01:00"'),
			"Reports/Weekly status 2026-11-23.md": deliverable('"[[Workflows/Weekly status|Weekly status]]"', `"${OCCURRENCE}"`),
			"Reports/Unquoted.md": deliverable('"[[Weekly status]]"', "2026-11-30T09:00:00+01:00"),
			"Reports/Digest 2026-11-23.md": deliverable('"[[Daily digest]]"', '"2026-12-07T09:00:00+01:00"'),
			"Reports/Not a deliverable.md": deliverable('"[[Weekly status]]"', '"2026-12-14T09:00:00+01:00"').replace("coworker: deliverable", "coworker: note"),
			"Reports/No frontmatter.md": "occurrence: 2026-12-21T09:00:00+01:00 workflow: [[Weekly status]]",
			"Elsewhere/Weekly status 2026-12-28.md": deliverable('"[[Weekly status]]"', '"2026-12-28T09:00:00+01:00"'),
			"Reports/Z form.md": deliverable('"[[Weekly status]]"', '"2027-01-04T08:00:00Z"'),
			"Reports/Sub/Nested.md": deliverable('"[[Weekly status]]"', '"2027-01-11T09:00:00+01:00"'),
			"Reports/Broken.md": '---\ncoworker: deliverable\nworkflow: "[[Weekly status]]"\noccurrence: "2027-01-18T09:00:00+01:00"\nsources: [\n---\nBody.',
		});
		reader = new NodeVaultReader(vault.root);
		links = new LinkResolver(await reader.listAllFiles());
	});

	afterAll(async () => {
		await vault.cleanup();
	});

	const find = (occurrence: string, workflow = WORKFLOW, template = TEMPLATE): Promise<string | null> => findDeliverable(reader, links, workflow, template, occurrence);

	it("finds the note whose properties name this workflow by link and this occurrence", async () => {
		expect(await find(OCCURRENCE)).toBe("Reports/Weekly status 2026-11-23.md");
		expect(await find("2026-11-16T09:00:00+01:00")).toBe("Reports/Weekly status 2026-11-16.md");
	});

	it("finds an occurrence written as a YAML timestamp without quotes", async () => {
		expect(await find("2026-11-30T09:00:00+01:00")).toBe("Reports/Unquoted.md");
	});

	it("compares occurrences as instants: a deliverable written in +01:00 is found by the same instant in another form", async () => {
		// Same wall-time prefix, so the quick text test passes and the instant comparison decides.
		expect(await find("2026-11-23T09:00:00.000+01:00")).toBe("Reports/Weekly status 2026-11-23.md");
	});

	// Regression test (a bug found and fixed while issue 4 was built): findDeliverable skips any note whose text lacks the first 16 characters of the asked occurrence before
	// comparing instants, so the same instant written as "…T08:00:00Z" and asked as "…T09:00:00+01:00" (or the
	// other way round) is never found.
	it("finds the same instant whether the note says Z and the question +01:00, or the other way round", async () => {
		expect(await find("2027-01-04T09:00:00+01:00")).toBe("Reports/Z form.md");
		expect(await find("2026-11-23T08:00:00Z")).toBe("Reports/Weekly status 2026-11-23.md");
	});

	it("finds a deliverable in a subfolder of the output folder", async () => {
		expect(await find("2027-01-11T09:00:00+01:00")).toBe("Reports/Sub/Nested.md");
	});

	it("ignores other occurrences of the workflow", async () => {
		expect(await find("2026-11-23T10:00:00+01:00")).toBeNull();
		expect(await find("2026-11-24T09:00:00+01:00")).toBeNull();
	});

	it("ignores deliverables of other workflows, and a link that resolves to another note", async () => {
		expect(await find("2026-12-07T09:00:00+01:00")).toBeNull();
		expect(await find("2026-12-07T09:00:00+01:00", "Workflows/Daily digest.md")).toBe("Reports/Digest 2026-11-23.md");
		expect(await find(OCCURRENCE, "Archive/Old/Weekly status.md")).toBeNull();
	});

	it("ignores notes that are not deliverables, or have no frontmatter, or broken frontmatter", async () => {
		expect(await find("2026-12-14T09:00:00+01:00")).toBeNull();
		expect(await find("2026-12-21T09:00:00+01:00")).toBeNull();
		expect(await find("2027-01-18T09:00:00+01:00")).toBeNull();
	});

	it("looks only under the template's static folder; a template at the root looks everywhere", async () => {
		expect(await find("2026-12-28T09:00:00+01:00")).toBeNull();
		expect(await find("2026-12-28T09:00:00+01:00", WORKFLOW, "{{workflow}} {{date}}")).toBe("Elsewhere/Weekly status 2026-12-28.md");
		expect(await find("2026-12-28T09:00:00+01:00", WORKFLOW, "Elsewhere/{{date}}")).toBe("Elsewhere/Weekly status 2026-12-28.md");
	});

	it("skips a note it cannot read", async () => {
		const flaky: VaultReader = {
			listMarkdownFiles: () => reader.listMarkdownFiles(),
			read: (path) => (path === "Reports/Weekly status 2026-11-16.md" ? Promise.reject(new Error("EACCES")) : reader.read(path)),
			readBinary: (path) => reader.readBinary(path),
		};
		expect(await findDeliverable(flaky, links, WORKFLOW, TEMPLATE, "2026-11-16T09:00:00+01:00")).toBeNull();
		expect(await findDeliverable(flaky, links, WORKFLOW, TEMPLATE, OCCURRENCE)).toBe("Reports/Weekly status 2026-11-23.md");
	});
});
