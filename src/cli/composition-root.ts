/**
 * The command line's composition root: opens a vault folder for a command (checks it, reads the plugin's settings)
 * and builds every adapter the commands use, once; the model client and the MCP servers are built here too, when a
 * command asks for them with its flags. No command builds an adapter of its own.
 */
import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import manifest from "../../manifest.json";
import { settingsFromData, type PluginSettings } from "../core/settings/plugin-settings";
import type { VaultIndex } from "../core/index/vault-index";
import { ProgressVaultIndex } from "./progress-vault-index";
import { NO_PROGRESS, type Progress } from "./progress";
import { NodeVaultReader, READ_AHEAD_MIN_NOTES } from "./node-vault-reader";
import { NodeFileStore } from "./node-file-store";
import { nodeIndexWorkers } from "./node-index-worker";
import { bundledTermWorkerSource } from "./term-worker-source";
import { NodeVaultWriter } from "./node-vault-writer";
import { DEFAULT_LINK_STYLE, LinkResolver, type LinkStyle } from "../core/notes/link-resolver";
import { RunLog } from "../core/ledger/run-log";
import { isInFolder } from "../core/notes/note-path";
import { isExcludedByFolder } from "../core/index/index-settings";
import type { WorkflowVault } from "../core/workflow/parse-workflow";
import type { ChatModel } from "../core/model/chat-model";
import type { RunServices } from "../core/run/run-task";
import { UsageError } from "./usage-error";
import { EMBEDDINGS_FOLDER } from "../core/embeddings/semantic-settings";
import { NodeNoteEditor } from "./node-note-editor";
import { exportAfterRun } from "../core/export/export-after-run";
import type { McpConnections } from "../core/tools/mcp-connections";
// Imported when a command asks for them (below): `index` and `search` then load neither the model client nor the
// MCP SDK, which were half of their start-up on a large vault (see bench/README.md, whole processes).
import type { CliModel, ModelEnvironment } from "./model-config";
import type { McpSetup } from "./mcp-options";

export interface VaultContext {
	root: string;
	/** The plugin's own folder in the vault (`.obsidian/plugins/ai-coworker`), where its data and cache live. */
	pluginFolder: string;
	settings: PluginSettings;
	/** Sentences about settings that were wrong and replaced by defaults. */
	warnings: string[];
	index: VaultIndex;
	reader: NodeVaultReader;
	writer: NodeVaultWriter;
	/** The exact property or section a review or an export changes. */
	editor: NodeNoteEditor;
	/** The plugin's folder as a store: the index cache, the workflow ledger, the prune dates. */
	store: NodeFileStore;
	/** Its `claims` folder: the occurrences a runner is running. */
	claimsStore: NodeFileStore;
	/** Its `embeddings` folder: the vectors of semantic search (off by default). */
	embeddingsStore: NodeFileStore;
	runLog: RunLog;
	/** The model client as the flags, the environment and the settings say; built only when a command calls a model. */
	model(environment: Pick<ModelEnvironment, "overrides" | "env">): Promise<CliModel>;
	/** The MCP servers of a run, as `--mcp-config`, the trust flags and `--allow-tool` say. */
	externalTools(environment: ModelEnvironment): Promise<McpSetup>;
	/** A fresh pool of MCP connections (`coworker tools` starts each server in its own and closes it). */
	mcpConnections(): Promise<McpConnections>;
	/** Resolves and writes links as the vault's own settings say; built on demand since it lists every file. */
	links(): Promise<LinkResolver>;
	/** The links and the workflow parser's view of the vault, from one listing of every file. */
	lookups(): Promise<VaultLookups>;
}

export interface VaultLookups {
	links: LinkResolver;
	workflowVault: WorkflowVault;
}

/** The run pipeline's services over the vault folder, with this run's model, clock and external tools. */
export function runServicesFor(vault: VaultContext, links: LinkResolver, options: { model: ChatModel | null; now: () => number; externalTools?: RunServices["externalTools"] }): RunServices {
	return {
		readers: { reader: vault.reader, index: vault.index, links, settings: vault.settings },
		writer: vault.writer,
		model: options.model,
		runLog: vault.runLog,
		now: options.now,
		settings: vault.settings,
		...(options.externalTools ? { externalTools: options.externalTools } : {}),
		exportDeliverable: exportAfterRun({ reader: vault.reader, writer: vault.writer, links, editor: vault.editor }),
	};
}

/** `progress` shows the index's refreshes on a terminal; the commands refresh it themselves. */
export async function openVault(vaultDir: string | undefined, configDir: string, progress: Progress = NO_PROGRESS): Promise<VaultContext> {
	if (!vaultDir) throw new UsageError("--vault DIR is required: the folder of the Obsidian vault.");
	const root = resolve(vaultDir);
	const info = await stat(root).catch(() => null);
	if (!info) throw new UsageError(`The vault folder ${vaultDir} does not exist.`);
	if (!info.isDirectory()) throw new UsageError(`The vault path ${vaultDir} is a file, not a folder.`);
	const pluginFolder = join(root, configDir, "plugins", manifest.id);
	const dataFile = join(pluginFolder, "data.json");
	const { settings, warnings } = await readSettings(dataFile);
	const reader = new NodeVaultReader(root, configDir, (path) => isExcludedByFolder(path, settings), READ_AHEAD_MIN_NOTES);
	const store = new NodeFileStore(pluginFolder);
	const mcpConnections = async (): Promise<McpConnections> => {
		const { nodeMcpConnections } = await import("./mcp-tools");
		return nodeMcpConnections(settings.mcpCallTimeoutSeconds * 1000);
	};
	const workerSource = bundledTermWorkerSource;
	const index = new ProgressVaultIndex({ vault: reader, store, settings, ...(workerSource !== null ? { spawnWorker: nodeIndexWorkers(workerSource) } : {}) }, progress);
	const lookups = async (): Promise<VaultLookups> => {
		const files = await reader.listAllFiles();
		const links = new LinkResolver(files, await readLinkStyle(join(root, configDir, "app.json")));
		return {
			links,
			workflowVault: { resolve: (link, from) => links.resolve(link, from), folderExists: (folder) => files.some((file) => file !== folder && isInFolder(file, folder)) },
		};
	};
	return {
		root,
		pluginFolder,
		settings,
		warnings,
		index,
		reader,
		writer: new NodeVaultWriter(root),
		editor: new NodeNoteEditor(root),
		store,
		claimsStore: new NodeFileStore(join(pluginFolder, "claims")),
		embeddingsStore: new NodeFileStore(join(pluginFolder, EMBEDDINGS_FOLDER)),
		runLog: new RunLog(new NodeFileStore(join(pluginFolder, "runs"))),
		// Node's own fetch: it streams, so a slow local model is not cut off mid-answer.
		model: async (environment) => {
			const { modelFromSettings } = await import("./model-config");
			return modelFromSettings(settings, environment.overrides, environment.env, globalThis.fetch);
		},
		externalTools: async (environment) => {
			const [{ mcpToolsFor }, { nodeMcpConnections }] = await Promise.all([import("./mcp-options"), import("./mcp-tools")]);
			return mcpToolsFor({
				configFile: environment.mcpConfig,
				vaultRoot: root,
				allowTools: environment.allowTools ?? [],
				trustVaultMcp: environment.trustVaultMcp,
				allowEnv: environment.allowEnv,
				env: environment.env,
				settings,
				connections: () => nodeMcpConnections(settings.mcpCallTimeoutSeconds * 1000),
			});
		},
		mcpConnections,
		links: async () => (await lookups()).links,
		lookups,
	};
}

/** The plugin's data.json, if the vault has one. Unparseable JSON stops the command: guessing could index private folders. */
async function readSettings(dataFile: string): Promise<{ settings: PluginSettings; warnings: string[] }> {
	let raw: string | null = null;
	try {
		raw = await readFile(dataFile, "utf8");
	} catch (error) {
		if ((error as { code?: string }).code !== "ENOENT") throw new Error(`${dataFile} could not be read: ${(error as Error).message}`);
	}
	let data: unknown = null;
	if (raw !== null) {
		try {
			data = JSON.parse(raw);
		} catch (error) {
			throw new Error(`${dataFile} is not valid JSON (${(error as Error).message}); fix or delete it so the exclusion settings are known.`);
		}
	}
	if (raw !== null && data === null) throw new Error(`${dataFile} holds null, so its exclusions cannot be known; fix or delete it.`);
	const read = settingsFromData(data, dataFile);
	// Exclusions that cannot be known are never read as none: the command stops before reading any note.
	if (read.exclusionProblem !== null) throw new Error(read.exclusionProblem);
	return { settings: read.settings, warnings: read.problems };
}

/** Settings → Files and links, as Obsidian saves them; the defaults when the vault has never changed them. */
async function readLinkStyle(appJson: string): Promise<LinkStyle> {
	let data: Record<string, unknown>;
	try {
		data = JSON.parse(await readFile(appJson, "utf8")) as Record<string, unknown>;
	} catch {
		return DEFAULT_LINK_STYLE;
	}
	const format = data.newLinkFormat;
	return {
		useMarkdownLinks: data.useMarkdownLinks === true,
		newLinkFormat: format === "relative" || format === "absolute" ? format : "shortest",
	};
}
