/** SecretStorage and SecretComponent of the Obsidian double (Plugins/Guides/Store secrets.md). */
import type { App } from "./app";
import { BaseComponent } from "./components";
import { Events } from "./events";

/**
 * Secret ids: "Lowercase alphanumeric ID with optional dashes" (SecretStorage/setSecret.md). The docs
 * do not say whether a dash may lead, trail or double up; the double refuses those (the stricter
 * reading, so a test fails before a user does). The 64-character cap is not in the docs either: it
 * was observed on Obsidian 1.12 (chhoumann/notetweet_obsidian#56), so the double enforces it too.
 */
const SECRET_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SECRET_ID_LENGTH = 64;

/**
 * Fake of SecretStorage — see Reference/TypeScript API/SecretStorage.md. In memory and per App: the
 * real one keeps secrets in local storage keyed to the vault (Store secrets.md), never in the vault
 * or a plugin's data.json, so nothing here touches the disk.
 */
export class SecretStorage extends Events {
	readonly #secrets = new Map<string, string>();

	/** Fake of SecretStorage.setSecret — see Reference/TypeScript API/SecretStorage/setSecret.md (throws an Error if the id is invalid) */
	setSecret(id: string, secret: string): void {
		if (typeof id !== "string" || id.length > MAX_SECRET_ID_LENGTH || !SECRET_ID.test(id)) {
			throw new Error(`Invalid secret ID "${String(id)}": use lowercase letters, digits and dashes (at most ${MAX_SECRET_ID_LENGTH} characters)`);
		}
		this.#secrets.set(id, secret);
	}

	/** Fake of SecretStorage.getSecret — see Reference/TypeScript API/SecretStorage/getSecret.md (null if not found) */
	getSecret(id: string): string | null {
		return this.#secrets.get(id) ?? null;
	}

	/** Fake of SecretStorage.listSecrets — see Reference/TypeScript API/SecretStorage/listSecrets.md (ids, in the order they were first set) */
	listSecrets(): string[] {
		return [...this.#secrets.keys()];
	}
}

/**
 * Fake of SecretComponent — see Reference/TypeScript API/SecretComponent.md and Plugins/Guides/Store secrets.md.
 * Its value is the NAME of a secret in app.secretStorage, never the secret itself. It renders a
 * button showing the chosen name (Obsidian's opens a picker; the double's does nothing on click).
 * Test helper: simulateUserInput(name, secretValue?).
 */
export class SecretComponent extends BaseComponent {
	/** Test-only: the button showing the chosen secret's name. */
	readonly buttonEl: HTMLButtonElement;
	readonly #app: App;
	#value = "";
	#changeCallback: ((value: string) => unknown) | null = null;

	/**
	 * Fake of the SecretComponent constructor — see Reference/TypeScript API/SecretComponent/(constructor).md.
	 * Throws a TypeError when the app has no secretStorage (AppOptions.withoutSecretStorage): an Obsidian
	 * that old has no SecretComponent at all, so a plugin must check before building one.
	 */
	constructor(app: App, containerEl: HTMLElement) {
		super();
		if (!app.secretStorage) throw new TypeError("SecretComponent needs app.secretStorage (Obsidian 1.11.4 or later)");
		this.#app = app;
		this.buttonEl = containerEl.createEl("button", { cls: "secret-component", attr: { "aria-label": "Select a secret" } });
		this.#render();
	}

	/** Fake of SecretComponent.setValue — see Reference/TypeScript API/SecretComponent/setValue.md (the secret's name; does not fire onChange) */
	setValue(value: string): this {
		this.#value = value;
		this.#render();
		return this;
	}

	/** Fake of SecretComponent.onChange — see Reference/TypeScript API/SecretComponent/onChange.md (called with the chosen secret's name) */
	onChange(cb: (value: string) => unknown): this {
		this.#changeCallback = cb;
		return this;
	}

	/** Fake of BaseComponent.setDisabled — see Reference/TypeScript API/BaseComponent/setDisabled.md */
	override setDisabled(disabled: boolean): this {
		super.setDisabled(disabled);
		this.buttonEl.disabled = disabled;
		return this;
	}

	/** Test-only: the secret name shown (SecretComponent has no getValue in Obsidian). */
	getValue(): string {
		return this.#value;
	}

	/**
	 * Test-only: does what a user does in the picker — with `secretValue`, creates or updates the secret
	 * `name` in app.secretStorage first (so an invalid name throws, as the real store would refuse it);
	 * without, picks an existing secret (throws if there is none by that name). Then shows the name and
	 * reports it through onChange. Does nothing while disabled.
	 */
	override simulateUserInput(name?: string | boolean, secretValue?: string): void {
		if (this.disabled) return;
		if (typeof name !== "string") throw new TypeError("SecretComponent.simulateUserInput needs the secret's name");
		const storage = this.#app.secretStorage;
		if (!storage) throw new TypeError("app.secretStorage is gone");
		if (secretValue !== undefined) storage.setSecret(name, secretValue);
		else if (storage.getSecret(name) === null) throw new Error(`No secret named "${name}" in app.secretStorage (pass a secretValue to create it)`);
		this.setValue(name);
		this.#changeCallback?.(name);
	}

	#render(): void {
		this.buttonEl.setText(this.#value === "" ? "Select a secret" : this.#value);
		this.buttonEl.toggleClass("is-empty", this.#value === "");
	}
}
