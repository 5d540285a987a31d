/** A small seeded PRNG and the distributions the synthetic vault and the queries are drawn from. */

/** mulberry32: fast, 32-bit state, good enough for test data, and the same sequence on every machine. */
export class Random {
	private state: number;

	constructor(seed: number | string) {
		this.state = typeof seed === "number" ? seed >>> 0 : hashString(seed);
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error("pick from an empty list");
		return items[Math.floor(this.next() * items.length)] as T;
	}

	/** Standard normal (Box–Muller). */
	normal(): number {
		const u = 1 - this.next();
		const v = this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** Log-normal with the given median; `sigma` is the spread of the logarithm. */
	logNormal(median: number, sigma: number): number {
		return median * Math.exp(sigma * this.normal());
	}
}

/** Draws items with probability proportional to their weight, in O(log n) per draw. */
export class WeightedPicker<T> {
	private readonly cumulative: number[] = [];
	private readonly total: number;

	constructor(
		private readonly items: readonly T[],
		weights: readonly number[],
	) {
		if (items.length === 0 || items.length !== weights.length) throw new Error("a weighted picker needs one weight per item");
		let sum = 0;
		for (const weight of weights) {
			sum += weight;
			this.cumulative.push(sum);
		}
		this.total = sum;
	}

	/** A picker whose i-th item has weight 1/(i+1)^exponent (Zipf), for items ranked best first. */
	static zipf<T>(items: readonly T[], exponent = 1): WeightedPicker<T> {
		return new WeightedPicker(
			items,
			items.map((_, i) => 1 / Math.pow(i + 1, exponent)),
		);
	}

	pick(random: Random): T {
		const target = random.next() * this.total;
		let lo = 0;
		let hi = this.cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if ((this.cumulative[mid] ?? 0) > target) hi = mid;
			else lo = mid + 1;
		}
		return this.items[lo] as T;
	}
}

/** FNV-1a, to turn a name into a seed. */
export function hashString(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}
