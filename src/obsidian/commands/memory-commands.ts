/** Commands "Remember selection" (a dated bullet with a link back) and "Open memory". */
import { Notice, type App, type Command } from "obsidian";
import { appendToSection } from "../../core/review/note-sections";
import { localDate } from "../../core/run/local-time";
import type { ReviewService } from "../review/review-service";

export function rememberSelectionCommand(app: App, review: ReviewService): Command {
	return {
		id: "remember-selection",
		name: "Remember selection",
		// It needs an editor with a selection: Obsidian offers it only where a Markdown editor is active.
		editorCheckCallback: (checking, editor, context) => {
			const selection = editor.getSelection().trim();
			const source = context.file;
			if (!source || selection === "") return false;
			if (!checking) {
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
