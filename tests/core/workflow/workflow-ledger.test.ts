/** WorkflowLedger: the scheduler's memory per workflow, one JSON file in the store. */
import { beforeEach, describe, expect, it } from "vitest";
import { LEDGER_KEY, WorkflowLedger, type OccurrenceRecord } from "../../../src/core/workflow/workflow-ledger";
import { InMemoryKeyValueStore, type KeyValueStore } from "../../../src/core/ports/key-value-store";

const PATH = "Workflows/Weekly status.md";
const SINCE = Date.parse("2026-11-01T00:00:00Z");

function record(at: number, status: OccurrenceRecord["status"] = "ok"): OccurrenceRecord {
	return { status, attempts: 1, deliverable: status === "ok" ? `Reports/${at}.md` : null, error: null, at };
}

/** Counts writes, and makes each read and write a round trip so unserialised updates would interleave. */
class SlowStore implements KeyValueStore {
	readonly inner = new InMemoryKeyValueStore();
	writes = 0;
	async read(key: string): Promise<string | null> {
		await new Promise((resolve) => setImmediate(resolve));
		return this.inner.read(key);
	}
	async write(key: string, value: string): Promise<void> {
		await new Promise((resolve) => setImmediate(resolve));
		this.writes++;
		await this.inner.write(key, value);
	}
	remove(key: string): Promise<void> {
		return this.inner.remove(key);
	}
	list(): Promise<string[]> {
		return this.inner.list();
	}
	createExclusive(key: string, value: string): Promise<boolean> {
		return this.inner.createExclusive(key, value);
	}
}

let store: SlowStore;
let ledger: WorkflowLedger;

beforeEach(() => {
	store = new SlowStore();
	ledger = new WorkflowLedger(store);
});

describe("WorkflowLedger", () => {
	it("has no entry for a workflow it never saw", async () => {
		expect(await ledger.entry(PATH)).toBeNull();
		expect(await ledger.all()).toEqual({});
	});

	it("update creates the entry from `since`, applies the change, returns it and writes it", async () => {
		const entry = await ledger.update(PATH, SINCE, (e) => {
			e.occurrences["2026-11-02T09:00:00+01:00"] = record(SINCE + 1);
		});
		expect(entry).toEqual({ since: SINCE, checkedUntil: SINCE, lastSuccess: null, occurrences: { "2026-11-02T09:00:00+01:00": record(SINCE + 1) } });
		expect(await ledger.entry(PATH)).toEqual(entry);
		const file = JSON.parse((await store.read(LEDGER_KEY)) ?? "null") as { version: number; workflows: Record<string, unknown> };
		expect(LEDGER_KEY).toBe("workflow-ledger.json");
		expect(file).toEqual({ version: 1, workflows: { [PATH]: entry } });
	});

	it("update keeps an existing entry's `since` and changes only what it is told", async () => {
		await ledger.update(PATH, SINCE, (e) => {
			e.checkedUntil = SINCE + 10;
		});
		const entry = await ledger.update(PATH, SINCE + 999, (e) => {
			e.lastSuccess = { occurrence: "x", at: SINCE + 20, deliverable: "Reports/x.md" };
		});
		expect(entry).toEqual({ since: SINCE, checkedUntil: SINCE + 10, lastSuccess: { occurrence: "x", at: SINCE + 20, deliverable: "Reports/x.md" }, occurrences: {} });
	});

	it("keeps entries of different workflows apart", async () => {
		await ledger.update("A.md", SINCE, (e) => {
			e.checkedUntil = 1;
		});
		await ledger.update("B.md", SINCE + 5, (e) => {
			e.checkedUntil = 2;
		});
		const all = await ledger.all();
		expect(Object.keys(all).sort()).toEqual(["A.md", "B.md"]);
		expect(all["A.md"]?.checkedUntil).toBe(1);
		expect(all["B.md"]?.since).toBe(SINCE + 5);
	});

	it("keeps at most 100 occurrences, dropping the oldest by the time of their last attempt", async () => {
		await ledger.update(PATH, SINCE, (e) => {
			// Keys in an order unlike their times, so the oldest is found by `at`, not by position.
			for (let i = 104; i >= 0; i--) e.occurrences[`occ ${String(i).padStart(3, "0")}`] = record(SINCE + i);
		});
		const entry = await ledger.entry(PATH);
		const keys = Object.keys(entry?.occurrences ?? {}).sort();
		expect(keys).toHaveLength(100);
		expect(keys[0]).toBe("occ 005");
		expect(keys.at(-1)).toBe("occ 104");
	});

	it("drops the oldest one by one as new occurrences come in", async () => {
		for (let i = 0; i < 100; i++) {
			await new WorkflowLedger(store.inner).update(PATH, SINCE, (e) => {
				e.occurrences[`occ ${i}`] = record(SINCE + i);
			});
		}
		expect(Object.keys((await ledger.entry(PATH))?.occurrences ?? {})).toHaveLength(100);
		await ledger.update(PATH, SINCE, (e) => {
			e.occurrences.newest = record(SINCE + 1000, "failed");
		});
		const occurrences = (await ledger.entry(PATH))?.occurrences ?? {};
		expect(Object.keys(occurrences)).toHaveLength(100);
		expect(occurrences["occ 0"]).toBeUndefined();
		expect(occurrences["occ 1"]).toBeDefined();
		expect(occurrences.newest?.status).toBe("failed");
	});

	it("serialises updates from one process: none is lost when many run at once", async () => {
		await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				ledger.update(PATH, SINCE, (e) => {
					e.occurrences[`occ ${i}`] = record(SINCE + i);
				}),
			),
		);
		expect(Object.keys((await ledger.entry(PATH))?.occurrences ?? {})).toHaveLength(20);
	});

	it("a change that throws rejects that update only; later ones still run", async () => {
		const failing = ledger.update(PATH, SINCE, () => {
			throw new Error("boom");
		});
		const next = ledger.update(PATH, SINCE, (e) => {
			e.checkedUntil = SINCE + 1;
		});
		await expect(failing).rejects.toThrow("boom");
		expect((await next).checkedUntil).toBe(SINCE + 1);
	});

	it("rename moves the history to the new path", async () => {
		await ledger.update(PATH, SINCE, (e) => {
			e.occurrences.a = record(SINCE);
		});
		const before = await ledger.entry(PATH);
		await ledger.rename(PATH, "Archive/Weekly status.md");
		expect(await ledger.entry(PATH)).toBeNull();
		expect(await ledger.entry("Archive/Weekly status.md")).toEqual(before);
	});

	it("rename and remove of a workflow it does not know change nothing and write nothing", async () => {
		await ledger.update(PATH, SINCE, () => undefined);
		const writes = store.writes;
		await ledger.rename("Nope.md", "Other.md");
		await ledger.remove("Nope.md");
		expect(store.writes).toBe(writes);
		expect(Object.keys(await ledger.all())).toEqual([PATH]);
	});

	it("remove deletes the workflow's history and keeps the others", async () => {
		await ledger.update(PATH, SINCE, () => undefined);
		await ledger.update("Other.md", SINCE, () => undefined);
		await ledger.remove(PATH);
		expect(await ledger.entry(PATH)).toBeNull();
		expect(Object.keys(await ledger.all())).toEqual(["Other.md"]);
	});

	it("reads a damaged or foreign file as empty, and the next update writes a sound one", async () => {
		for (const damaged of ["{ not json", "", "null", "[]", "{}", JSON.stringify({ version: 2, workflows: {} }), JSON.stringify({ version: 1, workflows: "x" })]) {
			await store.inner.write(LEDGER_KEY, damaged);
			expect(await ledger.entry(PATH), damaged).toBeNull();
			expect(await ledger.all(), damaged).toEqual({});
		}
		await ledger.update(PATH, SINCE, () => undefined);
		expect(JSON.parse((await store.read(LEDGER_KEY)) ?? "null")).toMatchObject({ version: 1, workflows: { [PATH]: { since: SINCE } } });
	});

	it("reads a file written by another runner (the CLI) on the same store", async () => {
		await new WorkflowLedger(store.inner).update(PATH, SINCE, (e) => {
			e.checkedUntil = SINCE + 7;
		});
		expect((await ledger.entry(PATH))?.checkedUntil).toBe(SINCE + 7);
	});
});
