/** Editor of the Obsidian double: a plain-text model of a note with CodeMirror-style positions and selections. */

/** Shape of Obsidian's EditorPosition — see Reference/TypeScript API/EditorPosition.md (0-based line and column) */
export interface EditorPosition {
	line: number;
	ch: number;
}

/** Shape of Obsidian's EditorRange — see Reference/TypeScript API/EditorRange.md */
export interface EditorRange {
	from: EditorPosition;
	to: EditorPosition;
}

/** Shape of Obsidian's EditorSelection — see Reference/TypeScript API/EditorSelection.md */
export interface EditorSelection {
	anchor: EditorPosition;
	head: EditorPosition;
}

/** Shape of Obsidian's EditorSelectionOrCaret — see Reference/TypeScript API/EditorSelectionOrCaret.md */
export interface EditorSelectionOrCaret {
	anchor: EditorPosition;
	head?: EditorPosition;
}

/** Selections as offsets into the text, the model the double keeps. */
interface OffsetSelection {
	anchor: number;
	head: number;
}

function notFaked(name: string): never {
	throw new Error(`Editor.${name} is not faked by the obsidian double`);
}

/**
 * Fake of Editor — see Reference/TypeScript API/Editor.md. Obsidian's class is abstract and plugins
 * only receive instances (from MarkdownView.editor or an editor command); the double's MarkdownView
 * builds one holding the note's text. Lines are split on "\n". Edits map the selections the way
 * CodeMirror does (a caret at the insertion point stays before the inserted text) and are reported
 * to the view, which saves them to the file (see MarkdownView). There is no rendering, folding,
 * history or keymap: undo, redo, exec, transaction and processLines throw.
 */
export class Editor {
	#text = "";
	#selections: OffsetSelection[] = [{ anchor: 0, head: 0 }];
	#main = 0;
	#focused = false;
	readonly #onChange: () => void;

	/** `onChange` is called after every edit (the view uses it to save and fire 'editor-change'). */
	constructor(onChange: () => void = () => undefined) {
		this.#onChange = onChange;
	}

	/** Fake of Editor.getDoc — see Reference/TypeScript API/Editor/getDoc.md */
	getDoc(): this {
		return this;
	}

	/** Fake of Editor.refresh — see Reference/TypeScript API/Editor/refresh.md (nothing to redraw) */
	refresh(): void {
		// Nothing is rendered.
	}

	/** Fake of Editor.getValue — see Reference/TypeScript API/Editor/getValue.md */
	getValue(): string {
		return this.#text;
	}

	/** Fake of Editor.setValue — see Reference/TypeScript API/Editor/setValue.md (selections are kept, clamped to the new text) */
	setValue(content: string): void {
		this.#text = content;
		this.#selections = this.#selections.map(({ anchor, head }) => ({ anchor: this.#clamp(anchor), head: this.#clamp(head) }));
		this.#onChange();
	}

	/** Fake of Editor.getLine — see Reference/TypeScript API/Editor/getLine.md (0-indexed; "" past the end) */
	getLine(line: number): string {
		return this.#lines()[line] ?? "";
	}

	/** Fake of Editor.setLine — see Reference/TypeScript API/Editor/setLine.md */
	setLine(n: number, text: string): void {
		this.replaceRange(text, { line: n, ch: 0 }, { line: n, ch: this.getLine(n).length });
	}

	/** Fake of Editor.lineCount — see Reference/TypeScript API/Editor/lineCount.md */
	lineCount(): number {
		return this.#lines().length;
	}

	/** Fake of Editor.lastLine — see Reference/TypeScript API/Editor/lastLine.md */
	lastLine(): number {
		return this.lineCount() - 1;
	}

	/** Fake of Editor.getSelection — see Reference/TypeScript API/Editor/getSelection.md (several selections are joined with "\n", as CodeMirror does) */
	getSelection(): string {
		return this.#sorted()
			.map(({ anchor, head }) => this.#text.slice(Math.min(anchor, head), Math.max(anchor, head)))
			.join("\n");
	}

	/** Fake of Editor.somethingSelected — see Reference/TypeScript API/Editor/somethingSelected.md (true if any selection is not empty) */
	somethingSelected(): boolean {
		return this.#selections.some(({ anchor, head }) => anchor !== head);
	}

	/** Fake of Editor.getRange — see Reference/TypeScript API/Editor/getRange.md */
	getRange(from: EditorPosition, to: EditorPosition): string {
		const a = this.posToOffset(from);
		const b = this.posToOffset(to);
		return this.#text.slice(Math.min(a, b), Math.max(a, b));
	}

	/** Fake of Editor.replaceSelection — see Reference/TypeScript API/Editor/replaceSelection.md (every selection; each caret ends after its replacement) */
	replaceSelection(replacement: string, origin?: string): void {
		const ranges = this.#sorted().map(({ anchor, head }) => [Math.min(anchor, head), Math.max(anchor, head)] as const);
		let text = this.#text;
		let shift = 0;
		const carets: OffsetSelection[] = [];
		for (const [from, to] of ranges) {
			text = text.slice(0, from + shift) + replacement + text.slice(to + shift);
			shift += replacement.length - (to - from);
			const caret = to + shift;
			carets.push({ anchor: caret, head: caret });
		}
		this.#text = text;
		this.#selections = carets;
		this.#main = Math.min(this.#main, carets.length - 1);
		this.#onChange();
	}

	/**
	 * Fake of Editor.replaceRange — see Reference/TypeScript API/Editor/replaceRange.md: replaces from
	 * `from` to `to` (an insertion at `from` without `to`). Selections after the range move with the
	 * text; a caret at an insertion point stays before the new text, as in Obsidian.
	 */
	replaceRange(replacement: string, from: EditorPosition, to?: EditorPosition, origin?: string): void {
		const a = this.posToOffset(from);
		const b = to ? this.posToOffset(to) : a;
		const start = Math.min(a, b);
		const end = Math.max(a, b);
		const delta = replacement.length - (end - start);
		const map = (pos: number): number => (pos <= start ? pos : pos >= end ? pos + delta : start);
		this.#text = this.#text.slice(0, start) + replacement + this.#text.slice(end);
		this.#selections = this.#selections.map(({ anchor, head }) => ({ anchor: map(anchor), head: map(head) }));
		this.#onChange();
	}

	/**
	 * Fake of Editor.getCursor — see Reference/TypeScript API/Editor/getCursor.md: of the main selection,
	 * 'head' (the default, as in CodeMirror), 'anchor', or the start ('from') or end ('to').
	 */
	getCursor(side: "from" | "to" | "head" | "anchor" = "head"): EditorPosition {
		const { anchor, head } = this.#selections[this.#main] ?? { anchor: 0, head: 0 };
		const offset = side === "anchor" ? anchor : side === "from" ? Math.min(anchor, head) : side === "to" ? Math.max(anchor, head) : head;
		return this.offsetToPos(offset);
	}

	/** Fake of Editor.listSelections — see Reference/TypeScript API/Editor/listSelections.md (in document order) */
	listSelections(): EditorSelection[] {
		return this.#sorted().map(({ anchor, head }) => ({ anchor: this.offsetToPos(anchor), head: this.offsetToPos(head) }));
	}

	/** Fake of Editor.setCursor — see Reference/TypeScript API/Editor/setCursor.md (a line number with `ch`, or a position) */
	setCursor(pos: EditorPosition | number, ch?: number): void {
		const position = typeof pos === "number" ? { line: pos, ch: ch ?? 0 } : pos;
		this.setSelection(position);
	}

	/** Fake of Editor.setSelection — see Reference/TypeScript API/Editor/setSelection.md (replaces all selections by one) */
	setSelection(anchor: EditorPosition, head?: EditorPosition): void {
		const a = this.posToOffset(anchor);
		this.#selections = [{ anchor: a, head: head ? this.posToOffset(head) : a }];
		this.#main = 0;
	}

	/** Fake of Editor.setSelections — see Reference/TypeScript API/Editor/setSelections.md (`main` defaults to 0, as in CodeMirror 6's EditorSelection.create) */
	setSelections(ranges: EditorSelectionOrCaret[], main?: number): void {
		if (ranges.length === 0) return;
		this.#selections = ranges.map(({ anchor, head }) => {
			const a = this.posToOffset(anchor);
			return { anchor: a, head: head ? this.posToOffset(head) : a };
		});
		this.#main = Math.max(0, Math.min(main ?? 0, ranges.length - 1));
	}

	/** Fake of Editor.focus — see Reference/TypeScript API/Editor/focus.md */
	focus(): void {
		this.#focused = true;
	}

	/** Fake of Editor.blur — see Reference/TypeScript API/Editor/blur.md */
	blur(): void {
		this.#focused = false;
	}

	/** Fake of Editor.hasFocus — see Reference/TypeScript API/Editor/hasFocus.md (after focus(), until blur()) */
	hasFocus(): boolean {
		return this.#focused;
	}

	/** Fake of Editor.getScrollInfo — see Reference/TypeScript API/Editor/getScrollInfo.md (nothing scrolls in the double) */
	getScrollInfo(): { top: number; left: number } {
		return { top: 0, left: 0 };
	}

	/** Fake of Editor.scrollTo — see Reference/TypeScript API/Editor/scrollTo.md (nothing scrolls in the double) */
	scrollTo(x?: number | null, y?: number | null): void {
		// Nothing is rendered.
	}

	/** Fake of Editor.scrollIntoView — see Reference/TypeScript API/Editor/scrollIntoView.md (nothing scrolls in the double) */
	scrollIntoView(range: EditorRange, center?: boolean): void {
		// Nothing is rendered.
	}

	/** Editor.undo — see Reference/TypeScript API/Editor/undo.md: not faked (no history). */
	undo(): void {
		notFaked("undo");
	}

	/** Editor.redo — see Reference/TypeScript API/Editor/redo.md: not faked (no history). */
	redo(): void {
		notFaked("redo");
	}

	/** Editor.exec — see Reference/TypeScript API/Editor/exec.md: not faked. */
	exec(command: string): void {
		notFaked("exec");
	}

	/** Editor.transaction — see Reference/TypeScript API/Editor/transaction.md: not faked. */
	transaction(tx: unknown, origin?: string): void {
		notFaked("transaction");
	}

	/** Editor.processLines — see Reference/TypeScript API/Editor/processLines.md: not faked. */
	processLines(read: unknown, write: unknown, ignoreEmpty?: boolean): void {
		notFaked("processLines");
	}

	/** Fake of Editor.wordAt — see Reference/TypeScript API/Editor/wordAt.md (a run of letters, digits and "_" around `pos`, or null) */
	wordAt(pos: EditorPosition): EditorRange | null {
		const offset = this.posToOffset(pos);
		const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);
		let start = offset;
		let end = offset;
		while (start > 0 && isWord(this.#text[start - 1])) start--;
		while (end < this.#text.length && isWord(this.#text[end])) end++;
		return start === end ? null : { from: this.offsetToPos(start), to: this.offsetToPos(end) };
	}

	/** Fake of Editor.posToOffset — see Reference/TypeScript API/Editor/posToOffset.md (positions outside the text are clamped, as in CodeMirror) */
	posToOffset(pos: EditorPosition): number {
		const lines = this.#lines();
		if (pos.line < 0) return 0;
		if (pos.line >= lines.length) return this.#text.length;
		let offset = 0;
		for (let i = 0; i < pos.line; i++) offset += (lines[i] ?? "").length + 1;
		return offset + Math.max(0, Math.min(pos.ch, (lines[pos.line] ?? "").length));
	}

	/** Fake of Editor.offsetToPos — see Reference/TypeScript API/Editor/offsetToPos.md (clamped to the text) */
	offsetToPos(offset: number): EditorPosition {
		const clamped = this.#clamp(offset);
		const before = this.#text.slice(0, clamped);
		const line = before.split("\n").length - 1;
		return { line, ch: clamped - (before.lastIndexOf("\n") + 1) };
	}

	/** Internal: replaces the text without reporting a change (the view loading the file from disk). */
	loadText(content: string, resetSelection: boolean): void {
		this.#text = content;
		if (resetSelection) {
			this.#selections = [{ anchor: 0, head: 0 }];
			this.#main = 0;
		} else {
			this.#selections = this.#selections.map(({ anchor, head }) => ({ anchor: this.#clamp(anchor), head: this.#clamp(head) }));
		}
	}

	#lines(): string[] {
		return this.#text.split("\n");
	}

	#clamp(offset: number): number {
		return Math.max(0, Math.min(offset, this.#text.length));
	}

	#sorted(): OffsetSelection[] {
		return [...this.#selections].sort((x, y) => Math.min(x.anchor, x.head) - Math.min(y.anchor, y.head));
	}
}
