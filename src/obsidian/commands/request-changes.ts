/** Command "Request changes…": feedback on the deliverable in view becomes a lesson, and optionally a revision. */
import { Notice, type App, type Command } from "obsidian";
import type { ReviewService } from "../review/review-service";
import { FeedbackModal } from "./feedback-modal";
import { activeNoteOfKind } from "./active-note";

export function requestChangesCommand(app: App, review: ReviewService): Command {
	return {
		id: "request-changes",
		name: "Request changes…",
		checkCallback: (checking) => {
			const file = activeNoteOfKind(app, "deliverable");
			if (!file) return false;
			if (!checking) {
				new FeedbackModal(app, file.basename, (feedback, choices) => {
					void review.requestChanges(file.path, feedback, choices).then((result) => {
						if (!result.ok) new Notice(result.error);
						else if (!result.revision) {
							new Notice(`Sent back: ${file.basename}. ${result.lessonIn ? `The feedback is a lesson in ${result.lessonIn}.` : "The feedback is kept in its properties."}`);
						}
					});
				}).open();
			}
			return true;
		},
	};
}
