/** Timing and statistics helpers: a monotonic stopwatch, median and percentiles, forcing a garbage collection. */
import { performance } from "node:perf_hooks";

/** Runs `work` and returns its result with the wall time it took in milliseconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const start = performance.now();
	const value = await work();
	return { ms: performance.now() - start, value };
}

export function now(): number {
	return performance.now();
}

/** Nearest-rank percentile (p in 0–100) of the values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
	return percentile(values, 50);
}

/** A full collection between phases, so one phase's garbage is not collected on the next one's time. */
export function collectGarbage(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error("run the bench with node --expose-gc (npm run bench does)");
	gc();
	gc();
}

/**
 * A young-generation collection only (a scavenge, about a millisecond): clears what the previous step just
 * allocated, where a full collection of a big live index would take 100+ ms every time.
 */
export function collectYoungGarbage(): void {
	const gc = (globalThis as { gc?: (options?: { type: "minor" | "major" }) => void }).gc;
	if (!gc) throw new Error("run the bench with node --expose-gc (npm run bench does)");
	gc({ type: "minor" });
}

/** Rounds for the report: 2 decimals under 10, 1 under 100, none above. */
export function round(value: number): number {
	if (!Number.isFinite(value)) return value;
	const abs = Math.abs(value);
	const factor = abs < 10 ? 100 : abs < 100 ? 10 : 1;
	return Math.round(value * factor) / factor;
}

export function megabytes(bytes: number): number {
	return round(bytes / (1024 * 1024));
}
