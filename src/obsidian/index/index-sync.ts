/** Keeps the vault index current inside Obsidian: first build after layout ready, then vault events, then the cache. */
import { debounce, Notice, TFile, type Component, type TAbstractFile, type Vault } from "obsidian";
import { VaultIndex, type IndexSummary } from "../../core/index/vault-index";
import type { IndexSettings } from "../../core/index/index-settings";
import type { KeyValueStore } from "../../core/ports/key-value-store";
import type { VaultReader } from "../../core/ports/vault-reader";
import type { Clock } from "../../core/ports/clock";
import { statOf } from "../adapters/obsidian-vault-reader";
import type { IndexStatus } from "./index-status";
import type { SpawnIndexWorker } from "../../core/ports/index-worker";

/** How long after the last change the cache is written: often enough to survive a crash, rarely enough to cost nothing. */
const SAVE_DELAY_MS = 30_000;
/** Obsidian writes a note every few seconds while the user types; changes are gathered and indexed together. */
const MODIFY_DELAY_MS = 1_000;

export interface IndexSyncOptions {
	/** Its events keep the index current. */
	vault: Vault;
	reader: VaultReader;
	clock: Clock;
	store: KeyValueStore;
	status: IndexStatus;
	/** The plugin, which owns the event subscriptions so they end when it unloads. */
	owner: Component;
	settings: IndexSettings;
	/** Starts a worker thread for a large build's words (see threaded-term-collection.ts). */
	spawnWorker?: SpawnIndexWorker;
	/** Called with every index this creates (the first, a rebuild's, new exclusions'), before it serves searches. */
	prepareIndex?: (index: VaultIndex) => void;
	/** Called after each save of the index: what changed since is in it (semantic search embeds the changed sections then). */
	indexSaved?: () => void;
}

export class IndexSync {
	index: VaultIndex;
	/** Set once the first full build has finished (searches before that see a partial index); a later rebuild never unsets it. */
	ready = false;
	/** Bumped by each replacement build, so only the newest one is swapped in. */
	private generation = 0;
	/** One set per replacement being built: the paths vault events touched meanwhile, applied to it before the swap. */
	private readonly touchedDuringBuilds = new Set<Set<string>>();
	private lastSummary: IndexSummary | null = null;
	private markReady: () => void = () => undefined;
	private readonly readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));
	/** The cache write that followed the latest finished build ("ready" comes before it: searches need not wait for the disk). */
	private lastSave: Promise<unknown> = Promise.resolve();
	/** Waiting on the next replacement's outcome (nextSwap). */
	private readonly swapWaiters = new Set<() => void>();
	private readonly pendingModifies = new Set<string>();
	/** Index updates from vault events still under way; catchUp waits for them. */
	private readonly updating = new Set<Promise<unknown>>();
	private readonly saveSoon = debounce(() => void this.save(), SAVE_DELAY_MS, false);
	private readonly flushModifiesSoon = debounce(() => void this.flushModifies(), MODIFY_DELAY_MS, true);

	private settings: IndexSettings;

	constructor(private readonly options: IndexSyncOptions) {
		this.settings = options.settings;
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

	/** The "Rebuild index" command: read the whole vault again into a new index, swapped in when done. */
	async rebuild(): Promise<IndexSummary | null> {
		const next = this.createIndex(this.settings);
		return this.replace(next, () => next.rebuild((done, total) => this.options.status.progress(done, total)));
	}

	/**
	 * Exclusion settings changed: a new index with the new rules (the old cache no longer applies and is replaced),
	 * built beside the current one, which keeps answering searches and runs until the new one is swapped in.
	 */
	async applySettings(settings: IndexSettings): Promise<void> {
		this.settings = settings;
		const next = this.createIndex(settings);
		await this.replace(next, () => next.refresh((done, total) => this.options.status.progress(done, total)));
	}

	get summary(): IndexSummary | null {
		return this.lastSummary;
	}

	/** Resolves once the first build has finished (at once if it has), so a run never sees a half-built index. */
	whenReady(): Promise<void> {
		return this.readyPromise;
	}

	/** Resolves once the first build is ready and the cache written after the latest build is on disk (or failed to be). */
	async whenSaved(): Promise<void> {
		await this.readyPromise;
		await this.lastSave.catch(() => undefined);
	}

	/**
	 * Resolves when the next replacement (a settings change, "Rebuild index") has been swapped in — or failed, the old
	 * index staying — so a caller learns that new settings took effect from the index itself, not from a clock.
	 */
	nextSwap(): Promise<void> {
		return new Promise((resolve) => this.swapWaiters.add(resolve));
	}

	/**
	 * Indexes notes modified in the last second now, rather than after the debounce, and waits for the updates vault
	 * events already started: afterwards the index holds every change the vault has announced so far.
	 */
	async catchUp(): Promise<void> {
		await this.flushModifies();
		while (this.updating.size > 0) await Promise.allSettled(this.updating);
	}

	/** Writes pending work and the cache; called on unload too. */
	async save(): Promise<void> {
		await this.flushModifies();
		await this.index.save();
		this.options.indexSaved?.();
	}

	/**
	 * Builds `next` while the current index serves; then brings it up to date with what changed meanwhile and
	 * swaps it in. A newer replacement started in the meantime wins: this one is dropped.
	 */
	private async replace(next: VaultIndex, run: () => Promise<IndexSummary>): Promise<IndexSummary | null> {
		const generation = ++this.generation;
		const touched = new Set<string>();
		this.touchedDuringBuilds.add(touched);
		try {
			const summary = await run();
			for (const path of touched) {
				const file = this.options.vault.getFileByPath(path);
				await (file && isMarkdown(file) ? next.updateFile(statOf(file)) : next.removeFile(path));
			}
			if (generation !== this.generation) return null;
			this.index = next;
			this.swapped();
			return await this.finishBuild(summary);
		} catch (error) {
			if (generation === this.generation) {
				this.buildFailed(error);
				this.swapped();
			}
			return null;
		} finally {
			this.touchedDuringBuilds.delete(touched);
		}
	}

	/** The first build, on the index in place; a replacement started meanwhile takes over its reporting. */
	private async build(run: () => Promise<IndexSummary>): Promise<IndexSummary | null> {
		const generation = this.generation;
		try {
			const summary = await run();
			return generation === this.generation ? await this.finishBuild(summary) : null;
		} catch (error) {
			if (generation === this.generation) this.buildFailed(error);
			return null;
		}
	}

	private async finishBuild(summary: IndexSummary): Promise<IndexSummary> {
		this.lastSummary = summary;
		this.ready = true;
		this.markReady();
		this.options.status.done();
		this.lastSave = this.index.save();
		await this.lastSave;
		this.options.indexSaved?.();
		return summary;
	}

	private swapped(): void {
		for (const resolve of this.swapWaiters) resolve();
		this.swapWaiters.clear();
	}

	private buildFailed(error: unknown): void {
		this.options.status.failed();
		// Runs waiting for the index go on with what it has rather than wait forever.
		this.markReady();
		new Notice(`The vault index could not be built: ${error instanceof Error ? error.message : String(error)}`);
	}

	/** Notes a replacement index being built must look at again before it is swapped in. */
	private touch(...paths: string[]): void {
		for (const touched of this.touchedDuringBuilds) for (const path of paths) touched.add(path);
	}

	private onChange(file: TAbstractFile): void {
		if (!isMarkdown(file)) return;
		this.touch(file.path);
		this.follow(this.index.updateFile(statOf(file)));
	}

	private onModify(file: TAbstractFile): void {
		if (!isMarkdown(file)) return;
		this.touch(file.path);
		this.pendingModifies.add(file.path);
		this.flushModifiesSoon();
	}

	private onDelete(file: TAbstractFile): void {
		if (!isMarkdown(file)) return;
		this.touch(file.path);
		this.pendingModifies.delete(file.path);
		this.follow(this.index.removeFile(file.path));
	}

	private onRename(file: TAbstractFile, oldPath: string): void {
		this.touch(oldPath, file.path);
		if (this.pendingModifies.delete(oldPath)) this.pendingModifies.add(file.path);
		if (isMarkdown(file)) this.follow(this.index.renameFile(oldPath, statOf(file)));
		// A note renamed to another extension is no longer a note.
		else if (oldPath.toLowerCase().endsWith(".md")) this.follow(this.index.removeFile(oldPath));
	}

	/** Keeps an event's index update until it is done (for catchUp), then schedules the cache write. */
	private follow(update: Promise<unknown>): void {
		const done: Promise<unknown> = update.then(() => this.saveSoon()).finally(() => this.updating.delete(done));
		this.updating.add(done);
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
		const index = new VaultIndex({
			vault: this.options.reader,
			store: this.options.store,
			settings,
			clock: this.options.clock,
			...(this.options.spawnWorker ? { spawnWorker: this.options.spawnWorker } : {}),
		});
		this.options.prepareIndex?.(index);
		return index;
	}
}

function isMarkdown(file: TAbstractFile): file is TFile {
	return file instanceof TFile && file.extension === "md";
}
