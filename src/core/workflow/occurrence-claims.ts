/** Who runs a scheduled occurrence: the first runner to claim it, agreed through the store even across processes and devices. */
import type { KeyValueStore } from "../ports/key-value-store";

export interface ClaimOptions {
	/** Names this runner in the claim (`plugin`, `cli 1234`), for the curious reader of the claims folder. */
	runner: string;
	now: () => number;
	sleep: (ms: number) => Promise<void>;
	/**
	 * A claim not renewed for this long is taken over (its runner crashed or was killed). A live run renews its
	 * claim every third of this (see {@link OccurrenceClaims.holdWhile}), so a slow run never loses it.
	 */
	staleMs?: number;
	/** Calls `renew` every `ms` until the returned stop is called; `setInterval` unless a test steps it by hand. */
	every?: (ms: number, renew: () => void) => () => void;
	/** How long a claim is left before it is read back to check no racing writer replaced it. */
	settleMs?: number;
}

interface ClaimRecord {
	runner: string;
	token: string;
	at: number;
	/** What is claimed, so old claims can be pruned once their occurrence is settled (absent in older claims). */
	workflow?: string;
	occurrence?: string;
}

/** Ten minutes: a killed run gives its occurrence back within minutes, and a live one renews long before. */
export const DEFAULT_STALE_MS = 10 * 60_000;
const DEFAULT_SETTLE_MS = 150;

export class OccurrenceClaims {
	private readonly staleMs: number;
	private readonly settleMs: number;
	/** The token of each claim this runner holds, by key, so only its own claim is renewed. */
	private readonly held = new Map<string, string>();

	constructor(
		private readonly store: KeyValueStore,
		private readonly options: ClaimOptions,
	) {
		this.staleMs = options.staleMs ?? DEFAULT_STALE_MS;
		this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
	}

	/**
	 * True when this runner may run the occurrence. An exclusive create decides first; then the claim is read
	 * back after a pause, because a store without an atomic create (Obsidian's adapter) lets two writers through
	 * and only the last one's token survives.
	 */
	async claim(workflowPath: string, occurrence: string): Promise<boolean> {
		const key = claimKey(workflowPath, occurrence);
		const token = `${this.options.now()}-${Math.random().toString(36).slice(2, 10)}`;
		const record: ClaimRecord = { runner: this.options.runner, token, at: this.options.now(), workflow: workflowPath, occurrence };
		let created = await this.store.createExclusive(key, JSON.stringify(record));
		if (!created && (await this.isStale(key))) {
			await this.store.remove(key);
			created = await this.store.createExclusive(key, JSON.stringify(record));
		}
		if (!created) return false;
		await this.options.sleep(this.settleMs);
		const stored = await this.store.read(key);
		const won = stored !== null && stored.includes(token);
		if (won) this.held.set(key, token);
		return won;
	}

	/**
	 * Runs `work` while keeping the claim fresh: renewed every third of the stale time, so it cannot expire under
	 * a run that is still working, however slow the model. The renewal stops when the work ends, whatever happens.
	 */
	async holdWhile<T>(workflowPath: string, occurrence: string, work: () => Promise<T>): Promise<T> {
		const every = this.options.every ?? everyWithInterval;
		const stop = every(Math.max(1, Math.floor(this.staleMs / 3)), () => void this.renew(workflowPath, occurrence).catch(() => undefined));
		try {
			return await work();
		} finally {
			stop();
		}
	}

	/** Moves this runner's claim to now; a claim another runner took over meanwhile is left alone. Returns whether it renewed. */
	async renew(workflowPath: string, occurrence: string): Promise<boolean> {
		const key = claimKey(workflowPath, occurrence);
		const token = this.held.get(key);
		if (token === undefined) return false;
		const stored = await this.store.read(key);
		if (stored === null || !stored.includes(token)) return false;
		const record: ClaimRecord = { runner: this.options.runner, token, at: this.options.now(), workflow: workflowPath, occurrence };
		await this.store.write(key, JSON.stringify(record));
		return true;
	}

	/** Gives the occurrence back (its run failed and may be retried, by this runner or another). */
	async release(workflowPath: string, occurrence: string): Promise<void> {
		const key = claimKey(workflowPath, occurrence);
		this.held.delete(key);
		await this.store.remove(key);
	}

	/**
	 * Removes claims made before `before`, unless `unsettled` says their occurrence may still be retried (a
	 * retry claims afresh, so such a claim is rare). A claim that cannot be read is kept: it may be one being
	 * written by another runner this very moment. Returns how many were removed.
	 */
	async pruneOlderThan(before: number, unsettled: (workflowPath: string, occurrence: string) => boolean): Promise<number> {
		let removed = 0;
		for (const key of await this.store.list()) {
			if (!key.endsWith(".json")) continue;
			const text = await this.store.read(key);
			let record: Partial<ClaimRecord> = {};
			try {
				record = text === null ? {} : (JSON.parse(text) as Partial<ClaimRecord>);
			} catch {
				continue;
			}
			if (typeof record.at !== "number" || record.at >= before) continue;
			if (typeof record.workflow === "string" && typeof record.occurrence === "string" && unsettled(record.workflow, record.occurrence)) continue;
			await this.store.remove(key);
			removed++;
		}
		return removed;
	}

	private async isStale(key: string): Promise<boolean> {
		const text = await this.store.read(key);
		if (text === null) return true;
		try {
			const record = JSON.parse(text) as Partial<ClaimRecord>;
			return typeof record.at !== "number" || this.options.now() - record.at > this.staleMs;
		} catch {
			return true;
		}
	}
}

function everyWithInterval(ms: number, renew: () => void): () => void {
	const timer = setInterval(renew, ms);
	return () => clearInterval(timer);
}

/** A file-name-safe key for (workflow, occurrence): two 32-bit FNV-1a hashes with different seeds, so any path fits. */
export function claimKey(workflowPath: string, occurrence: string): string {
	const text = `${workflowPath}\u0000${occurrence}`;
	const fnv = (seed: number): string => {
		let hash = seed >>> 0;
		for (let i = 0; i < text.length; i++) {
			hash ^= text.charCodeAt(i);
			hash = Math.imul(hash, 0x01000193) >>> 0;
		}
		return hash.toString(16).padStart(8, "0");
	};
	return `${fnv(0x811c9dc5)}${fnv(0x050c5d1f)}.json`;
}
