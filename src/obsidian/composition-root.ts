/**
 * The app's composition root: every adapter over the Obsidian API is built here, once, and handed to the services
 * that use them; `main.ts` calls it and only registers what it returns.
 */
import { normalizePath, Platform, requestUrl, type App, type Plugin } from "obsidian";
import { RunLog } from "../core/ledger/run-log";
import { EMBEDDINGS_FOLDER } from "../core/embeddings/semantic-settings";
import type { PluginSettings } from "../core/settings/plugin-settings";
import type { AppAdapters } from "./app-adapters";
import { ObsidianNoteEditor } from "./adapters/obsidian-note-editor";
import { ObsidianVaultLinks } from "./adapters/obsidian-vault-links";
import { ObsidianVaultReader } from "./adapters/obsidian-vault-reader";
import { ObsidianVaultWriter } from "./adapters/obsidian-vault-writer";
import { PluginDataStore } from "./adapters/plugin-data-store";
import { VaultRealPaths } from "./adapters/vault-real-paths";
import { requestUrlFetch } from "./adapters/request-url-fetch";
import { desktopHttpFetch } from "./adapters/desktop-http-fetch";
import { fetchWithFallback } from "./adapters/fetch-with-fallback";
import { uiClock } from "./adapters/ui-clock";
import { createPluginModel, type ModelTransport } from "./model/plugin-model";
import { IndexStatus } from "./index/index-status";
import { IndexSync } from "./index/index-sync";
import { bundledWebTermWorkerSource, webIndexWorkers } from "./index/web-index-worker";
import { SemanticSync } from "./index/semantic-sync";
import { TaskRunner } from "./tasks/task-runner";
import { McpService } from "./tools/mcp-service";
import { WorkflowService } from "./workflows/workflow-service";
import { ReviewService } from "./review/review-service";

/**
 * The adapters, before the settings are read: reading them already needs the plugin's store. `isExcluded` asks
 * the live settings, so a link into a folder excluded now is refused like the note it points to.
 */
export function buildAdapters(app: App, pluginFolder: string, isExcluded: (path: string) => boolean): AppAdapters {
	const fetch = requestUrlFetch(requestUrl);
	// The model alone is reached through Node's http in the desktop app, so its answer streams into the panel as it is
	// written; on mobile only requestUrl exists, and the answer arrives whole. MCP and embeddings keep requestUrl.
	// Where Node's http cannot connect (a system proxy only Electron knows), requestUrl carries the request instead.
	const streamingFetch = fetchWithFallback(desktopHttpFetch(), fetch);
	const modelTransport = (): ModelTransport => (Platform.isDesktopApp ? { fetch: streamingFetch, stream: true } : { fetch, stream: false });
	const realPaths = new VaultRealPaths(app.vault);
	const indexWorkers = webIndexWorkers(bundledWebTermWorkerSource, typeof Worker === "undefined" ? undefined : Worker);
	return {
		reader: new ObsidianVaultReader(app.vault, isExcluded, realPaths),
		writer: new ObsidianVaultWriter(app.vault, app.fileManager, realPaths),
		links: new ObsidianVaultLinks(app.vault, app.metadataCache, app.fileManager),
		editor: new ObsidianNoteEditor(app.vault, app.fileManager, realPaths),
		clock: uiClock,
		fetch,
		store: new PluginDataStore(app.vault.adapter, pluginFolder),
		claimsStore: new PluginDataStore(app.vault.adapter, normalizePath(`${pluginFolder}/claims`)),
		embeddingsStore: new PluginDataStore(app.vault.adapter, normalizePath(`${pluginFolder}/${EMBEDDINGS_FOLDER}`)),
		runLog: new RunLog(new PluginDataStore(app.vault.adapter, normalizePath(`${pluginFolder}/runs`))),
		model: (settings) => createPluginModel(app, settings, modelTransport()),
		...(indexWorkers ? { indexWorkers } : {}),
	};
}

/** What the services need from the plugin: the app, itself as the owner of events and timers, and its settings. */
export interface AppHost {
	app: App;
	owner: Plugin;
	/** The live settings object (an external change replaces its contents in place). */
	settings: () => PluginSettings;
	saveSettings: () => Promise<void>;
	statusBarItem: HTMLElement;
}

export interface AppServices {
	indexSync: IndexSync;
	taskRunner: TaskRunner;
	tools: McpService;
	workflows: WorkflowService;
	review: ReviewService;
	/** Semantic search (off by default): configured by main.ts once the settings are read. */
	semantic: SemanticSync;
}

export function buildServices(adapters: AppAdapters, host: AppHost): AppServices {
	const { app, owner, settings, saveSettings } = host;
	// The semantic sync needs the index sync's current index, and the index sync hands each new index to it.
	let semantic: SemanticSync | null = null;
	const indexSync = new IndexSync({
		vault: app.vault,
		reader: adapters.reader,
		clock: adapters.clock,
		store: adapters.store,
		status: new IndexStatus(host.statusBarItem),
		owner,
		settings: settings(),
		...(adapters.indexWorkers ? { spawnWorker: adapters.indexWorkers } : {}),
		prepareIndex: (index) => semantic?.prepare(index),
		indexSaved: () => void semantic?.update(),
	});
	semantic = new SemanticSync({
		app,
		settings,
		adapters,
		currentIndex: () => indexSync.index,
		turnOff: async () => {
			settings().semanticSearch = false;
			await saveSettings();
		},
	});
	const tools = new McpService({ app, settings, saveSettings, fetch: adapters.fetch });
	const taskRunner = new TaskRunner({ app, settings, indexSync, adapters, tools });
	const workflows = new WorkflowService({ app, owner, settings, adapters, indexSync, taskRunner });
	const review = new ReviewService(app, taskRunner, settings, adapters);
	return { indexSync, taskRunner, tools, workflows, review, semantic };
}
