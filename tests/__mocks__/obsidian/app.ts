/**
 * App and Plugin of the Obsidian double.
 */
import { newEl } from "./dom";
import { Component } from "./events";
import { FileManager, MetadataCache, type FileManagerOptions } from "./metadata";
import { SecretStorage } from "./secrets";
import type { PluginSettingTab, SettingTab } from "./setting";
import { Vault, type VaultOptions } from "./vault";
import type { Editor } from "./editor";
import type { MarkdownFileInfo, MarkdownView } from "./views";
import { ViewRegistry, Workspace, type ViewCreator } from "./workspace";

/** Shape of Obsidian's PluginManifest — see Reference/TypeScript API/PluginManifest.md */
export interface PluginManifest {
	dir?: string;
	id: string;
	name: string;
	author: string;
	version: string;
	minAppVersion: string;
	description: string;
	authorUrl?: string;
	isDesktopOnly?: boolean;
}

/** Shape of Obsidian's Command — see Reference/TypeScript API/Command.md */
export interface Command {
	id: string;
	name: string;
	icon?: string;
	mobileOnly?: boolean;
	repeatable?: boolean;
	callback?: () => unknown;
	checkCallback?: (checking: boolean) => boolean | void;
	editorCallback?: (editor: Editor, ctx: MarkdownView | MarkdownFileInfo) => unknown;
	editorCheckCallback?: (checking: boolean, editor: Editor, ctx: MarkdownView | MarkdownFileInfo) => boolean | void;
	hotkeys?: unknown[];
}

/** The app's command registry (Obsidian's internal `app.commands`), keyed by full id `${pluginId}:${id}`. */
export class Commands {
	readonly commands: Record<string, Command> = {};

	/** `activeEditor`: where editor commands find their editor (the app passes its workspace's activeEditor). */
	constructor(private readonly activeEditor: () => MarkdownFileInfo | null = () => null) {}

	/** Test-only: the registered commands. */
	listCommands(): Command[] {
		return Object.values(this.commands);
	}

	/**
	 * Runs a command as the command palette would. Precedence as in Reference/TypeScript API/Command/:
	 * editorCheckCallback, then editorCallback (both only when there is an active editor — otherwise
	 * the command is unavailable, see Plugins/User interface/Commands.md), then checkCallback, then
	 * callback. A check callback is asked with `checking = true` first and only run if it returns true.
	 * Returns whether the command ran.
	 */
	executeCommandById(id: string): boolean {
		const command = this.commands[id];
		if (!command) return false;
		if (command.editorCheckCallback || command.editorCallback) {
			const info = this.activeEditor();
			const editor = info?.editor;
			if (!info || !editor) return false;
			if (command.editorCheckCallback) {
				if (command.editorCheckCallback(true, editor, info) !== true) return false;
				command.editorCheckCallback(false, editor, info);
				return true;
			}
			void command.editorCallback?.(editor, info);
			return true;
		}
		if (command.checkCallback) {
			if (command.checkCallback(true) !== true) return false;
			command.checkCallback(false);
			return true;
		}
		if (command.callback) {
			void command.callback();
			return true;
		}
		return false;
	}
}

/** Options of the double's App (vault config, "Files and links" preferences, and the Obsidian version to play). */
export type AppOptions = VaultOptions &
	FileManagerOptions & {
		/** Test-only: plays an Obsidian older than 1.11.4, which has no `app.secretStorage` (the property is absent). */
		withoutSecretStorage?: boolean;
	};

/** Fake of App — see Reference/TypeScript API/App.md */
export class App {
	/** Fake of App.vault — see Reference/TypeScript API/App/vault.md */
	vault: Vault;
	/** Fake of App.workspace — see Reference/TypeScript API/App/workspace.md */
	workspace: Workspace;
	/** Fake of App.metadataCache — see Reference/TypeScript API/App/metadataCache.md */
	metadataCache: MetadataCache;
	/** Fake of App.fileManager — see Reference/TypeScript API/App/fileManager.md */
	fileManager: FileManager;
	/**
	 * Fake of App.secretStorage — see Reference/TypeScript API/App/secretStorage.md. Absent (not even
	 * an own property) when the app was made with `withoutSecretStorage`, as in Obsidian before 1.11.4.
	 */
	declare secretStorage?: SecretStorage;
	/** Internal app.commands (not in the typed API). */
	readonly commands = new Commands(() => this.workspace.activeEditor);
	/** Internal app.viewRegistry (not in the typed API): the view types plugins registered. */
	readonly viewRegistry = new ViewRegistry();
	/** Test-only: the setting tabs plugins have added. */
	readonly settingTabs: SettingTab[] = [];
	#statusBarEl: HTMLElement | null = null;
	#ribbonEl: HTMLElement | null = null;

	constructor(vault: Vault | string, options: AppOptions = {}) {
		this.vault = typeof vault === "string" ? new Vault(vault, options) : vault;
		this.metadataCache = new MetadataCache(this.vault);
		this.fileManager = new FileManager(this.vault, this.metadataCache, options);
		this.workspace = new Workspace(this.vault, this.metadataCache, this.fileManager, this);
		if (!options.withoutSecretStorage) this.secretStorage = new SecretStorage();
	}

	/**
	 * Obsidian's vault-specific localStorage on this device, as JSON text by vault folder, then key.
	 * Static because it outlives the App: another App on the same folder (Obsidian restarted) reads
	 * what this one saved. It is never written to the vault, unlike Plugin.saveData.
	 */
	static readonly #localStorage = new Map<string, Map<string, string>>();

	/**
	 * Fake of App.loadLocalStorage — see Reference/TypeScript API/App/loadLocalStorage.md: the value
	 * saved under `key` for this vault, or null. As with localStorage, it went through JSON, so it
	 * is a copy, not the object that was saved.
	 */
	loadLocalStorage(key: string): unknown {
		const json = App.#localStorage.get(this.vault.basePath)?.get(key);
		return json === undefined ? null : (JSON.parse(json) as unknown);
	}

	/**
	 * Fake of App.saveLocalStorage — see Reference/TypeScript API/App/saveLocalStorage.md: keeps `data`
	 * (JSON-serialized: "Must be serializable", so a cycle throws as it would) under `key` for this
	 * vault only; `null` removes the entry, and so does a value JSON cannot hold (undefined, a function).
	 */
	saveLocalStorage(key: string, data: unknown): void {
		const vaultKey = this.vault.basePath;
		const json = data === null ? undefined : (JSON.stringify(data) as string | undefined);
		const entries = App.#localStorage.get(vaultKey);
		if (json === undefined) {
			entries?.delete(key);
			if (entries?.size === 0) App.#localStorage.delete(vaultKey);
			return;
		}
		if (entries) entries.set(key, json);
		else App.#localStorage.set(vaultKey, new Map([[key, json]]));
	}

	/** Test-only: forgets what every vault saved with saveLocalStorage (call it between tests, e.g. in afterEach). */
	static clearLocalStorage(): void {
		App.#localStorage.clear();
	}

	/** Test-only: the status bar, holding the items from Plugin.addStatusBarItem. */
	get statusBarEl(): HTMLElement {
		return (this.#statusBarEl ??= newEl("div", "status-bar"));
	}

	/** Test-only: the left ribbon, holding the icons from Plugin.addRibbonIcon. */
	get ribbonEl(): HTMLElement {
		return (this.#ribbonEl ??= newEl("div", "side-dock-actions"));
	}
}

/** Fake of Plugin — see Reference/TypeScript API/Plugin.md */
export abstract class Plugin extends Component {
	/** Fake of Plugin.app — see Reference/TypeScript API/Plugin/app.md */
	app: App;
	/** Fake of Plugin.manifest — see Reference/TypeScript API/Plugin/manifest.md (`dir` defaults to `<configDir>/plugins/<id>`) */
	manifest: PluginManifest;

	/** Fake of the Plugin constructor — see Reference/TypeScript API/Plugin/(constructor).md */
	constructor(app: App, manifest: PluginManifest) {
		super();
		this.app = app;
		this.manifest = { ...manifest, dir: manifest.dir ?? `${app.vault.configDir}/plugins/${manifest.id}` };
	}

	/** Fake of Plugin.onExternalSettingsChange — see Reference/TypeScript API/Plugin/onExternalSettingsChange.md (called when data.json changes from outside) */
	onExternalSettingsChange?(): unknown;

	/** Test-only: settles once every onExternalSettingsChange called so far has finished (see settleExternalSettings). */
	externalSettingsHandled: Promise<unknown> = Promise.resolve();

	/** Fake of Plugin.onload — see Reference/TypeScript API/Plugin/onload.md */
	override onload(): Promise<void> | void {
		// Override to set the plugin up.
	}

	/**
	 * Like Component.loadAsync (awaits an async onload), and while loaded, calls
	 * onExternalSettingsChange when `data.json` changes on disk from outside (Vault.simulateExternalChange),
	 * see Reference/TypeScript API/Plugin/onExternalSettingsChange.md.
	 */
	override async loadAsync(): Promise<void> {
		if (this._loaded) return;
		const dataPath = this.#dataPath();
		this.registerEvent(
			this.app.vault.on("raw", (path: string) => {
				if (path !== dataPath || !this._loaded) return;
				// Obsidian does not await it; the double keeps the promise so a test can wait on it, not on time.
				const handled = Promise.resolve(this.onExternalSettingsChange?.());
				this.externalSettingsHandled = this.externalSettingsHandled.then(() => handled).catch(() => undefined);
			}),
		);
		await super.loadAsync();
		// Views left empty when the plugin last unloaded come back when onload registers their type; wait for them.
		await this.app.workspace.settleViews();
	}

	/** Fake of Plugin.addRibbonIcon — see Reference/TypeScript API/Plugin/addRibbonIcon.md (removed on unload) */
	addRibbonIcon(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
		const el = this.app.ribbonEl.createDiv({ cls: "clickable-icon side-dock-ribbon-action", attr: { "aria-label": title, "data-icon": icon } });
		el.addEventListener("click", (evt) => void callback(evt));
		this.register(() => el.detach());
		return el;
	}

	/** Fake of Plugin.addStatusBarItem — see Reference/TypeScript API/Plugin/addStatusBarItem.md (removed on unload) */
	addStatusBarItem(): HTMLElement {
		const el = this.app.statusBarEl.createDiv({ cls: `status-bar-item plugin-${this.manifest.id}` });
		this.register(() => el.detach());
		return el;
	}

	/**
	 * Fake of Plugin.addCommand — see Reference/TypeScript API/Plugin/addCommand.md: prefixes the id
	 * with `${manifest.id}:` and the name with `${manifest.name}: ` (on the object passed, as Obsidian
	 * does), registers it in app.commands, and removes it on unload.
	 */
	addCommand(command: Command): Command {
		command.id = `${this.manifest.id}:${command.id}`;
		command.name = `${this.manifest.name}: ${command.name}`;
		this.app.commands.commands[command.id] = command;
		this.register(() => {
			if (this.app.commands.commands[command.id] === command) delete this.app.commands.commands[command.id];
		});
		return command;
	}

	/** Fake of Plugin.removeCommand — see Reference/TypeScript API/Plugin/removeCommand.md (takes the id without the plugin prefix) */
	removeCommand(commandId: string): void {
		delete this.app.commands.commands[`${this.manifest.id}:${commandId}`];
	}

	/** Fake of Plugin.addSettingTab — see Reference/TypeScript API/Plugin/addSettingTab.md (listed in app.settingTabs until unload) */
	addSettingTab(settingTab: PluginSettingTab): void {
		this.app.settingTabs.push(settingTab);
		this.register(() => {
			const index = this.app.settingTabs.indexOf(settingTab);
			if (index !== -1) this.app.settingTabs.splice(index, 1);
		});
	}

	/**
	 * Fake of Plugin.registerView — see Reference/TypeScript API/Plugin/registerView.md and
	 * Plugins/User interface/Views.md: registers `viewCreator` for `type` in the app, so that
	 * WorkspaceLeaf.setViewState({ type }) can build the view (throws, as Obsidian does, if the type is
	 * taken). The type is unregistered on unload. Leaves showing it then close their view (onClose,
	 * then unload, so its events and intervals stop) but stay in place, and get a new view when the
	 * type is registered again — the plugin reloaded or updated — as the guideline "Don't detach
	 * leaves in onunload" (Plugins/Releasing/Plugin guidelines.md) relies on.
	 */
	registerView(type: string, viewCreator: ViewCreator): void {
		this.app.viewRegistry.registerView(type, viewCreator);
		this.register(() => this.app.viewRegistry.unregisterView(type));
	}

	/** Fake of Plugin.loadData — see Reference/TypeScript API/Plugin/loadData.md (parsed `${manifest.dir}/data.json`, null when absent) */
	async loadData(): Promise<unknown> {
		const path = this.#dataPath();
		if (!(await this.app.vault.adapter.exists(path))) return null;
		return JSON.parse(await this.app.vault.adapter.read(path)) as unknown;
	}

	/** Fake of Plugin.saveData — see Reference/TypeScript API/Plugin/saveData.md (JSON, 2-space indent, in `${manifest.dir}/data.json`) */
	async saveData(data: unknown): Promise<void> {
		await this.app.vault.adapter.write(this.#dataPath(), JSON.stringify(data, null, 2));
	}

	#dataPath(): string {
		return `${this.manifest.dir ?? ""}/data.json`;
	}
}
