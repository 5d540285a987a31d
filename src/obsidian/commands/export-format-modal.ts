/** Picks the office format(s) to export a deliverable to, among those that make sense for its kind. */
import { SuggestModal, type App } from "obsidian";
import { EXPORT_LABELS, type ExportFormat } from "../../core/export/export-format";

export interface ExportChoice {
	label: string;
	formats: ExportFormat[];
}

export class ExportFormatModal extends SuggestModal<ExportChoice> {
	constructor(
		app: App,
		private readonly offered: readonly ExportFormat[],
		private readonly onPick: (formats: ExportFormat[]) => void,
	) {
		super(app);
		this.setPlaceholder("Export to…");
	}

	getSuggestions(query: string): ExportChoice[] {
		const choices = [...this.offered.map((format) => ({ label: EXPORT_LABELS[format], formats: [format] })), { label: "All of these", formats: [...this.offered] }];
		return choices.filter((choice) => choice.label.toLowerCase().includes(query.toLowerCase().trim()));
	}

	renderSuggestion(choice: ExportChoice, el: HTMLElement): void {
		el.createDiv({ text: choice.label });
	}

	onChooseSuggestion(choice: ExportChoice): void {
		this.onPick(choice.formats);
	}
}
