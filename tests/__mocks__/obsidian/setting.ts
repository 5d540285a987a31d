/**
 * Setting, SettingTab and PluginSettingTab of the Obsidian double (controls in components.ts).
 * Test helper: `Setting.find`.
 */
import type { App, Plugin } from "./app";
import { BaseComponent, ButtonComponent, DropdownComponent, TextAreaComponent, TextComponent, ToggleComponent } from "./components";
import { newEl } from "./dom";

const settingsByEl = new WeakMap<Element, Setting>();

/** Fake of Setting — see Reference/TypeScript API/Setting.md */
export class Setting {
	/** Fake of Setting.settingEl — see Reference/TypeScript API/Setting/settingEl.md */
	settingEl: HTMLElement;
	/** Fake of Setting.infoEl — see Reference/TypeScript API/Setting/infoEl.md */
	infoEl: HTMLElement;
	/** Fake of Setting.nameEl — see Reference/TypeScript API/Setting/nameEl.md */
	nameEl: HTMLElement;
	/** Fake of Setting.descEl — see Reference/TypeScript API/Setting/descEl.md */
	descEl: HTMLElement;
	/** Fake of Setting.controlEl — see Reference/TypeScript API/Setting/controlEl.md */
	controlEl: HTMLElement;
	/** Fake of Setting.components — see Reference/TypeScript API/Setting/components.md */
	components: BaseComponent[] = [];

	/**
	 * Test-only: the Setting rendered in `containerEl` whose name is `name` (exact text, trimmed),
	 * or null. Headings count as settings too.
	 */
	static find(containerEl: HTMLElement, name: string): Setting | null {
		for (const el of Array.from(containerEl.querySelectorAll(".setting-item"))) {
			const setting = settingsByEl.get(el);
			if (setting && setting.nameEl.getText().trim() === name.trim()) return setting;
		}
		return null;
	}

	/** Fake of the Setting constructor — see Reference/TypeScript API/Setting/(constructor).md */
	constructor(containerEl: HTMLElement) {
		this.settingEl = containerEl.createDiv("setting-item");
		this.infoEl = this.settingEl.createDiv("setting-item-info");
		this.nameEl = this.infoEl.createDiv("setting-item-name");
		this.descEl = this.infoEl.createDiv("setting-item-description");
		this.controlEl = this.settingEl.createDiv("setting-item-control");
		settingsByEl.set(this.settingEl, this);
	}

	/** Fake of Setting.setName — see Reference/TypeScript API/Setting/setName.md */
	setName(name: string | DocumentFragment): this {
		this.nameEl.setText(name);
		return this;
	}

	/** Fake of Setting.setDesc — see Reference/TypeScript API/Setting/setDesc.md */
	setDesc(desc: string | DocumentFragment): this {
		this.descEl.setText(desc);
		return this;
	}

	/** Fake of Setting.setClass — see Reference/TypeScript API/Setting/setClass.md */
	setClass(cls: string): this {
		this.settingEl.addClass(cls);
		return this;
	}

	/** Fake of Setting.setHeading — see Reference/TypeScript API/Setting/setHeading.md */
	setHeading(): this {
		this.settingEl.addClass("setting-item-heading");
		return this;
	}

	/** Fake of Setting.setDisabled — see Reference/TypeScript API/Setting/setDisabled.md */
	setDisabled(disabled: boolean): this {
		this.settingEl.toggleClass("is-disabled", disabled);
		for (const component of this.components) component.setDisabled(disabled);
		return this;
	}

	/** Fake of Setting.addText — see Reference/TypeScript API/Setting/addText.md */
	addText(cb: (component: TextComponent) => unknown): this {
		return this.add(new TextComponent(this.controlEl), cb);
	}

	/** Fake of Setting.addTextArea — see Reference/TypeScript API/Setting/addTextArea.md */
	addTextArea(cb: (component: TextAreaComponent) => unknown): this {
		return this.add(new TextAreaComponent(this.controlEl), cb);
	}

	/** Fake of Setting.addToggle — see Reference/TypeScript API/Setting/addToggle.md */
	addToggle(cb: (component: ToggleComponent) => unknown): this {
		return this.add(new ToggleComponent(this.controlEl), cb);
	}

	/** Fake of Setting.addButton — see Reference/TypeScript API/Setting/addButton.md */
	addButton(cb: (component: ButtonComponent) => unknown): this {
		return this.add(new ButtonComponent(this.controlEl), cb);
	}

	/** Fake of Setting.addDropdown — see Reference/TypeScript API/Setting/addDropdown.md */
	addDropdown(cb: (component: DropdownComponent) => unknown): this {
		return this.add(new DropdownComponent(this.controlEl), cb);
	}

	/**
	 * Fake of Setting.addComponent — see Reference/TypeScript API/Setting/addComponent.md and
	 * Plugins/Guides/Store secrets.md: `cb` builds the component in controlEl (it gets the element, not
	 * a component, so it can pass the app, as SecretComponent needs). The component joins `components`
	 * like the ones from addText & co, so Setting.setDisabled and the tests' findSetting reach it.
	 */
	addComponent<T extends BaseComponent>(cb: (el: HTMLElement) => T): this {
		this.components.push(cb(this.controlEl));
		return this;
	}

	/** Fake of Setting.then — see Reference/TypeScript API/Setting/then.md */
	then(cb: (setting: this) => unknown): this {
		cb(this);
		return this;
	}

	/** Fake of Setting.clear — see Reference/TypeScript API/Setting/clear.md */
	clear(): this {
		this.controlEl.empty();
		this.components = [];
		return this;
	}

	private add<C extends BaseComponent>(component: C, cb: (component: C) => unknown): this {
		this.components.push(component);
		cb(component);
		return this;
	}
}

/** Fake of SettingTab — see Reference/TypeScript API/SettingTab.md */
export abstract class SettingTab {
	/** Fake of SettingTab.app — see Reference/TypeScript API/SettingTab/app.md */
	app: App;
	/** Fake of SettingTab.containerEl — see Reference/TypeScript API/SettingTab/containerEl.md */
	containerEl: HTMLElement;
	/** Fake of SettingTab.icon — see Reference/TypeScript API/SettingTab/icon.md */
	icon = "";

	constructor(app: App) {
		this.app = app;
		this.containerEl = newEl("div", "vertical-tab-content");
	}

	/** Fake of SettingTab.display — see Reference/TypeScript API/SettingTab/display.md */
	abstract display(): void;

	/** Fake of SettingTab.hide — see Reference/TypeScript API/SettingTab/hide.md (empties containerEl) */
	hide(): void {
		this.containerEl.empty();
	}

	/** Declarative settings (Obsidian 1.13) are not rendered by the double; subclasses may override. */
	getSettingDefinitions(): unknown[] {
		return [];
	}
}

/** Fake of PluginSettingTab — see Reference/TypeScript API/PluginSettingTab.md */
export abstract class PluginSettingTab extends SettingTab {
	/** The plugin passed to the constructor (Obsidian keeps it too; not part of the typed API). */
	plugin: Plugin;

	/** Fake of the PluginSettingTab constructor — see Reference/TypeScript API/PluginSettingTab/(constructor).md */
	constructor(app: App, plugin: Plugin) {
		super(app);
		this.plugin = plugin;
	}
}
