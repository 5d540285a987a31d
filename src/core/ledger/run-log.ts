/** Keeps run records in the plugin's data folder (the store port), one small file per run. */
import type { KeyValueStore } from "../ports/key-value-store";
import type { RunRecord } from "./run-record";

export class RunLog {
	constructor(private readonly store: KeyValueStore) {}

	/** Keys sort by start time, so the newest runs are found without reading them all. */
	static keyOf(record: Pick<RunRecord, "id">): string {
		return `${record.id}.json`;
	}

	async add(record: RunRecord): Promise<void> {
		await this.store.write(RunLog.keyOf(record), JSON.stringify(record, null, "\t"));
	}

	/** Removes the records of runs started before `before`, known by their keys alone (nothing is read); returns how many. */
	async pruneOlderThan(before: number): Promise<number> {
		let removed = 0;
		for (const key of await this.store.list()) {
			const started = runStartOfKey(key);
			if (started === null || started >= before) continue;
			await this.store.remove(key);
			removed++;
		}
		return removed;
	}

	/**
	 * Adds exported files to the record of the run that wrote `deliverable`, if one is kept; false when there is none
	 * (a deliverable from another device, or whose record was removed).
	 */
	async addExports(deliverable: string, files: readonly string[]): Promise<boolean> {
		const keys = (await this.store.list()).filter((key) => key.endsWith(".json")).sort().reverse();
		for (const key of keys) {
			const text = await this.store.read(key);
			if (text === null || !text.includes(JSON.stringify(deliverable))) continue;
			let record: RunRecord;
			try {
				record = JSON.parse(text) as RunRecord;
			} catch {
				continue;
			}
			if (record.deliverable !== deliverable) continue;
			record.exports = [...new Set([...(record.exports ?? []), ...files])];
			await this.store.write(key, JSON.stringify(record, null, "\t"));
			return true;
		}
		return false;
	}

	/** The newest runs first; files that are not run records are skipped. */
	async recent(limit = 20): Promise<RunRecord[]> {
		const keys = (await this.store.list()).filter((key) => key.endsWith(".json")).sort().reverse().slice(0, limit);
		const records: RunRecord[] = [];
		for (const key of keys) {
			const text = await this.store.read(key);
			if (text === null) continue;
			try {
				records.push(JSON.parse(text) as RunRecord);
			} catch {
				// A record cut off by a crash is not worth failing over; the deliverable itself carries its provenance.
			}
		}
		return records;
	}
}

/** When the run with this record key started (its id begins with the start time), or null for another key. */
export function runStartOfKey(key: string): number | null {
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-[0-9a-z]+\.json$/.exec(key);
	if (!m) return null;
	return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]));
}

/** A sortable, collision-safe id: start time to the millisecond plus a random tail. */
export function runIdAt(ms: number, random: () => number = Math.random): string {
	const stamp = new Date(ms).toISOString().replace(/[-:]/g, "").replace(".", "");
	return `${stamp}-${Math.floor(random() * 36 ** 4)
		.toString(36)
		.padStart(4, "0")}`;
}
