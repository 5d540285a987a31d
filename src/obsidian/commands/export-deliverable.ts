/** Command "Export deliverable…": the deliverable in view as .docx, .pptx or .xlsx beside it; the office libraries load on first use. */
import { Notice, type App, type Command } from "obsidian";
import type { AppAdapters } from "../app-adapters";
import { parseNote } from "../../core/notes/parse-note";
import { isDeliverableFormat } from "../../core/deliverable/deliverable-format";
import { OFFERED_EXPORTS, type ExportFormat } from "../../core/export/export-format";
import { activeNoteOfKind } from "./active-note";
import { ExportFormatModal } from "./export-format-modal";

/** The export reads, writes and records through the app's adapters; its properties change through the editor. */
type ExportAdapters = Pick<AppAdapters, "reader" | "writer" | "links" | "editor" | "runLog">;

export function exportDeliverableCommand(app: App, adapters: ExportAdapters): Command {
	return {
		id: "export-deliverable",
		name: "Export deliverable…",
		checkCallback: (checking) => {
			const file = activeNoteOfKind(app, "deliverable");
			if (!file) return false;
			if (!checking) {
				void app.vault.cachedRead(file).then((text) => {
					// The kind as the exporter will read it, so the picker offers exactly what it accepts.
					const format = parseNote(file.path, text).properties.format;
					const offered = OFFERED_EXPORTS[typeof format === "string" && isDeliverableFormat(format) ? format : "report"];
					new ExportFormatModal(app, offered, (formats) => void exportTo(adapters, file.path, formats)).open();
				});
			}
			return true;
		},
	};
}

async function exportTo(adapters: ExportAdapters, path: string, formats: ExportFormat[]): Promise<void> {
	const notice = new Notice("Exporting…", 0);
	try {
		// Loaded here, not at start-up: the office writers and the Markdown parser run only when someone exports.
		const { exportDeliverable } = await import("../../core/export/export-deliverable");
		const { reader, writer, links, editor, runLog } = adapters;
		const result = await exportDeliverable(path, formats, { reader, writer, links, editor, runLog });
		notice.hide();
		new Notice(result.ok ? [`Exported: ${result.files.join(", ")}.`, ...result.warnings].join(" ") : result.error);
	} catch (error) {
		notice.hide();
		new Notice(`The export failed: ${error instanceof Error ? error.message : String(error)}`);
	}
}
