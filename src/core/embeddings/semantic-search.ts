/** Semantic search for one vault: the stored vectors, the endpoint, and the ranker the index uses, wired once for the app, the CLI and the bench. */
import type { KeyValueStore } from "../ports/key-value-store";
import type { VaultReader } from "../ports/vault-reader";
import type { Clock } from "../ports/clock";
import type { IndexSettings } from "../index/index-settings";
import type { VaultIndex } from "../index/vault-index";
import { EmbeddingClient, type EmbeddingClientOptions } from "./embedding-client";
import { EmbeddingStore } from "./embedding-store";
import { applyEmbeddingPlan, planEmbedding, type EmbeddingOutcome, type EmbeddingPlan } from "./embedding-sync";
import { FailureNotice } from "./failure-notice";
import { SemanticRanker } from "./semantic-ranker";

export interface SemanticSearchOptions {
	/** The store folder for vectors, beside the index cache (`<plugin folder>/embeddings`). */
	store: KeyValueStore;
	endpoint: EmbeddingClientOptions;
	reader: VaultReader;
	settings: IndexSettings;
	/** Where the one sentence about a failing endpoint goes (a notice in the app, stderr in the CLI). */
	say: (sentence: string) => void;
	clock?: Clock;
}

export class SemanticSearch {
	readonly client: EmbeddingClient;
	readonly store: EmbeddingStore;
	readonly failures: FailureNotice;
	readonly ranker: SemanticRanker;
	private queue: Promise<unknown> = Promise.resolve();

	constructor(private readonly options: SemanticSearchOptions) {
		this.client = new EmbeddingClient(options.endpoint);
		this.store = new EmbeddingStore(options.store, { model: this.client.model, endpoint: this.client.endpoint });
		this.failures = new FailureNotice(options.say);
		this.ranker = new SemanticRanker({ store: this.store, client: this.client, failures: this.failures, ...(options.clock ? { clock: options.clock } : {}) });
	}

	/** From now on the index's searches with snippets merge the ranking by meaning in. */
	attach(index: VaultIndex): void {
		index.useSemanticRanker(this.ranker);
	}

	/** What an update would send, and its cost; sends nothing. */
	plan(index: Pick<VaultIndex, "isIndexed">): Promise<EmbeddingPlan> {
		return this.exclusive(() =>
			planEmbedding({ store: this.store, reader: this.options.reader, index, settings: this.options.settings, ...(this.options.clock ? { clock: this.options.clock } : {}) }),
		);
	}

	/** Sends the plan's sections and stores the vectors; a failure is said once (see {@link FailureNotice}) and returned. */
	update(plan: EmbeddingPlan, onProgress?: (done: number, total: number) => void): Promise<EmbeddingOutcome> {
		return this.exclusive(async () => {
			const outcome = await applyEmbeddingPlan(plan, { store: this.store, client: this.client, ...(onProgress ? { onProgress } : {}) });
			if (outcome.error !== null) this.failures.failed(outcome.error);
			else if (outcome.embedded > 0) this.failures.succeeded();
			return outcome;
		});
	}

	/** Plans and embeds one after the other, never two updates at once (a plan made during another update would send its sections again). */
	private exclusive<T>(work: () => Promise<T>): Promise<T> {
		const next = this.queue.then(work, work);
		this.queue = next.catch(() => undefined);
		return next;
	}
}
