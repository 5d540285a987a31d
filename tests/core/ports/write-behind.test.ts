/** WriteBehind: writes stay under way while the caller goes on, never more than the limit, and a failure is thrown only once nothing is still writing. */
import { describe, expect, it } from "vitest";
import { InMemoryKeyValueStore, type KeyValueStore } from "../../../src/core/ports/key-value-store";
import { WriteBehind } from "../../../src/core/ports/write-behind";

/** A store whose writes land only when the test lets them, in any order; `failing` keys reject instead. */
function heldStore(failing: ReadonlySet<string> = new Set()): { store: KeyValueStore; landed: InMemoryKeyValueStore; held: Map<string, () => void>; settled: string[] } {
	const landed = new InMemoryKeyValueStore();
	const held = new Map<string, () => void>();
	const settled: string[] = [];
	const store: KeyValueStore = {
		read: (key) => landed.read(key),
		remove: (key) => landed.remove(key),
		list: () => landed.list(),
		createExclusive: (key, value) => landed.createExclusive(key, value),
		write: (key, value) =>
			new Promise<void>((resolve, reject) => {
				held.set(key, () => {
					held.delete(key);
					settled.push(key);
					if (failing.has(key)) reject(new Error(`ENOSPC: no space left on device, write ${key}`));
					else void landed.write(key, value).then(resolve);
				});
			}),
	};
	return { store, landed, held, settled };
}

/** Lets the promise callbacks queued so far run. */
async function settle(): Promise<void> {
	for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe("WriteBehind", () => {
	it("returns before a write lands while fewer than the limit are under way, then waits for the oldest", async () => {
		const { store, landed, held } = heldStore();
		const writes = new WriteBehind(store, 3);
		await writes.write("a", "1");
		await writes.write("b", "2");
		expect([...held.keys()]).toEqual(["a", "b"]);
		let thirdReturned = false;
		const third = writes.write("c", "3").then(() => (thirdReturned = true));
		await settle();
		expect(thirdReturned).toBe(false);
		expect(held.size).toBe(3);
		held.get("a")?.();
		await third;
		expect(await landed.read("a")).toBe("1");
		expect(await landed.read("b")).toBeNull();
	});

	it("drain waits for every write started, whichever order they land in", async () => {
		const { store, landed, held } = heldStore();
		const writes = new WriteBehind(store, 4);
		for (const key of ["a", "b", "c"]) await writes.write(key, key.toUpperCase());
		let drained = false;
		const drain = writes.drain().then(() => (drained = true));
		for (const key of ["c", "a"]) held.get(key)?.();
		await settle();
		expect(drained).toBe(false);
		held.get("b")?.();
		await drain;
		expect(await landed.list()).toEqual(["c", "a", "b"]);
	});

	it("throws a failed write only after the writes under way beside it have settled, and starts no more", async () => {
		const { store, held, settled } = heldStore(new Set(["b"]));
		const writes = new WriteBehind(store, 4);
		for (const key of ["a", "b", "c"]) await writes.write(key, "x");
		held.get("b")?.();
		await settle();
		let failed: unknown = null;
		const next = writes.write("d", "x").catch((error: unknown) => (failed = error));
		await settle();
		expect(failed).toBeNull();
		held.get("a")?.();
		held.get("c")?.();
		await next;
		expect(String(failed)).toMatch(/ENOSPC.*write b/);
		expect(settled).toEqual(["b", "a", "c"]);
		expect(held.has("d")).toBe(false);
		await expect(writes.drain()).rejects.toThrow(/write b/);
	});
});
