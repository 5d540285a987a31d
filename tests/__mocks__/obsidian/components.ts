/**
 * The Setting controls of the Obsidian double: BaseComponent, ValueComponent and the text, toggle,
 * dropdown and button components.
 *
 * They react to DOM events as Obsidian's do: `onChange` fires when the user types ('input'), picks
 * an option ('change') or clicks a toggle — not on setValue. Test helper: `simulateUserInput`.
 */
import { dispatch } from "./dom";

/** Fake of BaseComponent — see Reference/TypeScript API/BaseComponent.md */
export abstract class BaseComponent {
	/** Fake of BaseComponent.disabled — see Reference/TypeScript API/BaseComponent/disabled.md */
	disabled = false;

	/** Fake of BaseComponent.then — see Reference/TypeScript API/BaseComponent/then.md */
	then(cb: (component: this) => unknown): this {
		cb(this);
		return this;
	}

	/** Fake of BaseComponent.setDisabled — see Reference/TypeScript API/BaseComponent/setDisabled.md */
	setDisabled(disabled: boolean): this {
		this.disabled = disabled;
		return this;
	}

	/** Test-only: acts as a user would to set `value` (typing, picking, toggling or clicking), so onChange/onClick fire. */
	abstract simulateUserInput(value?: string | boolean): void;
}

/** Fake of ValueComponent — see Reference/TypeScript API/ValueComponent.md */
export abstract class ValueComponent<T> extends BaseComponent {
	/** Fake of ValueComponent.getValue — see Reference/TypeScript API/ValueComponent/getValue.md */
	abstract getValue(): T;
	/** Fake of ValueComponent.setValue — see Reference/TypeScript API/ValueComponent/setValue.md */
	abstract setValue(value: T): this;
}

/** Fake of AbstractTextComponent — see Reference/TypeScript API/AbstractTextComponent.md */
export class AbstractTextComponent<T extends HTMLInputElement | HTMLTextAreaElement> extends ValueComponent<string> {
	/** Fake of AbstractTextComponent.inputEl — see Reference/TypeScript API/AbstractTextComponent/inputEl.md */
	inputEl: T;
	#changeCallback: ((value: string) => unknown) | null = null;

	/** Fake of the AbstractTextComponent constructor — see Reference/TypeScript API/AbstractTextComponent/(constructor).md */
	constructor(inputEl: T) {
		super();
		this.inputEl = inputEl;
		inputEl.addEventListener("input", () => this.onChanged());
	}

	/** Fake of AbstractTextComponent.setDisabled — see Reference/TypeScript API/AbstractTextComponent/setDisabled.md */
	override setDisabled(disabled: boolean): this {
		super.setDisabled(disabled);
		this.inputEl.disabled = disabled;
		return this;
	}

	/** Fake of AbstractTextComponent.getValue — see Reference/TypeScript API/AbstractTextComponent/getValue.md */
	getValue(): string {
		return this.inputEl.value;
	}

	/** Fake of AbstractTextComponent.setValue — see Reference/TypeScript API/AbstractTextComponent/setValue.md (does not fire onChange) */
	setValue(value: string): this {
		this.inputEl.value = value;
		return this;
	}

	/** Fake of AbstractTextComponent.setPlaceholder — see Reference/TypeScript API/AbstractTextComponent/setPlaceholder.md */
	setPlaceholder(placeholder: string): this {
		this.inputEl.setAttr("placeholder", placeholder);
		return this;
	}

	/** Fake of AbstractTextComponent.onChanged — see Reference/TypeScript API/AbstractTextComponent/onChanged.md */
	onChanged(): void {
		this.#changeCallback?.(this.getValue());
	}

	/** Fake of AbstractTextComponent.onChange — see Reference/TypeScript API/AbstractTextComponent/onChange.md */
	onChange(callback: (value: string) => unknown): this {
		this.#changeCallback = callback;
		return this;
	}

	/** Test-only: types `value` into the field (sets it and dispatches 'input'). */
	simulateUserInput(value?: string | boolean): void {
		this.inputEl.value = String(value ?? "");
		dispatch(this.inputEl, "input");
	}
}

/** Fake of TextComponent — see Reference/TypeScript API/TextComponent.md */
export class TextComponent extends AbstractTextComponent<HTMLInputElement> {
	/** Fake of the TextComponent constructor — see Reference/TypeScript API/TextComponent/(constructor).md */
	constructor(containerEl: HTMLElement) {
		super(containerEl.createEl("input", { type: "text" }));
	}
}

/** Fake of TextAreaComponent — see Reference/TypeScript API/TextAreaComponent.md */
export class TextAreaComponent extends AbstractTextComponent<HTMLTextAreaElement> {
	/** Fake of the TextAreaComponent constructor — see Reference/TypeScript API/TextAreaComponent/(constructor).md */
	constructor(containerEl: HTMLElement) {
		super(containerEl.createEl("textarea"));
	}
}

/** Fake of ToggleComponent — see Reference/TypeScript API/ToggleComponent.md */
export class ToggleComponent extends ValueComponent<boolean> {
	/** Fake of ToggleComponent.toggleEl — see Reference/TypeScript API/ToggleComponent/toggleEl.md */
	toggleEl: HTMLElement;
	#on = false;
	#changeCallback: ((value: boolean) => unknown) | null = null;

	/** Fake of the ToggleComponent constructor — see Reference/TypeScript API/ToggleComponent/(constructor).md */
	constructor(containerEl: HTMLElement) {
		super();
		this.toggleEl = containerEl.createDiv("checkbox-container");
		this.toggleEl.createEl("input", { type: "checkbox" });
		this.toggleEl.addEventListener("click", () => this.onClick());
	}

	/** Fake of ToggleComponent.setDisabled — see Reference/TypeScript API/ToggleComponent/setDisabled.md */
	override setDisabled(disabled: boolean): this {
		super.setDisabled(disabled);
		this.toggleEl.toggleClass("is-disabled", disabled);
		return this;
	}

	/** Fake of ToggleComponent.getValue — see Reference/TypeScript API/ToggleComponent/getValue.md */
	getValue(): boolean {
		return this.#on;
	}

	/** Fake of ToggleComponent.setValue — see Reference/TypeScript API/ToggleComponent/setValue.md (does not fire onChange) */
	setValue(on: boolean): this {
		this.#on = on;
		this.toggleEl.toggleClass("is-enabled", on);
		return this;
	}

	/** Fake of ToggleComponent.onClick — see Reference/TypeScript API/ToggleComponent/onClick.md (flips the value and fires onChange, unless disabled) */
	onClick(): void {
		if (this.disabled) return;
		this.setValue(!this.#on);
		this.#changeCallback?.(this.#on);
	}

	/** Fake of ToggleComponent.onChange — see Reference/TypeScript API/ToggleComponent/onChange.md */
	onChange(callback: (value: boolean) => unknown): this {
		this.#changeCallback = callback;
		return this;
	}

	/** Test-only: clicks the toggle if its value differs from `value` (without a value: always clicks). */
	simulateUserInput(value?: string | boolean): void {
		if (value === undefined || Boolean(value) !== this.#on) this.toggleEl.click();
	}
}

/** Fake of DropdownComponent — see Reference/TypeScript API/DropdownComponent.md */
export class DropdownComponent extends ValueComponent<string> {
	/** Fake of DropdownComponent.selectEl — see Reference/TypeScript API/DropdownComponent/selectEl.md */
	selectEl: HTMLSelectElement;
	#changeCallback: ((value: string) => unknown) | null = null;

	/** Fake of the DropdownComponent constructor — see Reference/TypeScript API/DropdownComponent/(constructor).md */
	constructor(containerEl: HTMLElement) {
		super();
		this.selectEl = containerEl.createEl("select", "dropdown");
		this.selectEl.addEventListener("change", () => this.#changeCallback?.(this.getValue()));
	}

	/** Fake of DropdownComponent.setDisabled — see Reference/TypeScript API/DropdownComponent/setDisabled.md */
	override setDisabled(disabled: boolean): this {
		super.setDisabled(disabled);
		this.selectEl.disabled = disabled;
		return this;
	}

	/** Fake of DropdownComponent.addOption — see Reference/TypeScript API/DropdownComponent/addOption.md */
	addOption(value: string, display: string): this {
		this.selectEl.createEl("option", { value, text: display });
		return this;
	}

	/** Fake of DropdownComponent.addOptions — see Reference/TypeScript API/DropdownComponent/addOptions.md */
	addOptions(options: Record<string, string>): this {
		for (const [value, display] of Object.entries(options)) this.addOption(value, display);
		return this;
	}

	/** Fake of DropdownComponent.getValue — see Reference/TypeScript API/DropdownComponent/getValue.md */
	getValue(): string {
		return this.selectEl.value;
	}

	/** Fake of DropdownComponent.setValue — see Reference/TypeScript API/DropdownComponent/setValue.md (does not fire onChange) */
	setValue(value: string): this {
		this.selectEl.value = value;
		return this;
	}

	/** Fake of DropdownComponent.onChange — see Reference/TypeScript API/DropdownComponent/onChange.md */
	onChange(callback: (value: string) => unknown): this {
		this.#changeCallback = callback;
		return this;
	}

	/** Test-only: picks the option with `value` (throws if there is none) and dispatches 'change'. */
	simulateUserInput(value?: string | boolean): void {
		const wanted = String(value);
		if (!Array.from(this.selectEl.options).some((option) => option.value === wanted)) throw new Error(`Dropdown has no option "${wanted}"`);
		this.selectEl.value = wanted;
		dispatch(this.selectEl, "change");
	}
}

/** Fake of ButtonComponent — see Reference/TypeScript API/ButtonComponent.md */
export class ButtonComponent extends BaseComponent {
	/** Fake of ButtonComponent.buttonEl — see Reference/TypeScript API/ButtonComponent/buttonEl.md */
	buttonEl: HTMLButtonElement;
	#clickCallback: ((evt: MouseEvent) => unknown) | null = null;

	/** Fake of the ButtonComponent constructor — see Reference/TypeScript API/ButtonComponent/(constructor).md */
	constructor(containerEl: HTMLElement) {
		super();
		this.buttonEl = containerEl.createEl("button");
		this.buttonEl.addEventListener("click", (evt) => {
			if (!this.disabled) void this.#clickCallback?.(evt);
		});
	}

	/** Fake of ButtonComponent.setDisabled — see Reference/TypeScript API/ButtonComponent/setDisabled.md */
	override setDisabled(disabled: boolean): this {
		super.setDisabled(disabled);
		this.buttonEl.disabled = disabled;
		return this;
	}

	/** Fake of ButtonComponent.setCta — see Reference/TypeScript API/ButtonComponent/setCta.md */
	setCta(): this {
		this.buttonEl.addClass("mod-cta");
		return this;
	}

	/** Fake of ButtonComponent.removeCta — see Reference/TypeScript API/ButtonComponent/removeCta.md */
	removeCta(): this {
		this.buttonEl.removeClass("mod-cta");
		return this;
	}

	/** Fake of ButtonComponent.setWarning — see Reference/TypeScript API/ButtonComponent/setWarning.md */
	setWarning(): this {
		this.buttonEl.addClass("mod-warning");
		return this;
	}

	/** Fake of ButtonComponent.setButtonText — see Reference/TypeScript API/ButtonComponent/setButtonText.md */
	setButtonText(name: string): this {
		this.buttonEl.setText(name);
		return this;
	}

	/** Fake of ButtonComponent.setIcon — see Reference/TypeScript API/ButtonComponent/setIcon.md (no icons in the double) */
	setIcon(icon: string): this {
		return this;
	}

	/** Fake of ButtonComponent.setTooltip — see Reference/TypeScript API/ButtonComponent/setTooltip.md (sets aria-label) */
	setTooltip(tooltip: string): this {
		this.buttonEl.setAttr("aria-label", tooltip);
		return this;
	}

	/** Fake of ButtonComponent.setClass — see Reference/TypeScript API/ButtonComponent/setClass.md */
	setClass(cls: string): this {
		this.buttonEl.addClass(cls);
		return this;
	}

	/** Fake of ButtonComponent.onClick — see Reference/TypeScript API/ButtonComponent/onClick.md */
	onClick(callback: (evt: MouseEvent) => unknown): this {
		this.#clickCallback = callback;
		return this;
	}

	/** Test-only: clicks the button. */
	simulateUserInput(): void {
		this.buttonEl.click();
	}
}
