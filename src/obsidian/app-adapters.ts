/** What the app's services and commands reach Obsidian through: the core's ports over the Obsidian API, built once by the composition root. */
import type { Clock } from "../core/ports/clock";
import type { FetchLike } from "../core/ports/fetch-like";
import type { KeyValueStore } from "../core/ports/key-value-store";
import type { NoteEditor } from "../core/ports/note-editor";
import type { VaultLinks } from "../core/ports/vault-links";
import type { VaultReader } from "../core/ports/vault-reader";
import type { VaultWriter } from "../core/ports/vault-writer";
import type { RunLog } from "../core/ledger/run-log";
import type { ModelSettings } from "../core/settings/plugin-settings";
import type { PluginModel } from "./model/plugin-model";
import type { SpawnIndexWorker } from "../core/ports/index-worker";

export interface AppAdapters {
	reader: VaultReader;
	/** New files only (deliverables, the memory note, Review.base), through `Vault.create`. */
	writer: VaultWriter;
	links: VaultLinks;
	/** The exact property or section a command names, through `processFrontMatter` and `Vault.process`. */
	editor: NoteEditor;
	/** The index's clock: yielding lets Obsidian paint between slices of indexing. */
	clock: Clock;
	/** HTTP requests through `requestUrl` (MCP servers over HTTP, embeddings; the model too, off the desktop app). */
	fetch: FetchLike;
	/** The plugin's own folder: index cache, last good exclusions, workflow ledger, prune dates. */
	store: KeyValueStore;
	/** Its `claims` folder: the occurrences a runner is running. */
	claimsStore: KeyValueStore;
	/** Its `embeddings` folder: the vectors of semantic search (off by default). */
	embeddingsStore: KeyValueStore;
	/** Run records, in its `runs` folder. */
	runLog: RunLog;
	/** Starts a Web Worker for a large index build's words; absent where none can run (the index then builds on one thread). */
	indexWorkers?: SpawnIndexWorker;
	/** The model client for the settings as they are now (they may change between runs), or why there is none. */
	model: (settings: ModelSettings) => PluginModel;
}
