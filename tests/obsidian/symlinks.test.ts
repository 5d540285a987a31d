// @vitest-environment happy-dom
/**
 * Symbolic links in the app, on real links in a temporary vault folder (the double's FileSystemAdapter is Node's fs
 * there, and its vault follows links as Obsidian's does): a link is the note it points to, and a link or linked folder
 * that leaves the vault is never read or written through. The marker is in no request the model receives.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type CoworkerPlugin from "../../src/obsidian/main";
import type { TaskRequest } from "../../src/core/run/run-task";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { writeModelSettings } from "../helpers/plugin-settings";
import { clearNotices, createFakeApp } from "../helpers/fake-obsidian-app";
import { startCoworker, stopCoworker } from "../helpers/start-coworker";
import { ObsidianNoteEditor } from "../../src/obsidian/adapters/obsidian-note-editor";
import { VaultRealPaths } from "../../src/obsidian/adapters/vault-real-paths";

const MARKER = "MARKER-5c0e27d9-linked";

let vault: TempVault;
let outside: string;
let server: FakeModelServer;
let plugin: CoworkerPlugin | undefined;

beforeEach(async () => {
	vault = await createTempVault({ "Projects/Project Alpha.md": "# Project Alpha\n\n## Risks\n- The design review slipped." });
	outside = await mkdtemp(join(tmpdir(), "coworker-outside-"));
	await writeFile(join(outside, "passwd.md"), `root:x:0:0:${MARKER}\n`);
	await mkdir(join(outside, "Linked"));
	await writeFile(join(outside, "Linked", "Note.md"), `# Linked\n${MARKER}\n`);
	server = await startFakeModelServer({ models: ["test-model"] });
	server.setDefault({ kind: "reply", text: "# Status\n\nAll well, see [[Project Alpha]]." });
});

afterEach(async () => {
	if (plugin) await stopCoworker(plugin);
	plugin = undefined;
	clearNotices();
	await server.close();
	await vault.cleanup();
	await rm(outside, { recursive: true, force: true });
});

async function start(): Promise<CoworkerPlugin> {
	return startCoworker(createFakeApp(vault.root), (loaded) => (plugin = loaded));
}

function request(goal: string, sources: TaskRequest["sources"], agentMode = false): TaskRequest {
	return { goal, format: "report", sources, useMemory: false, agentMode, trigger: "command" };
}

/** The marker is in no request of any kind the fake model server received, and some request was made. */
function expectMarkerNeverSent(): void {
	expect(server.chatRequests().length).toBeGreaterThan(0);
	for (const recorded of server.requests) expect(JSON.stringify(recorded)).not.toContain(MARKER);
}

describe("symbolic links in the app", () => {
	it("a link inside the vault to a private note or an excluded folder's note is that note, named, by folder, by search and by the agent", async () => {
		await vault.write("Private/Board.md", `---\ncoworker: private\n---\n# Board\nzeppelin ${MARKER}\n`);
		await vault.write("Secret/Pay.md", `# Pay\nzeppelin ${MARKER}\n`);
		await symlink(join(vault.root, "Private", "Board.md"), join(vault.root, "Projects", "Board link.md"));
		await symlink(join(vault.root, "Secret", "Pay.md"), join(vault.root, "Projects", "Pay link.md"));
		await writeModelSettings(vault.root, server, { excludedFolders: ["Secret"] });
		const loaded = await start();
		expect(loaded.indexSync.index.searchNotes("zeppelin", 10)).toEqual([]);

		const named = await loaded.taskRunner.run(request("Summarise the projects", [{ kind: "note", path: "Projects/Pay link.md" }, { kind: "note", path: "Projects/Board link.md" }, { kind: "note", path: "Projects/Project Alpha.md" }]), false);
		expect(named?.status).toBe("ok");
		expect(named?.warnings).toContain("Projects/Pay link.md is a symbolic link to a note in a folder excluded in the settings, so it is never sent to the model; it was left out.");
		expect(named?.sources).toEqual(["Projects/Project Alpha.md"]);

		const broad = await loaded.taskRunner.run(request("Summarise the zeppelin projects", [{ kind: "folder", path: "Projects" }, { kind: "search", query: "zeppelin" }]), false);
		expect(broad?.status).toBe("ok");
		expect(broad?.sources).toEqual(["Projects/Project Alpha.md"]);

		server.enqueue({ kind: "tool-calls", calls: [{ name: "read_note", arguments: { path: "Projects/Pay link.md" } }] }, { kind: "reply", text: "# Done\n\nNothing found." });
		const agent = await loaded.taskRunner.run(request("Find the pay figures", [], true), false);
		expect(agent?.status).toBe("ok");
		expectMarkerNeverSent();
		// The agent learns that the link was refused, not the excluded note's name.
		expect(JSON.stringify(server.requests)).toContain("Projects/Pay link.md");
		expect(JSON.stringify(server.requests)).not.toContain("Secret/Pay");
	});

	it("never reads a link or linked folder that leaves the vault (Public/passwd.md -> a file outside), and says so naming the file", async () => {
		await mkdir(join(vault.root, "Public"));
		await symlink(join(outside, "passwd.md"), join(vault.root, "Public", "passwd.md"));
		await symlink(join(outside, "Linked"), join(vault.root, "Linked"));
		await writeModelSettings(vault.root, server);
		const loaded = await start();
		expect(loaded.indexSync.index.searchNotes("root", 10)).toEqual([]);

		const named = await loaded.taskRunner.run(request("Summarise", [{ kind: "note", path: "Public/passwd.md" }, { kind: "note", path: "Projects/Project Alpha.md" }]), false);
		expect(named?.status).toBe("failed");
		expect(named?.error).toContain("Public/passwd.md (note Public/passwd.md) is a symbolic link (or lies in a linked folder) that leaves the vault or leads into a hidden folder, so it is not read.");

		const broad = await loaded.taskRunner.run(request("Summarise the linked notes", [{ kind: "folder", path: "Linked" }, { kind: "folder", path: "Public" }, { kind: "note", path: "Projects/Project Alpha.md" }]), false);
		expect(broad?.status).toBe("ok");
		expect(broad?.sources).toEqual(["Projects/Project Alpha.md"]);
		expectMarkerNeverSent();
	});

	it("never writes a workflow's deliverable through a linked output folder that leaves the vault", async () => {
		await symlink(join(outside, "Linked"), join(vault.root, "Reports"));
		await vault.write("Workflows/Weekly status.md", `---\ncoworker: workflow\noutput: "Reports/{{workflow}} {{date}}.md"\nsources:\n  - "[[Project Alpha]]"\n---\nWrite a short status update.\n`);
		await writeModelSettings(vault.root, server, { schedulesPaused: true });
		const loaded = await start();
		const workflow = await loaded.workflows.workflowAt("Workflows/Weekly status.md");
		if (!workflow?.workflow) throw new Error(`the workflow did not parse: ${JSON.stringify(workflow?.problems)}`);
		const report = await loaded.workflows.runNow(workflow.workflow);
		expect(report.status).toBe("failed");
		expect(JSON.stringify(report)).toMatch(/Reports\/Weekly status [^"]*\.md lies in a linked folder that leaves the vault/);
		expect(await readdir(join(outside, "Linked"))).toEqual(["Note.md"]);
	});

	it("never edits a note (approval, a lesson) through a link that leaves the vault", async () => {
		const deliverable = `---\ncoworker: deliverable\nstatus: draft\n---\n# Status\n${MARKER}\n`;
		await writeFile(join(outside, "Status.md"), deliverable);
		await mkdir(join(vault.root, "Reports"));
		await symlink(join(outside, "Status.md"), join(vault.root, "Reports", "Status.md"));
		await writeModelSettings(vault.root, server);
		const fake = createFakeApp(vault.root);
		await startCoworker(fake, (loaded) => (plugin = loaded));
		const editor = new ObsidianNoteEditor(fake.app.vault, fake.app.fileManager, new VaultRealPaths(fake.app.vault));
		await expect(editor.setProperties("Reports/Status.md", { status: "approved" })).rejects.toThrow("Reports/Status.md is a symbolic link (or lies in a linked folder) that leaves the vault or leads into a hidden folder; it is not changed");
		await expect(editor.process("Reports/Status.md", (text) => `${text}\n## Lessons\n`)).rejects.toThrow(/leaves the vault/);
		expect(await readFile(join(outside, "Status.md"), "utf8")).toBe(deliverable);
	});
});
