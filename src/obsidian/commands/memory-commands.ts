/** Commands "Remember selection" (a dated bullet with a link back) and "Open memory". */
import { MarkdownView, Notice, type App, type Command } from "obsidian";
import { appendToSection } from "../../core/review/note-sections";
import { localDate } from "../../core/run/local-time";
import type { ReviewService } from "../review/review-service";

export function rememberSelectionCommand(app: App, review: ReviewService): Command {
	return {
		id: "remember-selection",
		name: "Remember selection",
		checkCallback: (checking) => {
			const view = app.workspace.getActiveViewOfType(MarkdownView);
			const selection = view?.editor.getSelection().trim() ?? "";
			if (!view?.file || selection === "") return false;
			if (!checking) {
				const source = view.file;
				void (async () => {
					const memory = await review.memoryNote();
					const link = app.fileManager.generateMarkdownLink(source, memory);
					const bullet = `- ${localDate(Date.now())}: ${selection.replace(/\s*\n\s*/g, " ")} (from ${link})`;
					await review.editor().process(memory, (text) => appendToSection(text, "Remembered", bullet));
					new Notice("Remembered: the coworker reads it on every run.");
				})();
			}
			return true;
		},
	};
}

export function openMemoryCommand(app: App, review: ReviewService): Command {
	return {
		id: "open-memory",
		name: "Open memory",
		callback: () =>
			void review.memoryNote().then(async (path) => {
				const file = app.vault.getFileByPath(path);
				if (file) await app.workspace.getLeaf(false).openFile(file);
			}),
	};
}
