/** Command "Approve deliverable": `status: approved` and `reviewed` on the deliverable in view, atomically. */
import { Notice, type App, type Command } from "obsidian";
import type { ReviewService } from "../review/review-service";
import { activeNoteOfKind } from "./active-note";

export function approveDeliverableCommand(app: App, review: ReviewService): Command {
	return {
		id: "approve-deliverable",
		name: "Approve deliverable",
		checkCallback: (checking) => {
			const file = activeNoteOfKind(app, "deliverable");
			if (!file) return false;
			if (!checking) {
				void review.approve(file.path).then((result) => new Notice(result.ok ? `Approved: ${file.basename}.` : result.error));
			}
			return true;
		},
	};
}
