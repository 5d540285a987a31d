/** Where a delegate command was run from: the note in view and the text selected in it. */
import { MarkdownView, type App } from "obsidian";
import type { DelegateOrigin } from "./delegate-choices";

export function delegateOrigin(app: App): DelegateOrigin {
	const view = app.workspace.getActiveViewOfType(MarkdownView);
	const file = view?.file ?? app.workspace.getActiveFile();
	return {
		activeFile: file && (file.extension === "md" || file.extension === "csv") ? file.path : null,
		selection: view?.editor.getSelection() ?? "",
	};
}
