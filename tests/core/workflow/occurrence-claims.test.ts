/** OccurrenceClaims: who runs an occurrence, agreed through the store, with and without an atomic create. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataAdapter, ListedFiles } from "obsidian";
import { claimKey, OccurrenceClaims, type ClaimOptions } from "../../../src/core/workflow/occurrence-claims";
import { InMemoryKeyValueStore, type KeyValueStore } from "../../../src/core/ports/key-value-store";
import { NodeFileStore } from "../../../src/cli/node-file-store";
import { PluginDataStore } from "../../../src/obsidian/adapters/plugin-data-store";

const WORKFLOW = "Workflows/Weekly status.md";
const OCCURRENCE = "2026-11-23T09:00:00+01:00";
const HOUR = 3_600_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Lets other pending work run, as a real disk or IPC round trip would. */
const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function claimer(store: KeyValueStore, runner: string, options: Partial<ClaimOptions> = {}): OccurrenceClaims {
	return new OccurrenceClaims(store, { runner, now: () => Date.now(), sleep, settleMs: 5, ...options });
}

/** A store without an atomic create: it checks, yields, then writes, so two racing writers both get through. */
class CheckThenWriteStore implements KeyValueStore {
	readonly inner = new InMemoryKeyValueStore();
	createdTrue = 0;
	async read(key: string): Promise<string | null> {
		await yieldTurn();
		return this.inner.read(key);
	}
	async write(key: string, value: string): Promise<void> {
		await yieldTurn();
		await this.inner.write(key, value);
	}
	async remove(key: string): Promise<void> {
		await yieldTurn();
		await this.inner.remove(key);
	}
	list(): Promise<string[]> {
		return this.inner.list();
	}
	async createExclusive(key: string, value: string): Promise<boolean> {
		if ((await this.inner.read(key)) !== null) return false;
		await yieldTurn();
		await this.inner.write(key, value);
		this.createdTrue++;
		return true;
	}
}

/** Obsidian's DataAdapter reduced to what PluginDataStore uses, in memory, each call a round trip. */
class MemoryAdapter {
	readonly files = new Map<string, string>();
	readonly folders = new Set<string>();
	async exists(path: string): Promise<boolean> {
		await yieldTurn();
		return this.files.has(path) || this.folders.has(path);
	}
	async read(path: string): Promise<string> {
		await yieldTurn();
		const text = this.files.get(path);
		if (text === undefined) throw new Error(`ENOENT: ${path}`);
		return text;
	}
	async write(path: string, data: string): Promise<void> {
		await yieldTurn();
		this.files.set(path, data);
	}
	async remove(path: string): Promise<void> {
		await yieldTurn();
		this.files.delete(path);
	}
	async rename(from: string, to: string): Promise<void> {
		await yieldTurn();
		const text = this.files.get(from);
		if (text === undefined) throw new Error(`ENOENT: ${from}`);
		this.files.delete(from);
		this.files.set(to, text);
	}
	async mkdir(path: string): Promise<void> {
		await yieldTurn();
		this.folders.add(path);
	}
	async list(path: string): Promise<ListedFiles> {
		await yieldTurn();
		return { files: [...this.files.keys()].filter((file) => file.startsWith(`${path}/`)), folders: [] };
	}
}

describe("two runners on one NodeFileStore folder", () => {
	let folder: string;

	beforeEach(async () => {
		folder = await mkdtemp(join(tmpdir(), "coworker-claims-"));
	});

	afterEach(async () => {
		await rm(folder, { recursive: true, force: true });
	});

	it("racing for an occurrence, exactly one of them gets it", async () => {
		for (let i = 0; i < 10; i++) {
			const occurrence = `2026-11-${String(10 + i)}T09:00:00+01:00`;
			const results = await Promise.all([claimer(new NodeFileStore(folder), "plugin").claim(WORKFLOW, occurrence), claimer(new NodeFileStore(folder), "cli 42").claim(WORKFLOW, occurrence)]);
			expect(results.filter(Boolean), occurrence).toHaveLength(1);
		}
		expect(await readdir(folder)).toHaveLength(10);
	});

	it("writes a claim file named by claimKey that says which runner holds it", async () => {
		expect(await claimer(new NodeFileStore(folder), "cli 1234").claim(WORKFLOW, OCCURRENCE)).toBe(true);
		const record = JSON.parse(await readFile(join(folder, claimKey(WORKFLOW, OCCURRENCE)), "utf8")) as { runner: string; token: string; at: number };
		expect(record.runner).toBe("cli 1234");
		expect(typeof record.token).toBe("string");
		expect(typeof record.at).toBe("number");
	});

	it("five runners at once: one wins", async () => {
		const results = await Promise.all(["a", "b", "c", "d", "e"].map((runner) => claimer(new NodeFileStore(folder), runner).claim(WORKFLOW, OCCURRENCE)));
		expect(results.filter(Boolean)).toHaveLength(1);
	});
});

describe("a store without an atomic create", () => {
	it("lets both writers through its check, and the read-back after the pause still picks exactly one", async () => {
		for (let i = 0; i < 10; i++) {
			const store = new CheckThenWriteStore();
			const results = await Promise.all([claimer(store, "plugin").claim(WORKFLOW, OCCURRENCE), claimer(store, "phone").claim(WORKFLOW, OCCURRENCE)]);
			expect(store.createdTrue).toBe(2);
			expect(results.filter(Boolean)).toHaveLength(1);
		}
	});

	it("the winner is the runner whose claim landed last", async () => {
		const store = new CheckThenWriteStore();
		const [first, second] = await Promise.all([claimer(store, "first").claim(WORKFLOW, OCCURRENCE), claimer(store, "second").claim(WORKFLOW, OCCURRENCE)]);
		const stored = JSON.parse((await store.read(claimKey(WORKFLOW, OCCURRENCE))) ?? "{}") as { runner?: string };
		expect(stored.runner === "first").toBe(first);
		expect(stored.runner === "second").toBe(second);
	});

	it("the same holds over PluginDataStore, whose createExclusive checks then writes", async () => {
		for (let i = 0; i < 5; i++) {
			const adapter = new MemoryAdapter();
			const store = (): PluginDataStore => new PluginDataStore(adapter as unknown as DataAdapter, ".obsidian/plugins/ai-coworker/claims");
			const results = await Promise.all([claimer(store(), "desktop").claim(WORKFLOW, OCCURRENCE), claimer(store(), "laptop").claim(WORKFLOW, OCCURRENCE)]);
			expect(results.filter(Boolean)).toHaveLength(1);
			expect([...adapter.files.keys()]).toEqual([`.obsidian/plugins/ai-coworker/claims/${claimKey(WORKFLOW, OCCURRENCE)}`]);
		}
	});
});

describe("one runner", () => {
	it("a claim is not granted twice, even to the runner that holds it", async () => {
		const store = new InMemoryKeyValueStore();
		const claims = claimer(store, "plugin");
		expect(await claims.claim(WORKFLOW, OCCURRENCE)).toBe(true);
		expect(await claims.claim(WORKFLOW, OCCURRENCE)).toBe(false);
		expect(await claimer(store, "cli").claim(WORKFLOW, OCCURRENCE)).toBe(false);
	});

	it("claims of other occurrences and other workflows are independent", async () => {
		const claims = claimer(new InMemoryKeyValueStore(), "plugin");
		expect(await claims.claim(WORKFLOW, OCCURRENCE)).toBe(true);
		expect(await claims.claim(WORKFLOW, "2026-11-30T09:00:00+01:00")).toBe(true);
		expect(await claims.claim("Workflows/Other.md", OCCURRENCE)).toBe(true);
	});

	it("release gives the occurrence back, to be claimed again by anyone", async () => {
		const store = new InMemoryKeyValueStore();
		const a = claimer(store, "a");
		const b = claimer(store, "b");
		expect(await a.claim(WORKFLOW, OCCURRENCE)).toBe(true);
		expect(await b.claim(WORKFLOW, OCCURRENCE)).toBe(false);
		await a.release(WORKFLOW, OCCURRENCE);
		expect(await store.list()).toEqual([]);
		expect(await b.claim(WORKFLOW, OCCURRENCE)).toBe(true);
		// Releasing what is not claimed is harmless.
		await a.release("Workflows/Never.md", OCCURRENCE);
	});

	it("waits settleMs with the sleep it was given before reading the claim back", async () => {
		const slept: number[] = [];
		const claims = new OccurrenceClaims(new InMemoryKeyValueStore(), { runner: "x", now: () => 0, sleep: (ms) => (slept.push(ms), Promise.resolve()), settleMs: 42 });
		expect(await claims.claim(WORKFLOW, OCCURRENCE)).toBe(true);
		expect(slept).toEqual([42]);
		const defaults = new OccurrenceClaims(new InMemoryKeyValueStore(), { runner: "x", now: () => 0, sleep: (ms) => (slept.push(ms), Promise.resolve()) });
		await defaults.claim(WORKFLOW, OCCURRENCE);
		expect(slept).toEqual([42, 150]);
	});
});

describe("stale claims", () => {
	const STALE = 2 * HOUR;
	let clock: number;
	let store: InMemoryKeyValueStore;
	const at = (runner: string): OccurrenceClaims => new OccurrenceClaims(store, { runner, now: () => clock, sleep: () => Promise.resolve(), settleMs: 0, staleMs: STALE });

	beforeEach(() => {
		clock = Date.parse("2026-11-23T08:00:00Z");
		store = new InMemoryKeyValueStore();
	});

	it("a claim older than staleMs is taken over (its runner crashed); a younger one is not", async () => {
		expect(await at("crashed").claim(WORKFLOW, OCCURRENCE)).toBe(true);
		clock += STALE;
		expect(await at("next").claim(WORKFLOW, OCCURRENCE)).toBe(false);
		clock += 1;
		expect(await at("next").claim(WORKFLOW, OCCURRENCE)).toBe(true);
		const record = JSON.parse((await store.read(claimKey(WORKFLOW, OCCURRENCE))) ?? "{}") as { runner: string; at: number };
		expect(record).toMatchObject({ runner: "next", at: clock });
		// The taken-over claim is fresh again.
		expect(await at("third").claim(WORKFLOW, OCCURRENCE)).toBe(false);
	});

	it("uses ten minutes when no staleMs is given, so a killed run gives its occurrence back within minutes", async () => {
		const plain = (runner: string): OccurrenceClaims => new OccurrenceClaims(store, { runner, now: () => clock, sleep: () => Promise.resolve(), settleMs: 0 });
		expect(await plain("killed").claim(WORKFLOW, OCCURRENCE)).toBe(true);
		clock += 10 * 60_000 - 1;
		expect(await plain("b").claim(WORKFLOW, OCCURRENCE)).toBe(false);
		clock += 2;
		expect(await plain("b").claim(WORKFLOW, OCCURRENCE)).toBe(true);
	});

	it("a live run renews its claim every third of the stale time, so a slow run never loses it; renewal stops when the work ends", async () => {
		const ticks: { ms: number; renew: () => void; stopped: boolean }[] = [];
		const every = (ms: number, renew: () => void): (() => void) => {
			const tick = { ms, renew, stopped: false };
			ticks.push(tick);
			return () => (tick.stopped = true);
		};
		const slow = new OccurrenceClaims(store, { runner: "slow", now: () => clock, sleep: () => Promise.resolve(), settleMs: 0, staleMs: STALE, every });
		expect(await slow.claim(WORKFLOW, OCCURRENCE)).toBe(true);
		let release: () => void = () => undefined;
		const working = slow.holdWhile(WORKFLOW, OCCURRENCE, () => new Promise<string>((resolve) => (release = () => resolve("done"))));
		expect(ticks).toHaveLength(1);
		expect(ticks[0]?.ms).toBe(Math.floor(STALE / 3));
		// Three times the stale time passes while the model works; each third, the renewal fires.
		for (let i = 0; i < 9; i++) {
			clock += STALE / 3;
			ticks[0]?.renew();
			await new Promise((resolve) => setImmediate(resolve));
			expect(await at("other").claim(WORKFLOW, OCCURRENCE)).toBe(false);
		}
		release();
		expect(await working).toBe("done");
		expect(ticks[0]?.stopped).toBe(true);
		// Without renewal the claim now ages out as a killed run's would.
		clock += STALE + 1;
		expect(await at("other").claim(WORKFLOW, OCCURRENCE)).toBe(true);
		// The old holder no longer renews what another runner took over.
		expect(await slow.renew(WORKFLOW, OCCURRENCE)).toBe(false);
		expect(JSON.parse((await store.read(claimKey(WORKFLOW, OCCURRENCE))) ?? "{}")).toMatchObject({ runner: "other" });
	});

	it("stops renewing when the work fails", async () => {
		let stopped = false;
		const claims = new OccurrenceClaims(store, { runner: "a", now: () => clock, sleep: () => Promise.resolve(), settleMs: 0, every: () => () => (stopped = true) });
		await claims.claim(WORKFLOW, OCCURRENCE);
		await expect(claims.holdWhile(WORKFLOW, OCCURRENCE, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
		expect(stopped).toBe(true);
	});

	it("two runners taking over the same stale claim at once: one of them gets it", async () => {
		for (let i = 0; i < 10; i++) {
			const racy = new CheckThenWriteStore();
			const make = (runner: string): OccurrenceClaims => new OccurrenceClaims(racy, { runner, now: () => clock, sleep, settleMs: 5, staleMs: STALE });
			expect(await make("crashed").claim(WORKFLOW, OCCURRENCE)).toBe(true);
			clock += STALE + 1;
			const results = await Promise.all([make("a").claim(WORKFLOW, OCCURRENCE), make("b").claim(WORKFLOW, OCCURRENCE)]);
			expect(results.filter(Boolean)).toHaveLength(1);
		}
	});

	it("a damaged claim, or one without a time, counts as stale", async () => {
		const key = claimKey(WORKFLOW, OCCURRENCE);
		await store.write(key, "{ half a claim");
		expect(await at("a").claim(WORKFLOW, OCCURRENCE)).toBe(true);
		await store.write(key, JSON.stringify({ runner: "old", token: "t" }));
		expect(await at("b").claim(WORKFLOW, OCCURRENCE)).toBe(true);
	});
});

describe("claimKey", () => {
	it("is stable: the same on every runner and every version, so the plugin and the CLI agree", () => {
		expect(claimKey(WORKFLOW, OCCURRENCE)).toBe("ea35f02c7a7e9222.json");
		expect(claimKey(WORKFLOW, OCCURRENCE)).toBe(claimKey(WORKFLOW, OCCURRENCE));
	});

	it("is a safe file name whatever the path holds", () => {
		const paths = [WORKFLOW, "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z.md".repeat(10), "Ünïcödé/日本語 ✓.md", 'x:*?"<>|\\.md', "", ".."];
		for (const path of paths) expect(claimKey(path, OCCURRENCE), path).toMatch(/^[0-9a-f]{16}\.json$/);
	});

	it("differs between workflows, occurrences, and ways of splitting the same characters", () => {
		const keys = new Set([
			claimKey(WORKFLOW, OCCURRENCE),
			claimKey(WORKFLOW, "2026-11-30T09:00:00+01:00"),
			claimKey("Workflows/Other.md", OCCURRENCE),
			claimKey("ab", "c"),
			claimKey("a", "bc"),
			claimKey(WORKFLOW, `manual ${OCCURRENCE}`),
		]);
		expect(keys.size).toBe(6);
	});
});
