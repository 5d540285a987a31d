/**
 * Semantic search inside Obsidian (off by default): after each save of the index it embeds the sections that changed,
 * through requestUrl (so it works on mobile and with local servers), asking before the first full embedding.
 */
import { Notice, type App } from "obsidian";
import type { PluginSettings } from "../../core/settings/plugin-settings";
import type { VaultIndex } from "../../core/index/vault-index";
import { SemanticSearch } from "../../core/embeddings/semantic-search";
import { embeddingCostSentence, semanticSearchProblem } from "../../core/embeddings/semantic-settings";
import type { AppAdapters } from "../app-adapters";
import { apiKeyFrom } from "../model/plugin-model";
import { EmbeddingCostModal } from "./embedding-cost-modal";
import { normalizedBaseUrl } from "../../core/model/base-url";

export interface SemanticSyncOptions {
	app: App;
	settings: () => PluginSettings;
	/** The notes as the index reads them (privacy and links checked), requestUrl, the UI clock and the vectors' folder. */
	adapters: Pick<AppAdapters, "reader" | "fetch" | "clock" | "embeddingsStore">;
	/** The index searches go to now (the index sync swaps it on a rebuild). */
	currentIndex: () => VaultIndex;
	/** Turns the setting off and saves it, when the user declines the first full embedding. */
	turnOff: () => Promise<void>;
	/** Asks before the first full embedding; the cost modal unless a test answers. */
	confirm?: (cost: string) => Promise<boolean>;
}

export class SemanticSync {
	private search: SemanticSearch | null = null;
	private queue: Promise<unknown> = Promise.resolve();
	private stopped = false;
	private lastProblem: string | null = null;
	/** The settings the current configuration was built from: an unrelated change (Sync pausing schedules) keeps it and its loaded vectors. */
	private configuredFrom = "";

	constructor(private readonly options: SemanticSyncOptions) {}

	/** The semantic search in use, or null when it is off or cannot start (for tests and status). */
	get active(): SemanticSearch | null {
		return this.search;
	}

	/** Builds it from the settings as they are now (at start, and when they change), and hands the ranker to the index. */
	configure(): void {
		const settings = this.options.settings();
		const key = JSON.stringify([settings.semanticSearch, settings.embeddingModel, settings.baseUrl, settings.apiKeySecret, settings.apiKey, settings.requestTimeoutSeconds]);
		if (key === this.configuredFrom) return;
		this.configuredFrom = key;
		const problem = semanticSearchProblem(settings);
		if (!settings.semanticSearch || problem !== null) {
			this.search = null;
			this.options.currentIndex().useSemanticRanker(null);
			// The sentence is said when it is new, not at every start or keystroke in the settings.
			if (problem !== null && problem !== this.lastProblem) new Notice(problem);
			this.lastProblem = problem;
			return;
		}
		this.lastProblem = null;
		this.search = new SemanticSearch({
			store: this.options.adapters.embeddingsStore,
			endpoint: {
				baseUrl: normalizedBaseUrl(settings.baseUrl),
				apiKey: apiKeyFrom(this.options.app, settings),
				model: settings.embeddingModel.trim(),
				fetch: this.options.adapters.fetch,
				timeoutMs: settings.requestTimeoutSeconds * 1000,
			},
			reader: this.options.adapters.reader,
			settings,
			say: (sentence) => new Notice(sentence),
			clock: this.options.adapters.clock,
		});
		this.search.attach(this.options.currentIndex());
	}

	/** A new index (a rebuild or new exclusions) gets the ranker too. */
	prepare(index: VaultIndex): void {
		if (this.search) this.search.attach(index);
	}

	/** Embeds what changed since the last update; one update at a time. Resolves when it is done (or declined, or failed). */
	update(): Promise<void> {
		const next = this.queue.then(() => this.updateNow());
		this.queue = next.catch(() => undefined);
		return next;
	}

	/** No update starts after the plugin unloads. */
	stop(): void {
		this.stopped = true;
	}

	private async updateNow(): Promise<void> {
		const search = this.search;
		if (!search || this.stopped) return;
		const plan = await search.plan(this.options.currentIndex());
		if (plan.sections === 0 && plan.removed.length === 0) return;
		if (plan.firstFull && plan.sections > 0) {
			const settings = this.options.settings();
			const cost = embeddingCostSentence(plan, settings.embeddingModel.trim(), search.client.endpoint.replace(/\/embeddings$/, ""));
			const accepted = await (this.options.confirm ?? ((text) => new EmbeddingCostModal(this.options.app, text).ask()))(cost);
			if (!accepted) {
				await this.options.turnOff();
				this.configure();
				new Notice("Semantic search is off again; nothing was sent. Turn it on in the settings when you want it.");
				return;
			}
		}
		// Settings changed while the modal was open: the newer configuration updates itself.
		if (search !== this.search || this.stopped) return;
		const outcome = await search.update(plan);
		if (plan.firstFull && outcome.error === null) new Notice(`Semantic search is ready: ${outcome.embedded} sections embedded.`);
	}
}
