/** Every route to a private or excluded note, tried from the command line with a unique marker: it is in no request the model receives. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { runCli } from "../helpers/run-cli";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { writeModelSettings } from "../helpers/plugin-settings";

const MARKER = "MARKER-7f3a91c2-private";

let vault: TempVault;
let server: FakeModelServer;

beforeEach(async () => {
	vault = await createTempVault({ "Projects/Project Alpha.md": "# Project Alpha\n\n## Risks\n- The design review slipped." });
	server = await startFakeModelServer({ models: ["test-model"] });
	server.setDefault({ kind: "reply", text: "# Status\n\nAll well, see [[Project Alpha]]." });
	await writeModelSettings(vault.root, server);
});

afterEach(async () => {
	await server.close();
	await vault.cleanup();
});

const read = (path: string): Promise<string> => readFile(join(vault.root, path), "utf8");

/** The marker is in no request of any kind the fake model server received. */
function expectMarkerNeverSent(): void {
	for (const request of server.requests) expect(JSON.stringify(request)).not.toContain(MARKER);
}

const WORKFLOW = `---
coworker: workflow
output: "Reports/{{workflow}} {{date}}.md"
sources:
  - "[[Project Alpha]]"
---
Write a short status update.
`;

describe("through an older reference", () => {
	const cases: Record<string, { path: string; text: string }> = {
		"marked private since": { path: "Workflows/Weekly status.md", text: `---\ncoworker: private\n---\n${MARKER} salaries.\n` },
		"no longer a workflow note": { path: "Workflows/Weekly status.md", text: `# Weekly status\n\n${MARKER} salaries.\n` },
		"private with a YAML error": { path: "Workflows/Weekly status.md", text: `---\ntitle: Board: memo\ncoworker: private\n---\n${MARKER}\n` },
	};
	for (const [shape, { path, text }] of Object.entries(cases)) {
		it(`review --feedback --revise on a deliverable whose workflow is ${shape} neither sends nor edits it`, async () => {
			await vault.write("Workflows/Weekly status.md", WORKFLOW);
			const run = await runCli("run", "--vault", vault.root, "--json", "--now", "2026-11-02T09:01:00Z", "Workflows/Weekly status.md");
			expect(run.code, run.stderr).toBe(0);
			const deliverable = (JSON.parse(run.stdout) as { runs: { deliverable: string }[] }).runs[0]?.deliverable ?? "";
			const before = await read(deliverable);
			await vault.write(path, text);
			const result = await runCli("review", "--vault", vault.root, "--feedback", "Lead with the decisions.", "--revise", deliverable);
			expect(result.code).not.toBe(0);
			expect(result.stderr).toMatch(/The workflow Workflows\/Weekly status\.md of .+ (is marked coworker: private|is no longer a workflow note).*nothing was changed/);
			expect(await read(path)).toBe(text);
			expect(await read(deliverable)).toBe(before);
			expectMarkerNeverSent();
		});
	}

	it("a revision's sources pass the privacy check: a source since marked private is left out", async () => {
		const delegate = await runCli("delegate", "--vault", vault.root, "--json", "--source", "Projects/Project Alpha.md", "Status of Project Alpha");
		expect(delegate.code, delegate.stderr).toBe(0);
		const deliverable = (JSON.parse(delegate.stdout) as { deliverable: string }).deliverable;
		await vault.write("Projects/Project Alpha.md", `---\ncoworker: private\n---\n# Project Alpha\n${MARKER}\n`);
		const result = await runCli("review", "--vault", vault.root, "--feedback", "Lead with the decisions.", "--revise", deliverable);
		expect(result.code, result.stderr).toBe(0);
		expect(server.chatRequests()).toHaveLength(2);
		expectMarkerNeverSent();
	});
});

describe("when the frontmatter is imperfect", () => {
	const shapes: Record<string, string> = {
		"a YAML error elsewhere": `---\ntitle: Board: memo\ncoworker: private\n---\n${MARKER} salaries board\n`,
		"a duplicate key": `---\ncoworker: private\ncoworker: private\n---\n${MARKER} salaries board\n`,
		"a BOM before ---": `\uFEFF---\ncoworker: private\n---\n${MARKER} salaries board\n`,
		"frontmatter longer than the size limit": `---\ncoworker: deliverable\nnotes: "${"x".repeat(1500)}"\ncoworker: private\n---\n${MARKER} salaries board\n`,
	};
	for (const [shape, text] of Object.entries(shapes)) {
		it(`a private note with ${shape} is sent by no source (named, folder, search)`, async () => {
			await vault.write("Private/Board.md", text);
			await writeModelSettings(vault.root, server, { maxNoteBytes: 1000 });
			for (const source of [["--source", "Private/Board.md"], ["--folder", "Private"], ["--search", "salaries board"]]) {
				await runCli("delegate", "--vault", vault.root, "--json", ...source, "--source", "Projects/Project Alpha.md", "Summarise the board notes");
			}
			expect(server.chatRequests().length).toBeGreaterThan(0);
			expectMarkerNeverSent();
			expect(await read("Private/Board.md")).toBe(text);
		});
	}

	it("a BOM'd deliverable can still be approved", async () => {
		const delegate = await runCli("delegate", "--vault", vault.root, "--json", "--source", "Projects/Project Alpha.md", "Status of Project Alpha");
		const deliverable = (JSON.parse(delegate.stdout) as { deliverable: string }).deliverable;
		await vault.write(deliverable, `\uFEFF${await read(deliverable)}`);
		const result = await runCli("review", "--vault", vault.root, "--approve", deliverable);
		expect(result.code, result.stderr).toBe(0);
		expect(await read(deliverable)).toContain("status: approved");
	});
});

describe("through settings", () => {
	const bad: Record<string, string> = {
		"excludedFolders as a string": JSON.stringify({ excludedFolders: "Private" }),
		"null in excludedFolders": JSON.stringify({ excludedFolders: ["Private", null] }),
		"a number in excludedTags": JSON.stringify({ excludedFolders: ["Private"], excludedTags: [5] }),
		"a wildcard folder": JSON.stringify({ excludedFolders: ["Priv*"] }),
		"a file that is null": "null",
		"a file that is []": "[]",
		"a file that is 5": "5",
	};
	for (const [shape, data] of Object.entries(bad)) {
		it(`data.json with ${shape} stops the command with one sentence naming the field; nothing is sent`, async () => {
			await vault.write("Private/Pay.md", `# Pay\n${MARKER}\n`);
			await vault.write(".obsidian/plugins/ai-coworker/data.json", data);
			const result = await runCli("delegate", "--vault", vault.root, "--base-url", server.baseUrl, "--model", "test-model", "--folder", "Private", "Summarise pay");
			expect(result.code).not.toBe(0);
			expect(result.stderr).toMatch(/data\.json.*(excludedFolders|excludedTags|exclusions cannot be known)/);
			expect(result.stderr.trim().split("\n")).toHaveLength(1);
			expectMarkerNeverSent();
		});
	}

	for (const spelling of ["Private", "Private/", "./Private", "/Private", "Private\\", "Private/*", "  Private  "]) {
		it(`the excluded folder written "${spelling}" keeps its notes out of a run`, async () => {
			await vault.write("Private/Pay.md", `# Pay\n${MARKER}\n`);
			await writeModelSettings(vault.root, server, { excludedFolders: [spelling] });
			const result = await runCli("delegate", "--vault", vault.root, "--source", "Private/Pay.md", "--folder", "Private", "--source", "Projects/Project Alpha.md", "Summarise pay");
			expect(result.code, result.stderr).toBe(0);
			expect(server.chatRequests()).toHaveLength(1);
			expectMarkerNeverSent();
		});
	}
});

describe("through symlinks", () => {
	let outside: string;
	beforeEach(async () => {
		outside = await mkdtemp(join(tmpdir(), "coworker-outside-"));
		await writeFile(join(outside, "passwd.md"), `root:x:0:0:${MARKER}\n`);
		await mkdir(join(outside, "Linked"));
		await writeFile(join(outside, "Linked", "Note.md"), `# Linked\n${MARKER}\n`);
	});
	afterEach(async () => {
		await rm(outside, { recursive: true, force: true });
	});

	it("never reads a linked file or folder that leaves the vault, as a source, a folder or a search hit", async () => {
		await symlink(join(outside, "passwd.md"), join(vault.root, "Projects", "passwd.md"));
		await symlink(join(outside, "Linked"), join(vault.root, "Linked"));
		const named = await runCli("delegate", "--vault", vault.root, "--json", "--source", "Projects/passwd.md", "--source", "Linked/Note.md", "--source", "Projects/Project Alpha.md", "Summarise");
		expect(named.code).not.toBe(0);
		expect(named.stderr + named.stdout).toMatch(/Projects\/passwd\.md .*is a symbolic link .*that leaves the vault/);
		await runCli("delegate", "--vault", vault.root, "--json", "--folder", "Projects", "--folder", "Linked", "--search", "root", "Summarise the projects");
		expect(server.chatRequests().length).toBeGreaterThan(0);
		expectMarkerNeverSent();
	});

	it("a link inside the vault to a private note or an excluded folder's note is that note", async () => {
		await vault.write("Private/Board.md", `---\ncoworker: private\n---\n${MARKER}\n`);
		await vault.write("Secret/Pay.md", `# Pay\n${MARKER}\n`);
		await writeModelSettings(vault.root, server, { excludedFolders: ["Secret"] });
		await symlink(join(vault.root, "Private", "Board.md"), join(vault.root, "Projects", "Board link.md"));
		await symlink(join(vault.root, "Secret", "Pay.md"), join(vault.root, "Projects", "Pay link.md"));
		for (const link of ["Projects/Board link.md", "Projects/Pay link.md"]) {
			await runCli("delegate", "--vault", vault.root, "--json", "--source", link, "--source", "Projects/Project Alpha.md", "Summarise the projects");
		}
		const folder = await runCli("delegate", "--vault", vault.root, "--json", "--folder", "Projects", "Summarise the projects");
		expect(folder.code, folder.stderr).toBe(0);
		expect(server.chatRequests().length).toBeGreaterThan(0);
		expectMarkerNeverSent();
	});

	it("never writes a workflow's deliverable through a linked output folder that leaves the vault", async () => {
		await symlink(join(outside, "Linked"), join(vault.root, "Reports"));
		await vault.write("Workflows/Weekly status.md", WORKFLOW);
		const run = await runCli("run", "--vault", vault.root, "--json", "--now", "2026-11-02T09:01:00Z", "Workflows/Weekly status.md");
		expect(run.code).not.toBe(0);
		expect(run.stdout + run.stderr).toMatch(/linked folder that leaves the vault/);
		expect(await readdir(join(outside, "Linked"))).toEqual(["Note.md"]);
	});
});

describe("through the cache and the tools", () => {
	it("the index cache holds neither the title nor the text of a private note", async () => {
		await vault.write("Private/Board.md", `---\ntitle: ${MARKER} title\ncoworker: private\n---\n# ${MARKER} heading\n${MARKER} text\n`);
		await vault.write("Private/Broken.md", `---\ntitle: ${MARKER}: broken\ncoworker: private\n---\n${MARKER}\n`);
		const result = await runCli("index", "--vault", vault.root);
		expect(result.code, result.stderr).toBe(0);
		const folder = join(vault.root, ".obsidian/plugins/ai-coworker");
		const names = (await readdir(folder)).filter((name) => name.startsWith("index-cache"));
		const cache = (await Promise.all(names.map((name) => readFile(join(folder, name), "utf8")))).join("\n");
		expect(cache).toContain("Private/Board.md");
		expect(cache).not.toContain(MARKER);
	});

	it("an edit that keeps size and mtime cannot keep a private note's old text searchable by the agent's tools", async () => {
		const path = "Projects/Board.md";
		const before = "# Board\nzeppelin hangar lease terms are agreed, and the zeppelin hangar is ours.\n";
		await vault.write(path, before);
		expect((await runCli("index", "--vault", vault.root)).code).toBe(0);
		const { mtime } = await stat(join(vault.root, path));
		const secret = `---\ncoworker: private\n---\nzeppelin ${MARKER}\n`;
		const after = secret + "x".repeat(Buffer.byteLength(before) - Buffer.byteLength(secret));
		expect(Buffer.byteLength(after)).toBe(Buffer.byteLength(before));
		await writeFile(join(vault.root, path), after);
		await utimes(join(vault.root, path), mtime, mtime);

		const search = await runCli("search", "--vault", vault.root, "--json", "zeppelin hangar");
		expect(search.stdout).not.toContain(MARKER);
		expect(search.stdout).not.toContain(path);
		server.enqueue(
			{ kind: "tool-calls", calls: [{ name: "search_notes", arguments: { query: "zeppelin hangar lease" } }] },
			{ kind: "tool-calls", calls: [{ name: "read_note", arguments: { path } }] },
			{ kind: "reply", text: "# Done\n\nNothing found." },
		);
		const run = await runCli("delegate", "--vault", vault.root, "--agent", "--source", "Projects/Project Alpha.md", "Find the lease terms");
		expect(run.code, run.stderr).toBe(0);
		expect(server.chatRequests()).toHaveLength(3);
		expectMarkerNeverSent();
		expect(await readFile(join(vault.root, path), "utf8")).toBe(after);
	});
});

describe("lessons go only into a valid workflow or a memory note the coworker may read", () => {
	it("review --remember leaves a private memory note's bytes unchanged and sends nothing of it", async () => {
		const memory = `---\ncoworker: private\n---\n# Memory\n\n## Feedback\n- ${MARKER}\n`;
		await vault.write("Coworker/Memory.md", memory);
		const delegate = await runCli("delegate", "--vault", vault.root, "--json", "--source", "Projects/Project Alpha.md", "Status of Project Alpha");
		expect(delegate.code, delegate.stderr).toBe(0);
		const deliverable = (JSON.parse(delegate.stdout) as { deliverable: string }).deliverable;
		const result = await runCli("review", "--vault", vault.root, "--feedback", "Lead with the decisions.", "--remember", "--revise", deliverable);
		expect(result.code, result.stderr).toBe(0);
		expect(await read("Coworker/Memory.md")).toBe(memory);
		expect(await read(deliverable)).toContain("feedback: Lead with the decisions.");
		expectMarkerNeverSent();
	});
});
