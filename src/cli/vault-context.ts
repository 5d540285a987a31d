/** Opens a vault folder for a CLI command: checks it, reads the plugin's settings, and builds the ports. */
import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import manifest from "../../manifest.json";
import { settingsFromData, type PluginSettings } from "../core/settings/plugin-settings";
import type { VaultIndex } from "../core/index/vault-index";
import { ProgressVaultIndex } from "./progress-vault-index";
import { NO_PROGRESS, type Progress } from "./progress";
import { NodeVaultReader } from "./node-vault-reader";
import { NodeFileStore } from "./node-file-store";
import { NodeVaultWriter } from "./node-vault-writer";
import { DEFAULT_LINK_STYLE, LinkResolver, type LinkStyle } from "../core/notes/link-resolver";
import { RunLog } from "../core/ledger/run-log";
import { isInFolder } from "../core/notes/note-path";
import { isExcludedByFolder } from "../core/index/index-settings";
import type { WorkflowVault } from "../core/workflow/parse-workflow";
import { UsageError } from "./usage-error";

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
	runLog: RunLog;
	/** Resolves and writes links as the vault's own settings say; built on demand since it lists every file. */
	links(): Promise<LinkResolver>;
	/** The links and the workflow parser's view of the vault, from one listing of every file. */
	lookups(): Promise<VaultLookups>;
}

export interface VaultLookups {
	links: LinkResolver;
	workflowVault: WorkflowVault;
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
	const reader = new NodeVaultReader(root, configDir, (path) => isExcludedByFolder(path, settings));
	const index = new ProgressVaultIndex({ vault: reader, store: new NodeFileStore(pluginFolder), settings }, progress);
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
		runLog: new RunLog(new NodeFileStore(join(pluginFolder, "runs"))),
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
