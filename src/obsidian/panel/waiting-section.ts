/** The panel's "Waiting for you": drafts to review, newest first, with open, approve and request changes; and tools refused that need a grant. */
import { Notice, type App } from "obsidian";
import { reviewQueue } from "../../core/review/review-queue";
import type { DeliverableInfo } from "../../core/review/deliverable-info";
import type { RunRecord } from "../../core/ledger/run-record";
import { deniedTools } from "../../core/panel/denied-tools";
import { workflowName } from "../../core/panel/recent-runs";
import { ObsidianVaultLinks } from "../adapters/obsidian-vault-links";
import { FeedbackModal } from "../commands/feedback-modal";
import type { PanelServices } from "./coworker-panel-view";

/** The drafts as the review queue lists them (the index, caught up with edits made a moment ago). */
export async function readWaiting(app: App, services: Pick<PanelServices, "indexSync">): Promise<DeliverableInfo[]> {
	const { indexSync } = services;
	await indexSync.whenReady();
	await indexSync.catchUp();
	return reviewQueue(indexSync.index, indexSync.reader, new ObsidianVaultLinks(app.vault, app.metadataCache, app.fileManager));
}

export function drawWaiting(el: HTMLElement, app: App, services: PanelServices, drafts: readonly DeliverableInfo[], records: readonly RunRecord[], changed: () => void): void {
	el.createEl("h4", { text: "Waiting for you" });
	const denied = deniedTools(records);
	if (drafts.length === 0 && denied.length === 0) {
		el.createEl("p", { text: "Nothing waits for review." });
		return;
	}
	for (const draft of drafts) drawDraft(el.createDiv({ cls: "coworker-panel-draft" }), app, services, draft, changed);
	for (const tool of denied) el.createDiv({ cls: "coworker-panel-denied mod-warning", text: tool.sentence });
}

function drawDraft(el: HTMLElement, app: App, services: PanelServices, draft: DeliverableInfo, changed: () => void): void {
	const name = draft.path.replace(/^.*\//, "").replace(/\.md$/i, "");
	el.createDiv({ cls: "coworker-panel-draft-title", text: name });
	const from = draft.workflowPath ? `Workflow ${workflowName(draft.workflowPath)}` : "Delegated task";
	const sources = `${draft.sources.length} source${draft.sources.length === 1 ? "" : "s"}`;
	el.createDiv({ cls: "coworker-panel-detail", text: `${from} · ${sources} · ${draft.created.slice(0, 16).replace("T", " ")}` });
	const buttons = el.createDiv({ cls: "coworker-panel-buttons" });
	button(buttons, "Open", `Open ${name}`, () => void app.workspace.openLinkText(draft.path, "", false));
	const approve = button(buttons, "Approve", `Approve ${name}`, () => {
		approve.disabled = true;
		void services.review.approve(draft.path).then((result) => {
			new Notice(result.ok ? `Approved: ${name}.` : result.error);
			if (!result.ok) approve.disabled = false;
			changed();
		});
	});
	button(buttons, "Request changes", `Request changes to ${name}`, () =>
		new FeedbackModal(app, name, (feedback, choices) => {
			void services.review.requestChanges(draft.path, feedback, choices).then((result) => {
				if (!result.ok) new Notice(result.error);
				changed();
			});
		}).open(),
	);
}

/** A real button: focusable, and Enter or Space presses it. */
export function button(el: HTMLElement, text: string, label: string, onClick: () => void): HTMLButtonElement {
	const made = el.createEl("button", { text, attr: { "aria-label": label } });
	made.addEventListener("click", onClick);
	return made;
}
