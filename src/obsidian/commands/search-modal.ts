/** The "Search vault context…" modal: type words, see notes with heading and snippet, Enter opens the note there. */
import { Keymap, SuggestModal, type App } from "obsidian";
import type { SearchHit } from "../../core/index/note-search";
import type { IndexSync } from "../index/index-sync";

const RESULT_LIMIT = 20;

export class SearchModal extends SuggestModal<SearchHit> {
	constructor(
		app: App,
		private readonly sync: IndexSync,
	) {
		super(app);
		this.limit = RESULT_LIMIT;
		this.setPlaceholder("Describe what you are looking for…");
		this.setInstructions([
			{ command: "↑↓", purpose: "to navigate" },
			{ command: "↵", purpose: "to open at the heading" },
			{ command: "Ctrl/Cmd-click", purpose: "to open in a new tab" },
			{ command: "esc", purpose: "to dismiss" },
		]);
		this.emptyStateText = sync.ready ? "No matching notes." : "The vault index is still being built; try again in a moment.";
	}

	async getSuggestions(query: string): Promise<SearchHit[]> {
		if (query.trim().length < 2) return [];
		return this.sync.index.searchWithSnippets(query, RESULT_LIMIT);
	}

	renderSuggestion(hit: SearchHit, el: HTMLElement): void {
		el.addClass("coworker-search-hit");
		const head = el.createDiv({ cls: "coworker-search-hit-title" });
		head.createSpan({ text: hit.title });
		if (hit.heading) head.createSpan({ cls: "coworker-search-hit-heading", text: ` › ${hit.heading}` });
		el.createDiv({ cls: "coworker-search-hit-path", text: hit.path });
		if (hit.snippet) el.createDiv({ cls: "coworker-search-hit-snippet", text: hit.snippet });
	}

	/** A modifier click (Ctrl/Cmd, or the middle button) opens a new tab, as links do elsewhere in Obsidian. */
	onChooseSuggestion(hit: SearchHit, evt: MouseEvent | KeyboardEvent): void {
		const linktext = hit.heading ? `${hit.path}#${hit.heading}` : hit.path;
		void this.app.workspace.openLinkText(linktext, "", Keymap.isModEvent(evt));
	}
}
