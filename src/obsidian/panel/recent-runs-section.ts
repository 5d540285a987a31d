/** The panel's "Recent runs": status, duration, tokens and estimated cost, and the deliverable or the error sentence. */
import type { App } from "obsidian";
import type { RunRecord } from "../../core/ledger/run-record";
import type { ModelPrices } from "../../core/panel/model-prices";
import { recentRunRows } from "../../core/panel/recent-runs";
import { button } from "./panel-button";

/** Runs read for the panel; the denied tools look at the same records. */
export const RECENT_RUNS = 10;

export function drawRecentRuns(el: HTMLElement, app: App, records: readonly RunRecord[], prices: ModelPrices): void {
	el.createEl("h4", { text: "Recent runs" });
	if (records.length === 0) {
		el.createEl("p", { text: "No runs yet." });
		return;
	}
	for (const row of recentRunRows(records, prices)) {
		const item = el.createDiv({ cls: `coworker-panel-run coworker-status-${row.status}` });
		item.createDiv({ cls: "coworker-panel-run-title", text: row.title });
		item.createDiv({ cls: "coworker-panel-detail", text: [row.statusText, row.duration, row.tokens, row.cost].filter((part) => part !== "").join(" · ") });
		if (row.deliverable) {
			const path = row.deliverable;
			const name = path.replace(/^.*\//, "").replace(/\.md$/i, "");
			button(item, name, `Open ${name}`, () => void app.workspace.openLinkText(path, "", false)).addClass("coworker-panel-link");
		}
		if (row.error) item.createDiv({ cls: "coworker-panel-reason mod-warning", text: row.error });
	}
}
