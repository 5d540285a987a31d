/** prunePrivateData over a real plugin folder: old run records, settled claims and ledger history go; what may still be needed stays. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readdir, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { createTempVault, type TempVault } from "../../helpers/temp-vault";
import { NodeFileStore } from "../../../src/cli/node-file-store";
import { RunLog, runIdAt, runStartOfKey } from "../../../src/core/ledger/run-log";
import { WorkflowLedger } from "../../../src/core/workflow/workflow-ledger";
import { OccurrenceClaims, claimKey } from "../../../src/core/workflow/occurrence-claims";
import { prunePrivateData, type PrivateData } from "../../../src/core/ledger/prune-private-data";
import type { RunRecord } from "../../../src/core/ledger/run-record";

const DAY = 86_400_000;
const NOW = Date.parse("2027-03-01T12:00:00Z");
const PATH = "Workflows/Weekly.md";
const OLD_OK = "2026-11-02T09:00:00+01:00";
const OLD_RETRYING = "2026-11-09T09:00:00+01:00";
const OLD_GIVEN_UP = "2026-11-16T09:00:00+01:00";
const RECENT = "2027-02-22T09:00:00+01:00";

let vault: TempVault;
let clock: number;
let folder: string;

beforeEach(async () => {
	vault = await createTempVault();
	folder = join(vault.root, "plugin");
	clock = NOW;
});

afterEach(async () => {
	await vault.cleanup();
});

function data(): PrivateData {
	return {
		runLog: new RunLog(new NodeFileStore(join(folder, "runs"))),
		claims: new OccurrenceClaims(new NodeFileStore(join(folder, "claims")), { runner: "test", now: () => clock, sleep: () => Promise.resolve(), settleMs: 0 }),
		ledger: new WorkflowLedger(new NodeFileStore(folder)),
		state: new NodeFileStore(folder),
	};
}

async function addRun(d: PrivateData, startedMs: number): Promise<string> {
	const record = { id: runIdAt(startedMs), startedAt: new Date(startedMs).toISOString() } as RunRecord;
	await d.runLog.add(record);
	return RunLog.keyOf(record);
}

async function claimAt(d: PrivateData, occurrence: string, at: number): Promise<void> {
	clock = at;
	expect(await d.claims.claim(PATH, occurrence)).toBe(true);
	clock = NOW;
}

const files = async (sub: string): Promise<string[]> => (await readdir(join(folder, sub)).catch(() => [])).sort();

describe("prunePrivateData", () => {
	it("reads a run's start from its record key alone", () => {
		const at = Date.parse("2026-11-24T09:30:00.123Z");
		expect(runStartOfKey(`${runIdAt(at)}.json`)).toBe(at);
		expect(runStartOfKey("notes.json")).toBeNull();
	});

	it("removes run records older than the window, and keeps newer ones and files that are no run record", async () => {
		const d = data();
		const old = await addRun(d, NOW - 91 * DAY);
		const kept = await addRun(d, NOW - 89 * DAY);
		await writeFile(join(folder, "runs", "README.json"), "{}");
		expect(await prunePrivateData(d, NOW, 90)).toMatchObject({ runRecords: 1 });
		expect(await files("runs")).toEqual([kept, "README.json"].sort());
		expect(await files("runs")).not.toContain(old);
	});

	it("removes old claims once their occurrence is settled, keeps one still being retried, and keeps recent and unreadable ones", async () => {
		const d = data();
		await d.ledger.update(PATH, NOW - 200 * DAY, (entry) => {
			entry.occurrences[OLD_OK] = { status: "ok", attempts: 1, deliverable: "Reports/a.md", error: null, at: NOW - 100 * DAY };
			entry.occurrences[OLD_RETRYING] = { status: "failed", attempts: 3, deliverable: null, error: "500", at: NOW - 95 * DAY, nextTryAt: NOW };
			entry.occurrences[OLD_GIVEN_UP] = { status: "failed", attempts: 9, deliverable: null, error: "given up", at: NOW - 95 * DAY, givenUp: true };
		});
		await claimAt(d, OLD_OK, NOW - 100 * DAY);
		await claimAt(d, OLD_RETRYING, NOW - 95 * DAY);
		await claimAt(d, OLD_GIVEN_UP, NOW - 95 * DAY);
		await claimAt(d, RECENT, NOW - 7 * DAY);
		// A claim written before claims named their occurrence, and one cut off mid-write.
		await writeFile(join(folder, "claims", "00000000aaaaaaaa.json"), JSON.stringify({ runner: "cli 1", token: "x", at: NOW - 120 * DAY }));
		await writeFile(join(folder, "claims", "00000000bbbbbbbb.json"), '{"runner":');
		expect(await prunePrivateData(d, NOW, 90)).toMatchObject({ claims: 3 });
		expect(await files("claims")).toEqual([claimKey(PATH, OLD_RETRYING), claimKey(PATH, RECENT), "00000000bbbbbbbb.json"].sort());
	});

	it("forgets old ledger occurrences but keeps the last success, checkedUntil and a failed one still being retried", async () => {
		const d = data();
		await d.ledger.update(PATH, NOW - 200 * DAY, (entry) => {
			entry.checkedUntil = NOW;
			entry.lastSuccess = { occurrence: OLD_OK, at: NOW - 100 * DAY, deliverable: "Reports/a.md" };
			entry.occurrences[OLD_OK] = { status: "ok", attempts: 1, deliverable: "Reports/a.md", error: null, at: NOW - 100 * DAY };
			entry.occurrences[OLD_RETRYING] = { status: "failed", attempts: 3, deliverable: null, error: "500", at: NOW - 95 * DAY, nextTryAt: NOW };
			entry.occurrences[OLD_GIVEN_UP] = { status: "failed", attempts: 9, deliverable: null, error: "given up", at: NOW - 95 * DAY, givenUp: true };
			entry.occurrences[RECENT] = { status: "ok", attempts: 1, deliverable: "Reports/b.md", error: null, at: NOW - 7 * DAY };
		});
		expect(await prunePrivateData(d, NOW, 90)).toMatchObject({ occurrences: 2 });
		const entry = await d.ledger.entry(PATH);
		expect(Object.keys(entry?.occurrences ?? {}).sort()).toEqual([OLD_RETRYING, RECENT]);
		expect(entry?.lastSuccess).toEqual({ occurrence: OLD_OK, at: NOW - 100 * DAY, deliverable: "Reports/a.md" });
		expect(entry?.checkedUntil).toBe(NOW);
	});

	it("prunes at most once a day, and counts the window from the setting", async () => {
		const d = data();
		await addRun(d, NOW - 10 * DAY);
		expect(await prunePrivateData(d, NOW, 30)).toEqual({ runRecords: 0, claims: 0, occurrences: 0 });
		expect(await prunePrivateData(d, NOW + DAY - 1, 5)).toBeNull();
		expect(await files("runs")).toHaveLength(1);
		expect(await prunePrivateData(d, NOW + DAY, 5)).toEqual({ runRecords: 1, claims: 0, occurrences: 0 });
		expect(await files("runs")).toEqual([]);
	});

	it("copes with a plugin folder that has nothing yet", async () => {
		await mkdir(folder, { recursive: true });
		expect(await prunePrivateData(data(), NOW, 90)).toEqual({ runRecords: 0, claims: 0, occurrences: 0 });
	});
});
