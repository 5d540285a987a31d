/** The store port: the plugin's private data (index cache, later the run ledger), never synced as notes. */

/**
 * A small string store keyed by file-like names (`index-cache.json`).
 * The plugin keeps it in its own folder under the vault's config dir; the CLI uses the same folder.
 */
export interface KeyValueStore {
	/** The stored value, or null when there is none. */
	read(key: string): Promise<string | null>;
	/** Replaces the value; implementations write atomically where the platform allows. */
	write(key: string, value: string): Promise<void>;
	remove(key: string): Promise<void>;
	/** Every key in the store (to clear out what an interrupted write left behind). */
	list(): Promise<string[]>;
	/**
	 * Stores the value only if the key is absent, and says whether this caller got it. It is how two runners
	 * (the app and the CLI, two devices) agree on who runs a scheduled occurrence: atomic where the platform
	 * allows, and otherwise written and read back so the last writer learns it lost.
	 */
	createExclusive(key: string, value: string): Promise<boolean>;
}

/** A {@link KeyValueStore} in memory, for tests and for runs that must not persist anything. */
export class InMemoryKeyValueStore implements KeyValueStore {
	private readonly values = new Map<string, string>();

	read(key: string): Promise<string | null> {
		return Promise.resolve(this.values.get(key) ?? null);
	}

	write(key: string, value: string): Promise<void> {
		this.values.set(key, value);
		return Promise.resolve();
	}

	remove(key: string): Promise<void> {
		this.values.delete(key);
		return Promise.resolve();
	}

	list(): Promise<string[]> {
		return Promise.resolve([...this.values.keys()]);
	}

	createExclusive(key: string, value: string): Promise<boolean> {
		if (this.values.has(key)) return Promise.resolve(false);
		this.values.set(key, value);
		return Promise.resolve(true);
	}
}
