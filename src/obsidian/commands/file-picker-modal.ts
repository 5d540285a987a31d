/** Picks a note or CSV file of the vault by typing part of its path. */
import { SuggestModal, type App, type TFile } from "obsidian";

const LIMIT = 50;

export class FilePickerModal extends SuggestModal<TFile> {
	constructor(
		app: App,
		private readonly onPick: (file: TFile) => void,
	) {
		super(app);
		this.limit = LIMIT;
		this.setPlaceholder("Type part of a note's or CSV file's path…");
		this.emptyStateText = "No matching notes or CSV files.";
	}

	getSuggestions(query: string): TFile[] {
		const words = query.toLowerCase().split(/\s+/).filter((word) => word !== "");
		return this.app.vault
			.getFiles()
			.filter((file) => file.extension === "md" || file.extension === "csv")
			.filter((file) => words.every((word) => file.path.toLowerCase().includes(word)))
			.sort((a, b) => b.stat.mtime - a.stat.mtime)
			.slice(0, LIMIT);
	}

	renderSuggestion(file: TFile, el: HTMLElement): void {
		el.createDiv({ text: file.basename });
		el.createDiv({ cls: "coworker-search-hit-path", text: file.path });
	}

	onChooseSuggestion(file: TFile): void {
		this.onPick(file);
	}
}
