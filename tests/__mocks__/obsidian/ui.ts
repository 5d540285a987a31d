/**
 * Notice, Modal, SuggestModal and Scope of the Obsidian double. Elements are real DOM (see dom.ts);
 * an open modal is attached to the document body, a shown notice to a `.notice-container` in it.
 */
import type { App } from "./app";
import { domWindow, newEl } from "./dom";
import type { PaneType } from "./workspace";

/**
 * Fake of Notice — see Reference/TypeScript API/Notice.md. Notices never time out on their own here.
 * The message may be a DocumentFragment, so a plugin can put a button in it (or append one to
 * messageEl later); as in Obsidian, a click anywhere in the notice, that button included, dismisses it
 * unless the handler stops the event. Test helper: clickNoticeButton in tests/helpers/fake-obsidian-app.ts.
 */
export class Notice {
	/** Test-only: the text of every message shown (constructor and setMessage), oldest first. */
	static readonly messages: string[] = [];

	/** Test-only: forgets the recorded messages. */
	static clearMessages(): void {
		Notice.messages.length = 0;
	}

	/** Fake of Notice.containerEl — see Reference/TypeScript API/Notice/containerEl.md */
	containerEl: HTMLElement;
	/** Fake of Notice.messageEl — see Reference/TypeScript API/Notice/messageEl.md */
	messageEl: HTMLElement;
	/** Fake of Notice.noticeEl (obsolete alias of messageEl) — see Reference/TypeScript API/Notice/noticeEl.md */
	noticeEl: HTMLElement;
	/** Test-only: the duration passed to the constructor. */
	readonly duration: number | undefined;

	/** Fake of the Notice constructor — see Reference/TypeScript API/Notice/(constructor).md */
	constructor(message: string | DocumentFragment, duration?: number) {
		this.duration = duration;
		this.containerEl = newEl("div", "notice");
		this.messageEl = this.containerEl.createDiv("notice-message");
		this.noticeEl = this.messageEl;
		this.containerEl.addEventListener("click", () => this.hide());
		this.setMessage(message);
		const body = domWindow().document.body;
		const host = body.querySelector(".notice-container") ?? body.createDiv("notice-container");
		host.appendChild(this.containerEl);
	}

	/** Fake of Notice.setMessage — see Reference/TypeScript API/Notice/setMessage.md */
	setMessage(message: string | DocumentFragment): this {
		const text = typeof message === "string" ? message : (message.textContent ?? "");
		this.messageEl.setText(message);
		Notice.messages.push(text);
		return this;
	}

	/** Fake of Notice.hide — see Reference/TypeScript API/Notice/hide.md */
	hide(): void {
		this.containerEl.detach();
	}
}

/** Shape of the handler Scope.register returns — see Reference/TypeScript API/KeymapEventHandler.md */
export interface KeymapEventHandler {
	scope: Scope;
	modifiers: string[] | null;
	key: string | null;
	func: (evt: KeyboardEvent, ctx: unknown) => unknown;
}

/** Fake of Scope — see Reference/TypeScript API/Scope.md (stores handlers; keys are not dispatched) */
export class Scope {
	/** Test-only: the registered handlers. */
	readonly handlers: KeymapEventHandler[] = [];

	constructor(readonly parent?: Scope) {}

	/** Fake of Scope.register — see Reference/TypeScript API/Scope/register.md */
	register(modifiers: string[] | null, key: string | null, func: (evt: KeyboardEvent, ctx: unknown) => unknown): KeymapEventHandler {
		const handler: KeymapEventHandler = { scope: this, modifiers, key, func };
		this.handlers.push(handler);
		return handler;
	}

	/** Fake of Scope.unregister — see Reference/TypeScript API/Scope/unregister.md */
	unregister(handler: KeymapEventHandler): void {
		const index = this.handlers.indexOf(handler);
		if (index !== -1) this.handlers.splice(index, 1);
	}
}

/** Shape of Obsidian's Modifier — see Reference/TypeScript API/Modifier.md */
export type Modifier = "Mod" | "Ctrl" | "Meta" | "Shift" | "Alt";

/**
 * Fake of Keymap — see Reference/TypeScript API/Keymap.md (the static helpers only). The double
 * plays Linux (see Platform), so "Mod" is Ctrl.
 */
export class Keymap {
	/** Fake of Keymap.isModifier — see Reference/TypeScript API/Keymap/isModifier.md */
	static isModifier(evt: MouseEvent | TouchEvent | KeyboardEvent, modifier: Modifier): boolean {
		switch (modifier) {
			case "Mod":
			case "Ctrl":
				return evt.ctrlKey;
			case "Meta":
				return evt.metaKey;
			case "Shift":
				return evt.shiftKey;
			case "Alt":
				return evt.altKey;
		}
	}

	/**
	 * Fake of Keymap.isModEvent — see Reference/TypeScript API/Keymap/isModEvent.md: 'window' for
	 * Mod+Alt+Shift, 'split' for Mod+Alt, 'tab' for Mod or a middle click, else false.
	 */
	static isModEvent(evt?: MouseEvent | KeyboardEvent | TouchEvent | PointerEvent | DragEvent | null): PaneType | boolean {
		if (!evt) return false;
		if (Keymap.isModifier(evt, "Mod")) {
			if (evt.altKey) return evt.shiftKey ? "window" : "split";
			return "tab";
		}
		return "button" in evt && evt.button === 1 ? "tab" : false;
	}
}

/** Fake of Modal — see Reference/TypeScript API/Modal.md */
export class Modal {
	/** Fake of Modal.app — see Reference/TypeScript API/Modal/app.md */
	app: App;
	/** Fake of Modal.scope — see Reference/TypeScript API/Modal/scope.md */
	scope: Scope;
	/** Fake of Modal.containerEl — see Reference/TypeScript API/Modal/containerEl.md */
	containerEl: HTMLElement;
	/** Fake of Modal.modalEl — see Reference/TypeScript API/Modal/modalEl.md */
	modalEl: HTMLElement;
	/** Fake of Modal.titleEl — see Reference/TypeScript API/Modal/titleEl.md */
	titleEl: HTMLElement;
	/** Fake of Modal.contentEl — see Reference/TypeScript API/Modal/contentEl.md */
	contentEl: HTMLElement;
	/** Fake of Modal.shouldRestoreSelection — see Reference/TypeScript API/Modal/shouldRestoreSelection.md */
	shouldRestoreSelection = false;
	#open = false;
	#closeCallback: (() => unknown) | null = null;

	/** Fake of the Modal constructor — see Reference/TypeScript API/Modal/(constructor).md */
	constructor(app: App) {
		this.app = app;
		this.scope = new Scope();
		this.containerEl = newEl("div", "modal-container");
		this.containerEl.createDiv("modal-bg");
		this.modalEl = this.containerEl.createDiv("modal");
		const closeButton = this.modalEl.createDiv("modal-close-button");
		closeButton.addEventListener("click", () => this.close());
		const headerEl = this.modalEl.createDiv("modal-header");
		this.titleEl = headerEl.createDiv("modal-title");
		this.contentEl = this.modalEl.createDiv("modal-content");
	}

	/** Fake of Modal.open — see Reference/TypeScript API/Modal/open.md (attaches to the body, then calls onOpen without awaiting it) */
	open(): void {
		if (this.#open) return;
		this.#open = true;
		domWindow().document.body.appendChild(this.containerEl);
		void this.onOpen();
	}

	/** Fake of Modal.close — see Reference/TypeScript API/Modal/close.md (detaches, then onClose, then the close callback) */
	close(): void {
		if (!this.#open) return;
		this.#open = false;
		this.containerEl.detach();
		this.onClose();
		this.#closeCallback?.();
	}

	/** Fake of Modal.onOpen — see Reference/TypeScript API/Modal/onOpen.md */
	onOpen(): Promise<void> | void {
		// Override to build the content.
	}

	/** Fake of Modal.onClose — see Reference/TypeScript API/Modal/onClose.md */
	onClose(): void {
		// Override to clean up.
	}

	/** Fake of Modal.setTitle — see Reference/TypeScript API/Modal/setTitle.md */
	setTitle(title: string): this {
		this.titleEl.setText(title);
		return this;
	}

	/** Fake of Modal.setContent — see Reference/TypeScript API/Modal/setContent.md */
	setContent(content: string | DocumentFragment): this {
		this.contentEl.setText(content);
		return this;
	}

	/** Fake of Modal.setCloseCallback — see Reference/TypeScript API/Modal/setCloseCallback.md */
	setCloseCallback(callback: () => unknown): this {
		this.#closeCallback = callback;
		return this;
	}
}

/** Shape of Obsidian's Instruction — see Reference/TypeScript API/Instruction.md */
export interface Instruction {
	command: string;
	purpose: string;
}

/**
 * Fake of SuggestModal — see Reference/TypeScript API/SuggestModal.md. Suggestions for the input's
 * value are fetched on open and on every 'input' event; only the latest query's results are rendered.
 * Test helpers: setQuery(q) and chooseSuggestion(i).
 */
export abstract class SuggestModal<T> extends Modal {
	/** Fake of SuggestModal.limit — see Reference/TypeScript API/SuggestModal/limit.md */
	limit = 100;
	/** Fake of SuggestModal.emptyStateText — see Reference/TypeScript API/SuggestModal/emptyStateText.md */
	emptyStateText = "No results found.";
	/** Fake of SuggestModal.inputEl — see Reference/TypeScript API/SuggestModal/inputEl.md */
	inputEl: HTMLInputElement;
	/** Fake of SuggestModal.resultContainerEl — see Reference/TypeScript API/SuggestModal/resultContainerEl.md */
	resultContainerEl: HTMLElement;
	#instructionsEl: HTMLElement;
	#suggestions: T[] = [];
	#selected = 0;
	#query = 0;

	/** Fake of the SuggestModal constructor — see Reference/TypeScript API/SuggestModal/(constructor).md */
	constructor(app: App) {
		super(app);
		this.modalEl.addClass("prompt");
		this.inputEl = this.modalEl.createDiv("prompt-input-container").createEl("input", { cls: "prompt-input", type: "text" });
		this.resultContainerEl = this.modalEl.createDiv("prompt-results");
		this.#instructionsEl = this.modalEl.createDiv("prompt-instructions");
		this.inputEl.addEventListener("input", () => void this.#update());
	}

	/** Fake of SuggestModal.getSuggestions — see Reference/TypeScript API/SuggestModal/getSuggestions.md */
	abstract getSuggestions(query: string): T[] | Promise<T[]>;
	/** Fake of SuggestModal.renderSuggestion — see Reference/TypeScript API/SuggestModal/renderSuggestion.md */
	abstract renderSuggestion(value: T, el: HTMLElement): void;
	/** Fake of SuggestModal.onChooseSuggestion — see Reference/TypeScript API/SuggestModal/onChooseSuggestion.md */
	abstract onChooseSuggestion(item: T, evt: MouseEvent | KeyboardEvent): void;

	/** Fake of Modal.open for SuggestModal — see Reference/TypeScript API/Modal/open.md (also fetches suggestions for the current input) */
	override open(): void {
		super.open();
		void this.#update();
	}

	/** Fake of SuggestModal.setPlaceholder — see Reference/TypeScript API/SuggestModal/setPlaceholder.md */
	setPlaceholder(placeholder: string): void {
		this.inputEl.setAttr("placeholder", placeholder);
	}

	/** Fake of SuggestModal.setInstructions — see Reference/TypeScript API/SuggestModal/setInstructions.md */
	setInstructions(instructions: Instruction[]): void {
		this.#instructionsEl.empty();
		for (const { command, purpose } of instructions) {
			const el = this.#instructionsEl.createDiv("prompt-instruction");
			el.createSpan({ cls: "prompt-instruction-command", text: command });
			el.createSpan({ text: purpose });
		}
	}

	/** Fake of SuggestModal.onNoSuggestion — see Reference/TypeScript API/SuggestModal/onNoSuggestion.md (shows emptyStateText) */
	onNoSuggestion(): void {
		this.resultContainerEl.empty();
		this.resultContainerEl.createDiv({ cls: "suggestion-empty", text: this.emptyStateText });
	}

	/** Fake of SuggestModal.selectSuggestion — see Reference/TypeScript API/SuggestModal/selectSuggestion.md (closes, then onChooseSuggestion, as Obsidian does) */
	selectSuggestion(value: T, evt: MouseEvent | KeyboardEvent): void {
		this.close();
		this.onChooseSuggestion(value, evt);
	}

	/** Fake of SuggestModal.selectActiveSuggestion — see Reference/TypeScript API/SuggestModal/selectActiveSuggestion.md */
	selectActiveSuggestion(evt: MouseEvent | KeyboardEvent): void {
		if (this.#selected < this.#suggestions.length) this.selectSuggestion(this.#suggestions[this.#selected] as T, evt);
	}

	/** Test-only: types `query` into the input and resolves to the suggestions rendered for it. */
	async setQuery(query: string): Promise<T[]> {
		this.inputEl.value = query;
		return this.#update();
	}

	/** Test-only: the suggestions currently rendered. */
	get currentSuggestions(): readonly T[] {
		return this.#suggestions;
	}

	/** Test-only: picks the rendered suggestion at `index` as Enter would (closes, then onChooseSuggestion). Returns it. */
	chooseSuggestion(index: number): T {
		if (index < 0 || index >= this.#suggestions.length) throw new RangeError(`No suggestion at index ${index} (${this.#suggestions.length} shown)`);
		const item = this.#suggestions[index] as T;
		this.selectSuggestion(item, new (domWindow().KeyboardEvent)("keydown", { key: "Enter" }));
		return item;
	}

	async #update(): Promise<T[]> {
		const token = ++this.#query;
		const results = await this.getSuggestions(this.inputEl.value);
		if (token !== this.#query) return this.#suggestions;
		this.#suggestions = results.slice(0, this.limit);
		this.#selected = 0;
		this.resultContainerEl.empty();
		if (this.#suggestions.length === 0) {
			this.onNoSuggestion();
			return this.#suggestions;
		}
		this.#suggestions.forEach((item, i) => {
			const el = this.resultContainerEl.createDiv({ cls: i === this.#selected ? "suggestion-item is-selected" : "suggestion-item" });
			el.addEventListener("click", (evt) => this.selectSuggestion(item, evt));
			this.renderSuggestion(item, el);
		});
		return this.#suggestions;
	}
}
