/** Command "Review queue": the drafts waiting for review, newest first; also writes Coworker/Review.base for the Bases plugin. */
import { normalizePath, SuggestModal, type App, type Command } from "obsidian";
import { REVIEW_BASE, REVIEW_BASE_PATH, reviewQueue } from "../../core/review/review-queue";
import type { DeliverableInfo } from "../../core/review/deliverable-info";
import type { IndexSync } from "../index/index-sync";
import { ObsidianVaultLinks } from "../adapters/obsidian-vault-links";
import { ObsidianVaultWriter } from "../adapters/obsidian-vault-writer";

export class ReviewQueueModal extends SuggestModal<DeliverableInfo> {
	constructor(
		app: App,
		private readonly drafts: readonly DeliverableInfo[],
	) {
		super(app);
		this.setPlaceholder("Drafts waiting for review, newest first");
		this.emptyStateText = "Nothing is waiting for review.";
	}

	getSuggestions(query: string): DeliverableInfo[] {
		const words = query.toLowerCase().split(/\s+/).filter((word) => word !== "");
		return this.drafts.filter((draft) => words.every((word) => draft.path.toLowerCase().includes(word)));
	}

	renderSuggestion(draft: DeliverableInfo, el: HTMLElement): void {
		el.createDiv({ text: draft.path.replace(/^.*\//, "").replace(/\.md$/i, "") });
		const from = draft.workflowPath ? `workflow ${draft.workflowPath.replace(/^.*\//, "").replace(/\.md$/i, "")}` : "delegated task";
		el.createDiv({ cls: "coworker-search-hit-path", text: `${draft.created.slice(0, 16).replace("T", " ")} · ${from} · ${draft.sources.length} source${draft.sources.length === 1 ? "" : "s"}` });
	}

	onChooseSuggestion(draft: DeliverableInfo): void {
		void this.app.workspace.openLinkText(draft.path, "", false);
	}
}

export function reviewQueueCommand(app: App, indexSync: IndexSync): Command {
	return {
		id: "review-queue",
		name: "Review queue",
		callback: () => void openReviewQueue(app, indexSync),
	};
}

export async function openReviewQueue(app: App, indexSync: IndexSync): Promise<ReviewQueueModal> {
	await indexSync.whenReady();
	await indexSync.catchUp();
	// The base is the user's once written: it is created when missing, never overwritten.
	if (app.vault.getAbstractFileByPath(normalizePath(REVIEW_BASE_PATH)) === null) {
		await new ObsidianVaultWriter(app.vault, app.fileManager).create(REVIEW_BASE_PATH, REVIEW_BASE);
	}
	const drafts = await reviewQueue(indexSync.index, indexSync.reader, new ObsidianVaultLinks(app.vault, app.metadataCache, app.fileManager));
	const modal = new ReviewQueueModal(app, drafts);
	modal.open();
	return modal;
}
