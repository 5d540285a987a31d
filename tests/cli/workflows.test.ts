/** Workflow notes on their schedule from the command line: an injected clock (`--now`) through weeks, against the fake model server. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hostInZone } from "../helpers/host-zone";
import { readFile, readdir, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { runBuiltCli, runCli } from "../helpers/run-cli";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server";
import { writeModelSettings } from "../helpers/plugin-settings";

let vault: TempVault;
let server: FakeModelServer;

interface RunJson {
	runs: { workflow: string; occurrence: string; status: string; deliverable: string | null; sources: string[]; unresolved_links: number; warnings: string[]; error: string | null }[];
}

function workflowNote(schedule: string, extra = "", body = "Write a short status update."): string {
	return `---\ncoworker: workflow\nschedule: "${schedule}"\nformat: report\noutput: "Reports/{{workflow}} {{date}}.md"\nsources:\n  - "[[Project Alpha]]"\n${extra}---\n${body}\n`;
}

beforeEach(async () => {
	vault = await createTempVault({
		"Projects/Project Alpha.md": "# Project Alpha\n\n## Risks\n- The design review slipped.",
		"Meetings/Old sync.md": "Old decisions.",
		"Meetings/New sync.md": "New decisions.",
	});
	server = await startFakeModelServer({ models: ["test-model"] });
	server.setDefault({ kind: "reply", text: "# Status\n\nAll well, see [[Project Alpha]]." });
	await writeModelSettings(vault.root, server, { requestTimeoutSeconds: 5 });
});

afterEach(async () => {
	await server.close();
	await vault.cleanup();
});

async function runDue(now: string, ...extra: string[]): Promise<RunJson> {
	const result = await runCli("run", "--vault", vault.root, "--due", "--json", "--now", now, ...extra);
	expect([0, 1]).toContain(result.code);
	return JSON.parse(result.stdout) as RunJson;
}

async function deliverables(): Promise<string[]> {
	try {
		return (await readdir(join(vault.root, "Reports"))).sort();
	} catch {
		return [];
	}
}

/** Ticks every `stepHours` from `from` to `to` (ISO, UTC), as a timer on a server would. */
async function tick(from: string, to: string, stepHours: number): Promise<RunJson["runs"]> {
	const runs: RunJson["runs"] = [];
	for (let at = Date.parse(from); at <= Date.parse(to); at += stepHours * 3_600_000) runs.push(...(await runDue(new Date(at).toISOString())).runs);
	return runs;
}

describe("coworker run --due", () => {
	it("runs a weekly schedule once per occurrence, and a second run at the same time says skipped", async () => {
		await vault.write("Workflows/Weekly status.md", workflowNote("DTSTART;TZID=Europe/Berlin:20261102T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO"));
		// The first look starts the clock: nothing from before it runs.
		expect((await runDue("2026-11-01T12:00:00Z")).runs).toEqual([]);
		const runs = await tick("2026-11-01T12:00:00Z", "2026-11-30T12:00:00Z", 6);
		expect(runs.filter((run) => run.status === "ok").map((run) => run.occurrence)).toEqual([
			"2026-11-02T09:00:00+01:00",
			"2026-11-09T09:00:00+01:00",
			"2026-11-16T09:00:00+01:00",
			"2026-11-23T09:00:00+01:00",
			"2026-11-30T09:00:00+01:00",
		]);
		expect(runs.every((run) => run.status === "ok")).toBe(true);
		expect(await deliverables()).toHaveLength(5);

		const again = await runDue("2026-11-30T12:00:00Z");
		expect(again.runs).toEqual([]);
		// A lost ledger does not bring a second deliverable: the vault itself says the occurrence is done.
		await writeFile(join(vault.root, ".obsidian/plugins/ai-coworker/workflow-ledger.json"), "{}");
		await writeFile(join(vault.root, ".obsidian/plugins/ai-coworker/workflow-ledger.json"), JSON.stringify({ version: 1, workflows: { "Workflows/Weekly status.md": { since: Date.parse("2026-11-01T00:00:00Z"), checkedUntil: Date.parse("2026-11-29T00:00:00Z"), lastSuccess: null, occurrences: {} } } }));
		const replay = await runDue("2026-11-30T12:00:00Z");
		expect(replay.runs).toMatchObject([{ status: "skipped", occurrence: "2026-11-30T09:00:00+01:00" }]);
		expect(await deliverables()).toHaveLength(5);

		const note = await readFile(join(vault.root, "Reports", (await deliverables())[0] ?? ""), "utf8");
		expect(note).toContain('workflow: "[[Weekly status]]"');
		expect(note).toContain("occurrence: 2026-11-02T09:00:00+01:00\n");
		expect(note).not.toContain("goal:");
	});

	it("runs monthly on the last Friday in New York time", async () => {
		await vault.write("Workflows/Month end.md", workflowNote("DTSTART;TZID=America/New_York:20261001T160000\\nRRULE:FREQ=MONTHLY;BYDAY=-1FR"));
		await runDue("2026-10-01T00:00:00Z");
		const runs = await tick("2026-10-01T00:00:00Z", "2027-01-31T23:00:00Z", 24);
		expect(runs.map((run) => run.occurrence)).toEqual(["2026-10-30T16:00:00-04:00", "2026-11-27T16:00:00-05:00", "2026-12-25T16:00:00-05:00", "2027-01-29T16:00:00-05:00"]);
	});

	it("runs daily at 02:30 Berlin time across the spring-forward change, at 03:30 on the day 02:30 does not exist", async () => {
		await vault.write("Workflows/Nightly.md", workflowNote("DTSTART;TZID=Europe/Berlin:20270301T023000\\nRRULE:FREQ=DAILY"));
		await runDue("2027-03-26T12:00:00Z");
		const runs = await tick("2027-03-26T12:00:00Z", "2027-03-30T12:00:00Z", 1);
		expect(runs.map((run) => run.occurrence)).toEqual([
			"2027-03-27T02:30:00+01:00",
			"2027-03-28T03:30:00+02:00",
			"2027-03-29T02:30:00+02:00",
			"2027-03-30T02:30:00+02:00",
		]);
		expect(new Set(runs.map((run) => run.status))).toEqual(new Set(["ok"]));
	});

	it("catches up after a closed gap by the workflow's policy: latest, none, all", async () => {
		const weekly = "DTSTART;TZID=UTC:20261102T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO";
		await vault.write("Workflows/Latest.md", workflowNote(weekly, "catch_up: latest\n"));
		await vault.write("Workflows/None.md", workflowNote(weekly, "catch_up: none\n"));
		await vault.write("Workflows/All.md", workflowNote(weekly, "catch_up: all\n"));
		await runDue("2026-11-01T00:00:00Z");
		// Three Mondays pass with no runner; then one tick on the Wednesday.
		const runs = (await runDue("2026-11-18T10:00:00Z")).runs;
		const by = (name: string) => runs.filter((run) => run.workflow === `Workflows/${name}.md`).map((run) => run.occurrence);
		expect(by("Latest")).toEqual(["2026-11-16T09:00:00+00:00"]);
		expect(by("None")).toEqual([]);
		expect(by("All")).toEqual(["2026-11-02T09:00:00+00:00", "2026-11-09T09:00:00+00:00", "2026-11-16T09:00:00+00:00"]);
		const listed = JSON.parse((await runCli("workflows", "--vault", vault.root, "--json", "--now", "2026-11-18T10:00:00Z")).stdout) as { workflows: { path: string; last_run: { status: string } | null }[] };
		expect(listed.workflows.find((w) => w.path === "Workflows/None.md")?.last_run?.status).toBe("skipped");
	});

	it("an outage of three failed runs five minutes apart (503, 500, a dropped connection), then a working model, produces the week's report", async () => {
		await vault.write("Workflows/Flaky.md", workflowNote("DTSTART;TZID=UTC:20261102T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO"));
		await runDue("2026-11-01T00:00:00Z");
		server.enqueue({ kind: "error", status: 503 }, { kind: "error", status: 500 }, { kind: "drop-connection" });
		const lines: string[] = [];
		for (let at = Date.parse("2026-11-02T09:00:00Z"); at <= Date.parse("2026-11-02T09:30:00Z"); at += 5 * 60_000) {
			const time = new Date(at).toISOString();
			for (const run of (await runDue(time)).runs) lines.push(`${time.slice(11, 16)} ${run.status} ${run.occurrence}`);
			if (time.endsWith("09:10:00.000Z")) {
				// Between tries, nothing partial is in the vault, and `coworker workflows` says when the next try is.
				expect(await deliverables()).toEqual([]);
				const listed = JSON.parse((await runCli("workflows", "--vault", vault.root, "--json", "--now", time)).stdout) as { workflows: { last_run: { status: string; next_try: string | null } | null }[] };
				expect(listed.workflows[0]?.last_run).toMatchObject({ status: "failed", next_try: "2026-11-02T09:25:00.000Z" });
			}
		}
		// After the third failure the next try waits 15 minutes, then the occurrence is written, once.
		expect(lines).toEqual([
			"09:00 failed 2026-11-02T09:00:00+00:00",
			"09:05 failed 2026-11-02T09:00:00+00:00",
			"09:10 failed 2026-11-02T09:00:00+00:00",
			"09:25 ok 2026-11-02T09:00:00+00:00",
		]);
		expect(await deliverables()).toEqual(["Flaky 2026-11-02.md"]);
		const note = await readFile(join(vault.root, "Reports", "Flaky 2026-11-02.md"), "utf8");
		expect(note).toContain("occurrence: 2026-11-02T09:00:00+00:00\n");
	});

	it("gives a failed occurrence up when the next one comes, and says so in one sentence in run and workflows", async () => {
		await vault.write("Workflows/Flaky.md", workflowNote("DTSTART;TZID=UTC:20261102T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO"));
		await runDue("2026-11-01T00:00:00Z");
		server.enqueue({ kind: "error", status: 500 });
		expect((await runDue("2026-11-02T09:01:00Z")).runs).toMatchObject([{ status: "failed" }]);
		const sentence = /^The run for Mon 2026-11-02 09:00 was given up after 1 attempt, as the next occurrence came: .*server error.*\.$/;
		const result = await runCli("run", "--vault", vault.root, "--due", "--now", "2026-11-09T09:01:00Z");
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/^failed {2}Workflows\/Flaky\.md @ 2026-11-02T09:00:00\+00:00 — The run for Mon 2026-11-02 09:00 was given up after 1 attempt/m);
		expect(result.stdout).toMatch(/^ok {6}Workflows\/Flaky\.md @ 2026-11-09T09:00:00\+00:00 → Reports\/Flaky 2026-11-09\.md$/m);
		const listed = JSON.parse((await runCli("workflows", "--vault", vault.root, "--json", "--now", "2026-11-09T10:00:00Z")).stdout) as { workflows: { given_up: string | null }[] };
		expect(listed.workflows[0]?.given_up).toMatch(sentence);
		const text = (await runCli("workflows", "--vault", vault.root, "--now", "2026-11-09T10:00:00Z")).stdout;
		expect(text).toMatch(/^ {2}given up: The run for Mon 2026-11-02 09:00 was given up after 1 attempt/m);
		expect((await runDue("2026-11-09T12:00:00Z")).runs).toEqual([]);
	});

	it("files a Monday 00:30 Berlin workflow under Monday on a host in UTC, where it is still Sunday", async () => {
		hostInZone("UTC");
		await vault.write("Workflows/Week ahead.md", workflowNote("DTSTART;TZID=Europe/Berlin:20261102T003000\\nRRULE:FREQ=WEEKLY;BYDAY=MO"));
		await runDue("2026-11-20T00:00:00Z");
		// Monday 2026-11-23 00:30 in Berlin is Sunday 23:30 in UTC.
		const runs = (await runDue("2026-11-22T23:31:00Z")).runs;
		expect(runs).toMatchObject([{ status: "ok", occurrence: "2026-11-23T00:30:00+01:00", deliverable: "Reports/Week ahead 2026-11-23.md" }]);
		const system = (server.chatRequests().at(-1) as { messages: { content: string }[] }).messages[0]?.content ?? "";
		expect(system).toContain("Today is 2026-11-23.");
		expect(system).toContain("This run covers the period from Monday 2026-11-16 00:30 to Monday 2026-11-23 00:30 (Europe/Berlin)");
		const note = await readFile(join(vault.root, "Reports", "Week ahead 2026-11-23.md"), "utf8");
		expect(note).toContain("created: 2026-11-22T23:31:00+00:00");
	});

	it("prints every warning of a run, in text on stderr and in --json", async () => {
		await vault.write("Projects/Secret.md", "---\ncoworker: private\n---\nSalaries.");
		await vault.write("Workflows/Weekly status.md", workflowNote("DTSTART;TZID=UTC:20261102T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO", '  - "[[Secret]]"\n'));
		await runDue("2026-11-01T00:00:00Z");
		const json = await runDue("2026-11-02T09:01:00Z");
		expect(json.runs).toMatchObject([{ status: "ok", warnings: ["Projects/Secret.md is marked coworker: private, so it is never sent to the model; it was left out."] }]);
		const text = await runCli("run", "--vault", vault.root, "--due", "--now", "2026-11-09T09:01:00Z");
		expect(text.code).toBe(0);
		expect(text.stderr).toContain("warning: Workflows/Weekly status.md @ 2026-11-09T09:00:00+00:00: Projects/Secret.md is marked coworker: private");
	});

	it("says a workflow deliverable that stayed cut off at the output limit is cut off, in --json and in text", async () => {
		await vault.write("Workflows/Weekly status.md", workflowNote("DTSTART;TZID=UTC:20261102T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO"));
		await runDue("2026-11-01T00:00:00Z");
		server.setDefault({ kind: "reply", text: "# Status\n\nAll well, and then", finishReason: "length" });
		const json = await runDue("2026-11-02T09:01:00Z");
		expect(json.runs).toMatchObject([{ status: "ok", truncated: true }]);
		const text = await runCli("run", "--vault", vault.root, "--due", "--now", "2026-11-09T09:01:00Z");
		expect(text.stdout).toContain("(cut off at the model's output limit: marked in the note)");
		server.setDefault({ kind: "reply", text: "# Status\n\nAll well." });
		expect((await runDue("2026-11-16T09:01:00Z")).runs).toMatchObject([{ status: "ok", truncated: false }]);
	});

	it("reads only notes changed since the last successful run for changed: since-last-run", async () => {
		await vault.write(
			"Workflows/Digest.md",
			workflowNote("DTSTART;TZID=UTC:20261102T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO", "  - folder: Meetings\n    changed: since-last-run\n"),
		);
		const setMtime = (path: string, iso: string) => utimes(join(vault.root, path), new Date(iso), new Date(iso));
		await setMtime("Meetings/Old sync.md", "2026-10-20T00:00:00Z");
		await setMtime("Meetings/New sync.md", "2026-10-21T00:00:00Z");
		await runDue("2026-11-01T00:00:00Z");
		await runDue("2026-11-02T09:01:00Z");
		const firstRequest = JSON.stringify(server.chatRequests().at(-1));
		expect(firstRequest).toContain("Old decisions.");
		expect(firstRequest).toContain("New decisions.");

		await setMtime("Meetings/New sync.md", "2026-11-05T00:00:00Z");
		await runDue("2026-11-09T09:01:00Z");
		const secondRequest = JSON.stringify(server.chatRequests().at(-1));
		expect(secondRequest).toContain("New decisions.");
		expect(secondRequest).not.toContain("Old decisions.");
		// Last week's deliverable is offered as context.
		expect(secondRequest).toContain("Digest 2026-11-02");
	});
});

describe("pruning the plugin's folder", () => {
	it("run --due removes run records and settled claims older than keepRunRecordsDays, and keeps newer ones", async () => {
		await writeModelSettings(vault.root, server, { keepRunRecordsDays: 30 });
		const plugin = join(vault.root, ".obsidian/plugins/ai-coworker");
		const now = Date.parse("2026-12-31T12:00:00Z");
		await vault.write(".obsidian/plugins/ai-coworker/runs/20261101T090000000Z-ab12.json", "{}");
		await vault.write(".obsidian/plugins/ai-coworker/runs/20261215T090000000Z-cd34.json", "{}");
		await vault.write(".obsidian/plugins/ai-coworker/claims/0011223344556677.json", JSON.stringify({ runner: "cli 1", token: "t", at: now - 40 * 86_400_000, workflow: "Workflows/Gone.md", occurrence: "2026-11-21T09:00:00+00:00" }));
		await vault.write(".obsidian/plugins/ai-coworker/claims/8899aabbccddeeff.json", JSON.stringify({ runner: "cli 1", token: "t", at: now - 5 * 86_400_000 }));
		const result = await runCli("run", "--vault", vault.root, "--due", "--now", new Date(now).toISOString());
		expect(result.code).toBe(0);
		expect(await readdir(join(plugin, "runs"))).toEqual(["20261215T090000000Z-cd34.json"]);
		expect(await readdir(join(plugin, "claims"))).toEqual(["8899aabbccddeeff.json"]);
	});
});

describe("two runners on one vault", () => {
	it("two CLI processes started together produce one deliverable for the occurrence", async () => {
		await vault.write("Workflows/Weekly status.md", workflowNote("DTSTART;TZID=UTC:20261102T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO"));
		await runDue("2026-11-01T00:00:00Z");
		const args = ["run", "--vault", vault.root, "--due", "--json", "--now", "2026-11-02T09:01:00Z"];
		const [a, b] = await Promise.all([runBuiltCli(...args), runBuiltCli(...args)]);
		const statuses = [a, b].flatMap((result) => (JSON.parse(result.stdout) as RunJson).runs.map((run) => run.status));
		// Depending on timing, the second runner finds the occurrence claimed (skipped) or already checked (no run).
		expect(statuses.filter((status) => status === "ok")).toHaveLength(1);
		expect(statuses.filter((status) => status !== "ok" && status !== "skipped")).toEqual([]);
		expect(await deliverables()).toHaveLength(1);
	});
});

describe("coworker workflows", () => {
	it("lists every workflow with its problems, and still runs the valid ones", async () => {
		// "9:00" without a TZID is the host's 9:00: the times below are written for a host in UTC.
		hostInZone("UTC");
		await vault.write("Workflows/Good.md", workflowNote("FREQ=DAILY;BYHOUR=9;BYMINUTE=0"));
		await vault.write("Workflows/Bad format.md", workflowNote("FREQ=DAILY").replace("format: report", "format: poem"));
		await vault.write("Workflows/Bad rule.md", workflowNote("FREQ=SOMETIMES"));
		await vault.write("Workflows/Bad zone.md", workflowNote("DTSTART;TZID=Mars/Olympus:20261102T090000\\nRRULE:FREQ=DAILY"));
		await vault.write("Workflows/Bad source.md", workflowNote("FREQ=DAILY", '  - "[[Nowhere]]"\n  - folder: Nope\n'));
		await vault.write("Workflows/Bad output.md", workflowNote("FREQ=DAILY").replace("{{workflow}} {{date}}", "{{whatever}}"));
		const result = await runCli("workflows", "--vault", vault.root, "--json", "--now", "2026-11-24T10:00:00Z");
		expect(result.code).toBe(0);
		const listed = JSON.parse(result.stdout) as { workflows: { path: string; valid: boolean; problems: string[]; schedule: string | null; next: string[] }[] };
		const byName = Object.fromEntries(listed.workflows.map((w) => [w.path.replace(/^Workflows\/|\.md$/g, ""), w]));
		expect(byName.Good).toMatchObject({ valid: true, problems: [] });
		expect(byName.Good?.next).toHaveLength(3);
		expect(byName.Good?.schedule).toMatch(/^every day at 9/);
		expect(byName["Bad format"]?.problems).toEqual(['Workflows/Bad format.md: format is "poem"; use one of report, memo, summary, table, slides.']);
		expect(byName["Bad rule"]?.problems[0]).toMatch(/^Workflows\/Bad rule\.md: schedule is not a valid RRULE/);
		expect(byName["Bad zone"]?.problems[0]).toMatch(/time zone "Mars\/Olympus"/);
		expect(byName["Bad source"]?.problems).toEqual([
			'Workflows/Bad source.md: sources[2] names "[[Nowhere]]", which is no note or file in the vault.',
			'Workflows/Bad source.md: sources[3] the folder "Nope" does not exist.',
		]);
		expect(byName["Bad output"]?.problems[0]).toMatch(/output .*\{\{whatever\}\} is not a placeholder/);
		for (const name of ["Bad format", "Bad rule", "Bad zone", "Bad source", "Bad output"]) expect(byName[name]?.valid).toBe(false);

		await runDue("2026-11-24T08:00:00Z");
		const runs = (await runDue("2026-11-24T09:05:00Z")).runs;
		expect(runs.map((run) => run.workflow)).toEqual(["Workflows/Good.md"]);
	});

	it("runs a named workflow now, and refuses a note that is not one", async () => {
		await vault.write("Workflows/Weekly status.md", workflowNote("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9"));
		const result = await runCli("run", "--vault", vault.root, "--json", "Workflows/Weekly status.md");
		expect(result.code).toBe(0);
		expect((JSON.parse(result.stdout) as RunJson).runs).toMatchObject([{ status: "ok", workflow: "Workflows/Weekly status.md" }]);
		const refused = await runCli("run", "--vault", vault.root, "Projects/Project Alpha.md");
		expect(refused.code).toBe(2);
		expect(refused.stderr).toMatch(/is not a workflow note/);
		expect((await runCli("run", "--vault", vault.root)).code).toBe(2);
		expect((await runCli("run", "--vault", vault.root, "--due", "--now", "yesterday")).code).toBe(2);
	});
});
