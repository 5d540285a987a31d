/**
 * Writes many values through a store without waiting for each before making the next: a cache save of 38k notes
 * writes about 180 parts, and each write is several file-system calls (make the folder, write a temporary file,
 * rename it) during which the thread that makes the next part sat idle, about 150 ms of a 700 ms save. Here a
 * few writes stay under way while the next part is made.
 *
 * The first failure is kept and thrown from the next {@link WriteBehind.write} or from {@link WriteBehind.drain},
 * after every write still under way has settled, so a caller that gives up leaves nothing writing behind it.
 */
import type { KeyValueStore } from "./key-value-store";

/** Writes under way at once: enough to hide a write's latency behind making the next part, few enough to hold only a few parts in memory. */
const DEFAULT_IN_FLIGHT = 4;

export class WriteBehind {
	private readonly underWay: Promise<void>[] = [];
	private failure: { error: unknown } | null = null;

	constructor(
		private readonly store: KeyValueStore,
		private readonly inFlight = DEFAULT_IN_FLIGHT,
	) {}

	/** Starts writing `value` under `key`; resolves once fewer than the limit are under way (not when this one lands). */
	async write(key: string, value: string): Promise<void> {
		if (this.failure) return this.drain();
		this.underWay.push(
			this.store.write(key, value).catch((error: unknown) => {
				this.failure ??= { error };
			}),
		);
		while (this.underWay.length >= this.inFlight) await this.underWay.shift();
		if (this.failure) return this.drain();
	}

	/** Waits for every write started; throws the first that failed. */
	async drain(): Promise<void> {
		while (this.underWay.length > 0) await this.underWay.shift();
		if (this.failure) throw this.failure.error;
	}
}
