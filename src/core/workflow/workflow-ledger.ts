/** What the scheduler remembers per workflow, in the plugin's data folder: when it started watching, what ran, what failed. */
import type { KeyValueStore } from "../ports/key-value-store";

export type OccurrenceStatus = "ok" | "failed" | "skipped";

export interface OccurrenceRecord {
	status: OccurrenceStatus;
	attempts: number;
	deliverable: string | null;
	error: string | null;
	/** When the last attempt finished (ms). */
	at: number;
	/** A failed occurrence: when it is tried again (ms); null once it succeeded or was given up. */
	nextTryAt?: number | null;
	/** A failed occurrence whose next occurrence came before it succeeded: never tried again; `error` says so. */
	givenUp?: boolean;
}

export interface LedgerEntry {
	/** When the scheduler first saw the workflow: occurrences before it are not run. */
	since: number;
	/** Every occurrence up to here has been dealt with (run, or skipped by the catch-up policy). */
	checkedUntil: number;
	/** The last successful run, scheduled or by hand: for `changed: since-last-run` and the previous deliverable. */
	lastSuccess: { occurrence: string; at: number; deliverable: string } | null;
	/** Occurrence (ISO with offset, or `manual …`) → what happened; the newest {@link KEPT_OCCURRENCES}. */
	occurrences: Record<string, OccurrenceRecord>;
}

interface LedgerFile {
	version: 1;
	workflows: Record<string, LedgerEntry>;
}

export const LEDGER_KEY = "workflow-ledger.json";
const KEPT_OCCURRENCES = 100;

/**
 * The ledger file, read and written whole (it is small). Writes from one process are serialised; a runner
 * elsewhere (the CLI, another device) may write it too, which can lose history but never causes a second
 * run: that is decided by the claims and by the deliverables in the vault.
 */
export class WorkflowLedger {
	private queue: Promise<unknown> = Promise.resolve();

	constructor(private readonly store: KeyValueStore) {}

	async entry(path: string): Promise<LedgerEntry | null> {
		return (await this.read()).workflows[path] ?? null;
	}

	async all(): Promise<Record<string, LedgerEntry>> {
		return (await this.read()).workflows;
	}

	/** Changes one workflow's entry (created from `since` when absent). */
	update(path: string, since: number, change: (entry: LedgerEntry) => void): Promise<LedgerEntry> {
		return this.exclusive(async () => {
			const file = await this.read();
			const entry = file.workflows[path] ?? { since, checkedUntil: since, lastSuccess: null, occurrences: {} };
			change(entry);
			const keys = Object.keys(entry.occurrences);
			if (keys.length > KEPT_OCCURRENCES) {
				const oldest = keys.sort((a, b) => (entry.occurrences[a]?.at ?? 0) - (entry.occurrences[b]?.at ?? 0)).slice(0, keys.length - KEPT_OCCURRENCES);
				for (const key of oldest) delete entry.occurrences[key];
			}
			file.workflows[path] = entry;
			await this.store.write(LEDGER_KEY, JSON.stringify(file, null, "\t"));
			return entry;
		});
	}

	/**
	 * Forgets occurrences last touched before `before`, except failed ones still being retried; `lastSuccess`
	 * and `checkedUntil` stay, so nothing is run twice and the next run still finds its reference. Returns how many.
	 */
	pruneOccurrences(before: number): Promise<number> {
		return this.exclusive(async () => {
			const file = await this.read();
			let removed = 0;
			for (const entry of Object.values(file.workflows)) {
				for (const [key, record] of Object.entries(entry.occurrences)) {
					if (record.at >= before || WorkflowLedger.isUnsettled(entry, key)) continue;
					delete entry.occurrences[key];
					removed++;
				}
			}
			if (removed > 0) await this.store.write(LEDGER_KEY, JSON.stringify(file, null, "\t"));
			return removed;
		});
	}

	/** Whether an occurrence may still be run again: it failed and was neither given up nor run by hand. */
	static isUnsettled(entry: LedgerEntry | null | undefined, occurrence: string): boolean {
		const record = entry?.occurrences[occurrence];
		return record !== undefined && record.status === "failed" && record.givenUp !== true && !occurrence.startsWith("manual");
	}

	/** A renamed workflow keeps its history; the entry moves with it. */
	rename(oldPath: string, newPath: string): Promise<void> {
		return this.exclusive(async () => {
			const file = await this.read();
			const entry = file.workflows[oldPath];
			if (!entry) return;
			delete file.workflows[oldPath];
			file.workflows[newPath] = entry;
			await this.store.write(LEDGER_KEY, JSON.stringify(file, null, "\t"));
		});
	}

	/** A deleted workflow stops; its history goes with it. */
	remove(path: string): Promise<void> {
		return this.exclusive(async () => {
			const file = await this.read();
			if (!(path in file.workflows)) return;
			delete file.workflows[path];
			await this.store.write(LEDGER_KEY, JSON.stringify(file, null, "\t"));
		});
	}

	private async read(): Promise<LedgerFile> {
		const text = await this.store.read(LEDGER_KEY);
		if (text === null) return { version: 1, workflows: {} };
		try {
			const parsed = JSON.parse(text) as Partial<LedgerFile>;
			if (parsed.version === 1 && parsed.workflows && typeof parsed.workflows === "object") return parsed as LedgerFile;
		} catch {
			// A damaged ledger loses history only; duplicates are still prevented by the claims and the vault check.
		}
		return { version: 1, workflows: {} };
	}

	private exclusive<T>(work: () => Promise<T>): Promise<T> {
		const next = this.queue.then(work, work);
		this.queue = next.catch(() => undefined);
		return next;
	}
}
