/** The plugin's settings as stored in its data.json, read the same way by the plugin and the CLI. */
import { readModelPrices, type ModelPrices } from "../panel/model-prices";
import { DEFAULT_INDEX_SETTINGS, type IndexSettings } from "../index/index-settings";
import { readExcludedFolder } from "../index/excluded-folder";
import { isProviderId, PROVIDER_PRESETS, type ProviderId } from "../model/provider-presets";
import { DEFAULT_MEMORY_NOTE_PATH } from "../context/memory-note";
import { checkOutputTemplate } from "../deliverable/output-path";
import type { ToolPermission } from "../tools/tool-permissions";
import { DEFAULT_SEMANTIC_SETTINGS, type SemanticSettings } from "../embeddings/semantic-settings";
import { DEFAULT_EARLIER_DELIVERABLES, EARLIER_DELIVERABLES_POLICIES, isEarlierDeliverablesPolicy, type EarlierDeliverablesPolicy } from "../context/earlier-deliverables";
import { isHttpUrl } from "../model/base-url";

export interface ModelSettings {
	provider: ProviderId;
	baseUrl: string;
	model: string;
	/** The NAME of the secret in Obsidian's secret storage that holds the API key (the key itself is never in data.json). */
	apiKeySecret: string;
	/** The key itself, only where the running Obsidian has no secret storage; empty otherwise. */
	apiKey: string;
	requestTimeoutSeconds: number;
	maxRetries: number;
	/** Tokens the whole request (instructions, goal and sources) may take. */
	contextBudgetTokens: number;
	/** "Earlier deliverables as context": which of the coworker's own deliverables a search, folder, tag or linked-notes source brings in. */
	earlierDeliverables: EarlierDeliverablesPolicy;
	/** Whether delegated tasks start with agent mode on (the model may search and read more notes). */
	agentMode: boolean;
	maxAgentSteps: number;
}

export interface OutputSettings {
	/** Folder for deliverables of delegated tasks. */
	outputFolder: string;
	/** File name template, without extension: `{{date}}`, `{{title}}`, `{{workflow}}`. */
	fileNameTemplate: string;
	memoryNotePath: string;
	/** Open the deliverable in a new tab after a run started by hand. */
	openDeliverable: boolean;
}

export interface WorkflowSettings {
	/** Where "New workflow note" puts new workflow notes. */
	workflowFolder: string;
	/** "Pause all schedules": synced with the vault, so it pauses every device. */
	schedulesPaused: boolean;
	/** Run records, settled occurrence claims and the ledger's occurrence history older than this are pruned at start. */
	keepRunRecordsDays: number;
}

export interface ToolSettings {
	/** MCP servers as JSON text in the shape other clients use (`{ "mcpServers": { … } }`); "" for none. */
	mcpServers: string;
	/** Per tool (`server/tool`): allow, ask or deny, over the default (read-only tools allowed, the rest ask). */
	toolPermissions: Record<string, ToolPermission>;
	/** Seconds a server may take to start or to answer one call. */
	mcpCallTimeoutSeconds: number;
	/** Bytes of one tool result the model sees at most (the rest is cut, and the cut is said). */
	mcpMaxResultBytes: number;
	/** In the app, servers keep running this many minutes after the last run used them (0: stop when the run ends). */
	mcpIdleMinutes: number;
	/** Dollars per million input and output tokens, per model, for the panel's cost estimates; a model without an entry shows no cost. */
	modelPrices: ModelPrices;
}

export type PluginSettings = IndexSettings & ModelSettings & OutputSettings & WorkflowSettings & ToolSettings & SemanticSettings;

/** The whole numbers each number setting accepts: data.json is checked against them, and the settings tab takes only these. */
export const NUMBER_RANGES = {
	maxNoteBytes: [1000, Number.MAX_SAFE_INTEGER],
	requestTimeoutSeconds: [5, 3600],
	maxRetries: [0, 10],
	contextBudgetTokens: [1000, 2_000_000],
	maxAgentSteps: [1, 20],
	mcpCallTimeoutSeconds: [1, 600],
	mcpMaxResultBytes: [500, 1_000_000],
	mcpIdleMinutes: [0, 1440],
	keepRunRecordsDays: [1, 3650],
} as const satisfies Partial<Record<keyof PluginSettings, readonly [number, number]>>;

export type NumberSettingKey = keyof typeof NUMBER_RANGES;

export const DEFAULT_MODEL_SETTINGS: ModelSettings = {
	provider: "openai",
	baseUrl: PROVIDER_PRESETS.openai.baseUrl,
	model: PROVIDER_PRESETS.openai.defaultModel,
	apiKeySecret: "",
	apiKey: "",
	requestTimeoutSeconds: 120,
	maxRetries: 3,
	contextBudgetTokens: 12_000,
	earlierDeliverables: DEFAULT_EARLIER_DELIVERABLES,
	agentMode: false,
	maxAgentSteps: 6,
};

export const DEFAULT_OUTPUT_SETTINGS: OutputSettings = {
	outputFolder: "Coworker/Deliverables",
	fileNameTemplate: "{{date}} {{title}}",
	memoryNotePath: DEFAULT_MEMORY_NOTE_PATH,
	openDeliverable: true,
};

export const DEFAULT_WORKFLOW_SETTINGS: WorkflowSettings = { workflowFolder: "Workflows", schedulesPaused: false, keepRunRecordsDays: 90 };

export const DEFAULT_TOOL_SETTINGS: ToolSettings = { mcpServers: "", toolPermissions: {}, mcpCallTimeoutSeconds: 30, mcpMaxResultBytes: 20_000, mcpIdleMinutes: 5, modelPrices: {} };

export const DEFAULT_SETTINGS: PluginSettings = {
	...DEFAULT_INDEX_SETTINGS,
	...DEFAULT_MODEL_SETTINGS,
	...DEFAULT_OUTPUT_SETTINGS,
	...DEFAULT_WORKFLOW_SETTINGS,
	...DEFAULT_TOOL_SETTINGS,
	...DEFAULT_SEMANTIC_SETTINGS,
};

/** Settings read from data.json, with one sentence per field that was wrong (and replaced by its default). */
export interface SettingsRead {
	settings: PluginSettings;
	problems: string[];
	/**
	 * Set when the exclusions cannot be known (a list of the wrong type, a folder that cannot be read as one, a
	 * file that holds no object): never read as "no exclusions". The command line stops with it; the app keeps
	 * its last good exclusions. Also in `problems`.
	 */
	exclusionProblem: string | null;
}

/**
 * Reads whatever data.json held (null when absent). Unknown keys are kept out; a field of the wrong type
 * falls back to its default and is reported, naming the field.
 */
export function settingsFromData(data: unknown, source: string): SettingsRead {
	const problems: string[] = [];
	const settings: PluginSettings = { ...DEFAULT_SETTINGS, excludedFolders: [], excludedTags: [], toolPermissions: {} };
	if (data === null || data === undefined) return { settings, problems, exclusionProblem: null };
	if (typeof data !== "object" || Array.isArray(data)) {
		const problem = `${source} does not hold an object of settings, so its exclusions cannot be known.`;
		return { settings, problems: [problem], exclusionProblem: problem };
	}
	const record = data as Record<string, unknown>;
	const field = new FieldReader(record, source, problems);
	const exclusionProblems: string[] = [];
	const exclusions = (key: "excludedFolders" | "excludedTags"): string[] => {
		const value = record[key];
		if (value === undefined) return [];
		if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
		exclusionProblems.push(`${source}: "${key}" must be a list of text (got ${JSON.stringify(value)}), so the exclusions cannot be known.`);
		return [];
	};
	settings.excludedFolders = exclusions("excludedFolders");
	settings.excludedTags = exclusions("excludedTags");
	for (const folder of settings.excludedFolders) {
		if (folder.trim() === "") continue;
		const read = readExcludedFolder(folder);
		if (!read.ok) exclusionProblems.push(`${source}: "excludedFolders": ${read.error}.`);
	}
	problems.push(...exclusionProblems);
	settings.maxNoteBytes = field.integer("maxNoteBytes", settings.maxNoteBytes);

	const provider = field.text("provider", settings.provider);
	if (isProviderId(provider)) settings.provider = provider;
	else problems.push(`${source}: "provider" must be one of openai, ollama, lmstudio, openrouter, custom; "openai" is used.`);
	settings.baseUrl = field.text("baseUrl", PROVIDER_PRESETS[settings.provider].baseUrl || settings.baseUrl);
	if (settings.baseUrl !== "" && !isHttpUrl(settings.baseUrl)) {
		problems.push(`${source}: "baseUrl" must start with http:// or https:// (got "${settings.baseUrl}").`);
	}
	settings.model = field.text("model", settings.model);
	settings.apiKeySecret = field.text("apiKeySecret", settings.apiKeySecret);
	settings.apiKey = field.text("apiKey", settings.apiKey);
	settings.requestTimeoutSeconds = field.integer("requestTimeoutSeconds", settings.requestTimeoutSeconds);
	settings.maxRetries = field.integer("maxRetries", settings.maxRetries);
	settings.contextBudgetTokens = field.integer("contextBudgetTokens", settings.contextBudgetTokens);
	const earlier = record.earlierDeliverables;
	if (isEarlierDeliverablesPolicy(earlier)) settings.earlierDeliverables = earlier;
	else if (earlier !== undefined) problems.push(`${source}: "earlierDeliverables" must be one of ${EARLIER_DELIVERABLES_POLICIES.join(", ")}; "${DEFAULT_EARLIER_DELIVERABLES}" is used.`);
	settings.agentMode = field.boolean("agentMode", settings.agentMode);
	settings.maxAgentSteps = field.integer("maxAgentSteps", settings.maxAgentSteps);
	settings.semanticSearch = field.boolean("semanticSearch", settings.semanticSearch);
	settings.embeddingModel = field.text("embeddingModel", settings.embeddingModel);

	settings.outputFolder = field.text("outputFolder", settings.outputFolder);
	settings.fileNameTemplate = field.text("fileNameTemplate", settings.fileNameTemplate);
	const templateProblem = checkOutputTemplate(`${settings.outputFolder}/${settings.fileNameTemplate}`, `${source}: "outputFolder" and "fileNameTemplate"`);
	if (templateProblem) {
		problems.push(`${templateProblem} The defaults are used.`);
		settings.outputFolder = DEFAULT_OUTPUT_SETTINGS.outputFolder;
		settings.fileNameTemplate = DEFAULT_OUTPUT_SETTINGS.fileNameTemplate;
	}
	settings.memoryNotePath = field.text("memoryNotePath", settings.memoryNotePath);
	if (!/\.md$/i.test(settings.memoryNotePath)) settings.memoryNotePath += ".md";
	settings.openDeliverable = field.boolean("openDeliverable", settings.openDeliverable);
	settings.workflowFolder = field.text("workflowFolder", settings.workflowFolder);
	settings.schedulesPaused = field.boolean("schedulesPaused", settings.schedulesPaused);
	settings.keepRunRecordsDays = field.integer("keepRunRecordsDays", settings.keepRunRecordsDays);
	settings.mcpServers = field.text("mcpServers", settings.mcpServers);
	settings.mcpCallTimeoutSeconds = field.integer("mcpCallTimeoutSeconds", settings.mcpCallTimeoutSeconds);
	settings.mcpMaxResultBytes = field.integer("mcpMaxResultBytes", settings.mcpMaxResultBytes);
	settings.mcpIdleMinutes = field.integer("mcpIdleMinutes", settings.mcpIdleMinutes);
	if (record.modelPrices !== undefined) {
		const prices = readModelPrices(record.modelPrices, source);
		if (prices.ok) settings.modelPrices = prices.prices;
		else problems.push(`${prices.error} The price table is ignored.`);
	}
	const permissions = record.toolPermissions;
	if (permissions !== undefined) {
		if (permissions !== null && typeof permissions === "object" && !Array.isArray(permissions) && Object.values(permissions).every((v) => v === "allow" || v === "ask" || v === "deny")) {
			settings.toolPermissions = { ...(permissions as Record<string, ToolPermission>) };
		} else {
			problems.push(`${source}: "toolPermissions" must map server/tool to allow, ask or deny; it is ignored.`);
		}
	}
	return { settings, problems, exclusionProblem: exclusionProblems[0] ?? null };
}

/** Reads one field at a time, reporting a wrong type by name and keeping the default. */
class FieldReader {
	constructor(
		private readonly record: Record<string, unknown>,
		private readonly source: string,
		private readonly problems: string[],
	) {}

	text(key: string, fallback: string): string {
		const value = this.record[key];
		if (value === undefined) return fallback;
		if (typeof value === "string") return value.trim();
		this.problems.push(`${this.source}: "${key}" must be text; the default is used.`);
		return fallback;
	}

	integer(key: NumberSettingKey, fallback: number): number {
		const [min, max] = NUMBER_RANGES[key];
		const value = this.record[key];
		if (value === undefined) return fallback;
		if (typeof value === "number" && Number.isFinite(value) && value >= min && value <= max) return Math.floor(value);
		this.problems.push(`${this.source}: "${key}" must be a number from ${min} to ${max}; the default is used.`);
		return fallback;
	}

	boolean(key: string, fallback: boolean): boolean {
		const value = this.record[key];
		if (value === undefined) return fallback;
		if (typeof value === "boolean") return value;
		this.problems.push(`${this.source}: "${key}" must be true or false; the default is used.`);
		return fallback;
	}
}
