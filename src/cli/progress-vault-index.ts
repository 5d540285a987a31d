/** The vault index for the command line: every refresh or rebuild reports its progress unless told otherwise. */
import { VaultIndex, type IndexSummary, type ProgressListener, type VaultIndexOptions } from "../core/index/vault-index";
import type { Progress } from "./progress";

export class ProgressVaultIndex extends VaultIndex {
	constructor(
		options: VaultIndexOptions,
		private readonly progress: Progress,
	) {
		super(options);
	}

	override refresh(onProgress?: ProgressListener): Promise<IndexSummary> {
		return super.refresh(onProgress ?? ((done, total) => this.progress.indexing(done, total)));
	}

	override refreshNotes(onProgress?: ProgressListener): Promise<IndexSummary> {
		return super.refreshNotes(onProgress ?? ((done, total) => this.progress.indexing(done, total)));
	}

	override refreshForQuery(query: string, onProgress?: ProgressListener): Promise<IndexSummary> {
		return super.refreshForQuery(query, onProgress ?? ((done, total) => this.progress.indexing(done, total)));
	}

	override rebuild(onProgress?: ProgressListener): Promise<IndexSummary> {
		return super.rebuild(onProgress ?? ((done, total) => this.progress.indexing(done, total)));
	}

	override rebuildNotes(onProgress?: ProgressListener): Promise<IndexSummary> {
		return super.rebuildNotes(onProgress ?? ((done, total) => this.progress.indexing(done, total)));
	}
}
