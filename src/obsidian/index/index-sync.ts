/** Keeps the vault index current inside Obsidian: first build after layout ready, then vault events, then the cache. */
import { debounce, Notice, TFile, type Component, type TAbstractFile, type Vault } from "obsidian";
import { VaultIndex, type IndexSummary } from "../../core/index/vault-index";
import type { IndexSettings } from "../../core/index/index-settings";
import type { KeyValueStore } from "../../core/ports/key-value-store";
import { ObsidianVaultReader, statOf } from "../adapters/obsidian-vault-reader";
import { uiClock } from "../adapters/ui-clock";
import type { IndexStatus } from "./index-status";

/** How long after the last change the cache is written: often enough to survive a crash, rarely enough to cost nothing. */
const SAVE_DELAY_MS = 30_000;
/** Obsidian writes a note every few seconds while the user types; changes are gathered and indexed together. */
const MODIFY_DELAY_MS = 1_000;

export interface IndexSyncOptions {
	vault: Vault;
	store: KeyValueStore;
	status: IndexStatus;
	/** The plugin, which owns the event subscriptions so they end when it unloads. */
	owner: Component;
	settings: IndexSettings;
}

export class IndexSync {
	index: VaultIndex;
	/** Set once the first build has finished; searches before that see a partial index. */
	ready = false;
	private lastSummary: IndexSummary | null = null;
	private markReady: () => void = () => undefined;
	private readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));
	private readonly pendingModifies = new Set<string>();
	private readonly saveSoon = debounce(() => void this.save(), SAVE_DELAY_MS, false);
	private readonly flushModifiesSoon = debounce(() => void this.flushModifies(), MODIFY_DELAY_MS, true);

	constructor(private readonly options: IndexSyncOptions) {
		this.index = this.createIndex(options.settings);
		// No timer may fire into an unloaded plugin; the final save on unload flushes what was pending.
		options.owner.register(() => {
			this.saveSoon.cancel();
			this.flushModifiesSoon.cancel();
		});
	}

	/**
	 * Called from `onLayoutReady`. Subscribing there, not in `onload`, matters: while the vault loads,
	 * Obsidian fires `create` for every existing file, which the first refresh covers anyway.
	 */
	async start(): Promise<void> {
		const { owner, vault } = this.options;
		owner.registerEvent(vault.on("create", (file) => this.onChange(file)));
		owner.registerEvent(vault.on("modify", (file) => this.onModify(file)));
		owner.registerEvent(vault.on("delete", (file) => this.onDelete(file)));
		owner.registerEvent(vault.on("rename", (file, oldPath) => this.onRename(file, oldPath)));
		await this.build(() => this.index.refresh((done, total) => this.options.status.progress(done, total)));
	}

	/** The "Rebuild index" command: forget everything and read the whole vault again. */
	async rebuild(): Promise<IndexSummary | null> {
		return this.build(() => this.index.rebuild((done, total) => this.options.status.progress(done, total)));
	}

	/** Exclusion settings changed: a new index with the new rules (the old cache no longer applies and is replaced). */
	async applySettings(settings: IndexSettings): Promise<void> {
		this.index = this.createIndex(settings);
		this.ready = false;
		this.readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));
		await this.build(() => this.index.refresh((done, total) => this.options.status.progress(done, total)));
	}

	get summary(): IndexSummary | null {
		return this.lastSummary;
	}

	/** Resolves once the first build has finished (at once if it has), so a run never sees a half-built index. */
	whenReady(): Promise<void> {
		return this.readyPromise;
	}

	/** Indexes notes modified in the last second now, rather than after the debounce. */
	async catchUp(): Promise<void> {
		await this.flushModifies();
	}

	/** Writes pending work and the cache; called on unload too. */
	async save(): Promise<void> {
		await this.flushModifies();
		await this.index.save();
	}

	private async build(run: () => Promise<IndexSummary>): Promise<IndexSummary | null> {
		try {
			const summary = await run();
			this.lastSummary = summary;
			this.ready = true;
			this.markReady();
			this.options.status.done();
			await this.index.save();
			return summary;
		} catch (error) {
			this.options.status.failed();
			// Runs waiting for the index go on with what it has rather than wait forever.
			this.markReady();
			new Notice(`The vault index could not be built: ${error instanceof Error ? error.message : String(error)}`);
			return null;
		}
	}

	private onChange(file: TAbstractFile): void {
		if (!isMarkdown(file)) return;
		void this.index.updateFile(statOf(file)).then(() => this.saveSoon());
	}

	private onModify(file: TAbstractFile): void {
		if (!isMarkdown(file)) return;
		this.pendingModifies.add(file.path);
		this.flushModifiesSoon();
	}

	private onDelete(file: TAbstractFile): void {
		if (!isMarkdown(file)) return;
		this.pendingModifies.delete(file.path);
		void this.index.removeFile(file.path).then(() => this.saveSoon());
	}

	private onRename(file: TAbstractFile, oldPath: string): void {
		if (this.pendingModifies.delete(oldPath)) this.pendingModifies.add(file.path);
		if (isMarkdown(file)) void this.index.renameFile(oldPath, statOf(file)).then(() => this.saveSoon());
		// A note renamed to another extension is no longer a note.
		else if (oldPath.toLowerCase().endsWith(".md")) void this.index.removeFile(oldPath).then(() => this.saveSoon());
	}

	private async flushModifies(): Promise<void> {
		const paths = [...this.pendingModifies];
		this.pendingModifies.clear();
		for (const path of paths) {
			const file = this.options.vault.getFileByPath(path);
			if (file) await this.index.updateFile(statOf(file));
		}
		if (paths.length > 0) this.saveSoon();
	}

	private createIndex(settings: IndexSettings): VaultIndex {
		return new VaultIndex({
			vault: new ObsidianVaultReader(this.options.vault),
			store: this.options.store,
			settings,
			clock: uiClock,
		});
	}
}

function isMarkdown(file: TAbstractFile): file is TFile {
	return file instanceof TFile && file.extension === "md";
}
