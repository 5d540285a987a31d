/** The run pipeline: sources → context → model → deliverable → vault → run record. Commands, workflows and the CLI all call this. */
import type { VaultWriter } from "../ports/vault-writer";
import { NO_USAGE, type ChatMessage, type ChatModel, type TokenUsage } from "../model/chat-model";
import { ModelError } from "../model/model-error";
import { gatherSources, type GatheredSources, type SourceReaders } from "../context/gather-sources";
import { assembleContext } from "../context/assemble-context";
import { describeSource, mcpResourceLabel, type SourceSpec } from "../context/source-spec";
import { MEMORY_NOTE_TEMPLATE } from "../context/memory-note";
import { firstFreePath, outputPathFrom, titleFromGoal } from "../deliverable/output-path";
import { renderDeliverable, type RenderedFile } from "../deliverable/render-deliverable";
import type { RunRecord, RunStatus } from "../ledger/run-record";
import type { ExportAfterRun } from "../export/export-after-run";
import { runIdAt, type RunLog } from "../ledger/run-log";
import type { PluginSettings } from "../settings/plugin-settings";
import { vaultPathOf } from "../notes/note-path";
import { buildMessages, estimateMessagesTokens, fixedPromptTokens } from "./prompt";
import { converse, newConversation, type ConversationResult } from "./agent-loop";
import { localIsoWithOffset } from "./local-time";
import { occurrenceLines, runDate } from "./run-moment";
import type { TaskRequest } from "./task-request";
import { AGENT_TOOLS } from "./agent-tools";
import { estimateTokens } from "../context/token-estimate";
import type { ToolSession, ToolCallRecord } from "../tools/tool-session";
import type { RunStage } from "./run-stage";

/** Callers name the request where they call the pipeline. */
export type { TaskRequest } from "./task-request";

/** `earlierDeliverables` may be left out (the default, approved ones only, applies). */
export type RunSettings = Pick<PluginSettings, "contextBudgetTokens" | "maxAgentSteps" | "outputFolder" | "fileNameTemplate" | "memoryNotePath"> &
	Partial<Pick<PluginSettings, "earlierDeliverables">>;

export interface RunServices {
	readers: SourceReaders;
	writer: VaultWriter;
	/** Null when no model is configured: previews still work. */
	model: ChatModel | null;
	/** Null for runs that keep no record (tests of the pieces). */
	runLog: RunLog | null;
	now: () => number;
	settings: RunSettings;
	/**
	 * Opens this run's external (MCP) tools, starting their servers (and those its MCP resource sources name);
	 * absent or null when none are configured. The session is closed when the run (or preview) ends, whatever happens.
	 */
	externalTools?: (request: TaskRequest) => Promise<ToolSession | null>;
	/** Told where the run is as it moves (gathering, each model request, each tool call, writing); for display only. */
	onStage?: (stage: RunStage) => void;
	/** Exports a written deliverable (src/core/export/export-after-run.ts); absent: `exports` in a request is ignored. */
	exportDeliverable?: ExportAfterRun;
}

/** Exactly what a run would send, without sending it. */
export interface ContextPreview {
	messages: ChatMessage[];
	/** Estimated tokens of the whole request. */
	tokens: number;
	budget: number;
	sources: string[];
	omitted: string[];
	warnings: string[];
	/** Tool names offered to the model (agent mode). */
	tools: string[];
}

export interface RunResult {
	status: RunStatus;
	deliverable: string | null;
	files: string[];
	sources: string[];
	unresolvedLinks: string[];
	usage: TokenUsage;
	model: string;
	error: string | null;
	warnings: string[];
	/** External tool calls with their outcome. */
	toolCalls: ToolCallRecord[];
	/** The deliverable was written cut off at the model's output limit (and is marked so in its properties and at its top). */
	truncated: boolean;
	record: RunRecord;
}

type Prepared = { ok: true; preview: ContextPreview } | { ok: false; error: string; warnings: string[] };

/**
 * Gathers and assembles the context and builds the messages; fails (as a value) on an empty goal or a missing
 * source. MCP resource sources are read through a session of `services.externalTools`, closed before this returns.
 */
export async function previewTask(request: TaskRequest, services: RunServices): Promise<Prepared> {
	// A preview calls no tool: granting none starts only the servers whose resources it reads.
	const session = request.goal.trim() !== "" && readsResources(request) ? await openSession({ ...request, toolGrants: [] }, services) : null;
	try {
		return await prepareTask(request, services, session);
	} finally {
		await session?.close().catch(() => undefined);
	}
}

/** What {@link previewTask} does, with a session its caller opened (or none) to read the MCP resource sources. */
async function prepareTask(request: TaskRequest, services: RunServices, session: ToolSession | null, signal?: AbortSignal): Promise<Prepared> {
	if (request.goal.trim() === "") return { ok: false, error: "The goal is empty; say what the deliverable should be.", warnings: [] };
	const resources = session ? async (server: string, uri: string): Promise<string> => (await session.readResource(server, uri, signal)).text : null;
	const sources = sourcesToGather(request);
	const memoryPath = request.useMemory ? services.settings.memoryNotePath : null;
	const gathered = await gatherSources(sources, memoryPath, services.readers, resources, services.settings.earlierDeliverables);
	if (gathered.errors.length > 0) return { ok: false, error: oneSentence(gathered.errors), warnings: gathered.warnings };
	if (request.sources.length > 0 && nothingGathered(gathered) && !mayBeQuietPeriod(request)) {
		// A typo in a folder or a search that finds nothing would otherwise yield a deliverable written from the goal alone.
		const named = request.sources.map(describeSource).join(", ");
		return { ok: false, error: `None of the sources named (${named}) gave anything the coworker may read, so the model was not called; the warnings say why.`, warnings: gathered.warnings };
	}
	const now = services.now();
	const promptInput = { goal: request.goal, format: request.format, today: runDate(request, now), when: occurrenceLines(request, now), agentMode: request.agentMode };
	const budget = services.settings.contextBudgetTokens;
	const toolTokens = request.agentMode ? estimateTokens(JSON.stringify(AGENT_TOOLS)) : 0;
	let room = Math.max(0, budget - fixedPromptTokens(promptInput) - toolTokens);
	let context = assembleContext(gathered, request.goal, room, services.readers.links);
	let messages = buildMessages(promptInput, context);
	// The note of what was left out is part of the request too; when it tips the request over, assemble again in less room.
	for (let attempt = 0; attempt < 3; attempt++) {
		const over = estimateMessagesTokens(messages) + toolTokens - budget;
		if (over <= 0) break;
		room = Math.max(0, room - over - 16);
		context = assembleContext(gathered, request.goal, room, services.readers.links);
		messages = buildMessages(promptInput, context);
	}
	return {
		ok: true,
		preview: {
			messages,
			tokens: estimateMessagesTokens(messages) + toolTokens,
			budget,
			sources: context.sources,
			omitted: context.omitted,
			warnings: gathered.warnings,
			tools: request.agentMode ? AGENT_TOOLS.map((tool) => tool.name) : [],
		},
	};
}

/**
 * Runs a task to the end and records it. Never throws for a failed run: the result says what happened.
 * Nothing is written to the vault until the whole deliverable is ready, and a write that fails half-way
 * is undone, so a failed or cancelled run leaves the vault as it was (the run record aside).
 */
export async function runTask(request: TaskRequest, services: RunServices, signal?: AbortSignal): Promise<RunResult> {
	const startedMs = services.now();
	const run = new RunState(request, services, startedMs);
	let session: ToolSession | null = null;
	try {
		// Resources are read while the context is gathered, so their servers start first; otherwise servers wait until a model is known.
		services.onStage?.({ kind: "gathering" });
		const resourcesFirst = readsResources(request);
		if (resourcesFirst) session = await openSession(request, services);
		const prepared = await prepareTask(request, services, session, signal);
		if (!prepared.ok) {
			run.warnings.push(...prepared.warnings, ...(session?.problems ?? []));
			return await run.finish("failed", prepared.error);
		}
		const { preview } = prepared;
		run.warnings.push(...preview.warnings);
		run.sources = [...preview.sources];
		if (!services.model) return await run.finish("failed", "No model is configured; choose a provider and model in the AI Coworker settings.");
		run.model = services.model.modelName;

		const conversation = newConversation(services.model);
		run.conversation = conversation;
		if (!resourcesFirst) session = await openSession(request, services);
		if (session) run.warnings.push(...session.problems);
		await converse(
			services.model,
			preview.messages,
			services.readers,
			{
				agentMode: request.agentMode,
				maxSteps: services.settings.maxAgentSteps,
				budgetTokens: services.settings.contextBudgetTokens,
				...(signal ? { signal } : {}),
				external: session,
				...(services.onStage ? { onStage: services.onStage, now: services.now } : {}),
			},
			conversation,
		);
		if (signal?.aborted) return await run.finish("cancelled", "The task was cancelled.");
		if (conversation.continuationFailure) {
			run.warnings.push(`The answer was cut off and asking for the rest failed, so it is written as it stopped: ${conversation.continuationFailure}`);
		}

		services.onStage?.({ kind: "writing", usage: conversation.usage });
		const paths = await deliverablePaths(request, services, startedMs);
		if (!paths.ok) return await run.finish("failed", paths.error);
		run.warnings.push(...paths.warnings);
		const rendered = renderDeliverable({
			format: request.format,
			answer: conversation.text,
			notePath: paths.notePath,
			csvPath: paths.csvPath,
			goal: request.workflow ? null : request.goal.trim(),
			workflow: request.workflow ? { path: request.workflow.path, occurrence: request.workflow.occurrence } : null,
			model: conversation.model,
			usage: conversation.usage,
			created: localIsoWithOffset(startedMs),
			sources: [...run.sources, ...conversation.read.filter((path) => !run.sources.includes(path))],
			resources: request.sources.flatMap((source) => (source.kind === "mcp" ? [mcpResourceLabel(source)] : [])),
			links: services.readers.links,
			revises: request.revises ?? null,
			toolCalls: conversation.externalCalls,
			missingTools: session?.problems ?? [],
			truncated: conversation.truncated,
		});
		if (!rendered.ok) return await run.finish("failed", rendered.error);
		run.unresolvedLinks = rendered.unresolved;
		if (signal?.aborted) return await run.finish("cancelled", "The task was cancelled.");

		const written = await writeAll(services.writer, rendered.files);
		if (!written.ok) return await run.finish("failed", written.error);
		run.files = rendered.files.map((file) => file.path);
		run.deliverable = rendered.deliverable;
		if (request.useMemory) await createMemoryNoteIfMissing(services, run.warnings);
		if (request.exports?.length && services.exportDeliverable) run.files.push(...(await services.exportDeliverable(rendered.deliverable, request.exports, run.warnings)));
		return await run.finish("ok", null);
	} catch (error) {
		if (error instanceof ModelError) return run.finish(error.kind === "cancelled" ? "cancelled" : "failed", error.message);
		// Anything else is a bug or a broken port: still one sentence, and the run is still recorded.
		return run.finish("failed", `The run stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
	} finally {
		// No server outlives the run that started it.
		await session?.close().catch(() => undefined);
	}
}

/**
 * The sources named, or, for a delegated task that names none, a search of the vault for its goal: "gathers
 * context from your vault" is what a user expects. A workflow's sources are exactly those its note names.
 */
function sourcesToGather(request: TaskRequest): SourceSpec[] {
	if (request.sources.length > 0 || request.trigger === "workflow") return request.sources;
	return [{ kind: "search", query: request.goal.trim() }];
}

/** No note, table, MCP resource or selection came from the sources (the memory note is no source of this task). */
function nothingGathered(gathered: GatheredSources): boolean {
	return gathered.notes.length === 0 && gathered.tables.length === 0 && gathered.selection === null;
}

/**
 * A source filtered by `changed:` may rightly bring nothing (a week in which nothing changed): the run then goes
 * on and its report says so, rather than failing and being retried until the next occurrence.
 */
function mayBeQuietPeriod(request: TaskRequest): boolean {
	return request.sources.some((source) => "changedSince" in source && source.changedSince !== undefined);
}

function readsResources(request: TaskRequest): boolean {
	return request.sources.some((source) => source.kind === "mcp");
}

/** This run's external tools (and the servers its MCP resource sources name), or null when none are configured. */
function openSession(request: TaskRequest, services: RunServices): Promise<ToolSession | null> {
	return services.externalTools ? services.externalTools(request) : Promise.resolve(null);
}

/** Several bad sources are named in one sentence: the first in full, the others by count. */
function oneSentence(errors: readonly string[]): string {
	const [first = "", ...rest] = errors;
	if (rest.length === 0) return first;
	return `${first.replace(/\.$/, "")} (and ${rest.length} more source${rest.length === 1 ? "" : "s"} with problems).`;
}

/** The note path (and the CSV beside it for tables), each free, with the same stem. */
async function deliverablePaths(
	request: TaskRequest,
	services: RunServices,
	startedMs: number,
): Promise<{ ok: true; notePath: string; csvPath: string | null; warnings: string[] } | { ok: false; error: string }> {
	const template = request.outputTemplate ?? `${services.settings.outputFolder}/${services.settings.fileNameTemplate}`;
	const values = { date: runDate(request, startedMs), title: request.title ?? titleFromGoal(request.goal), workflow: request.workflow?.name ?? "" };
	const path = outputPathFrom(template, values, "md");
	if (!path.ok) return path;
	const exists = (candidate: string): Promise<boolean> => services.writer.exists(candidate);
	const warnings = path.warnings ?? [];
	if (request.format !== "table") return { ok: true, notePath: await firstFreePath(path.path, exists), csvPath: null, warnings };
	const notePath = await firstFreePath(path.path, exists, (candidate) => [csvPathFor(candidate)]);
	return { ok: true, notePath, csvPath: csvPathFor(notePath), warnings };
}

function csvPathFor(notePath: string): string {
	return notePath.replace(/\.md$/i, ".csv");
}

/** Creates each file; if one fails, removes those already created so no partial deliverable is left. */
async function writeAll(writer: VaultWriter, files: readonly RenderedFile[]): Promise<{ ok: true } | { ok: false; error: string }> {
	const created: string[] = [];
	for (const file of files) {
		try {
			await writer.create(file.path, file.content);
			created.push(file.path);
		} catch (error) {
			for (const path of created.reverse()) await writer.remove(path).catch(() => undefined);
			return { ok: false, error: `${file.path} could not be written (${error instanceof Error ? error.message : String(error)}); nothing was kept.` };
		}
	}
	return { ok: true };
}

/** The memory note is created on first use, with a short explanation, once a run has succeeded. */
async function createMemoryNoteIfMissing(services: RunServices, warnings: string[]): Promise<void> {
	const path = vaultPathOf(services.settings.memoryNotePath);
	if (path === null || (await services.writer.exists(path))) return;
	try {
		await services.writer.create(path, MEMORY_NOTE_TEMPLATE);
	} catch (error) {
		warnings.push(`The memory note ${path} could not be created (${error instanceof Error ? error.message : String(error)}).`);
	}
}

/** What a run has gathered so far, turned into its record at the end. */
class RunState {
	warnings: string[] = [];
	sources: string[] = [];
	files: string[] = [];
	deliverable: string | null = null;
	unresolvedLinks: string[] = [];
	model = "";
	/** The model conversation once it has started; what it holds is recorded even when a later step fails. */
	conversation: ConversationResult | null = null;
	private readonly id: string;

	constructor(
		private readonly request: TaskRequest,
		private readonly services: RunServices,
		private readonly startedMs: number,
	) {
		this.id = runIdAt(startedMs);
		this.model = services.model?.modelName ?? "";
	}

	async finish(status: RunStatus, error: string | null): Promise<RunResult> {
		const conversation = this.conversation;
		const usage = conversation?.usage ?? NO_USAGE;
		const model = conversation?.model ?? this.model;
		for (const path of conversation?.read ?? []) if (!this.sources.includes(path)) this.sources.push(path);
		const record: RunRecord = {
			id: this.id,
			trigger: this.request.trigger,
			startedAt: new Date(this.startedMs).toISOString(),
			finishedAt: new Date(this.services.now()).toISOString(),
			status,
			goal: this.request.goal,
			format: this.request.format,
			workflow: this.request.workflow ? { path: this.request.workflow.path, occurrence: this.request.workflow.occurrence } : null,
			deliverable: this.deliverable,
			files: this.files,
			sources: this.sources,
			unresolvedLinks: this.unresolvedLinks,
			model,
			usage,
			truncated: status === "ok" && (conversation?.truncated ?? false),
			requests: conversation?.requests ?? 0,
			toolCalls: conversation?.toolCalls ?? [],
			externalToolCalls: conversation?.externalCalls ?? [],
			warnings: this.warnings,
			error,
		};
		if (this.services.runLog) {
			try {
				await this.services.runLog.add(record);
			} catch (failure) {
				this.warnings.push(`The run record could not be saved (${failure instanceof Error ? failure.message : String(failure)}).`);
			}
		}
		return {
			status,
			deliverable: this.deliverable,
			files: this.files,
			sources: this.sources,
			unresolvedLinks: this.unresolvedLinks,
			usage,
			model,
			error,
			warnings: this.warnings,
			toolCalls: conversation?.externalCalls ?? [],
			truncated: record.truncated ?? false,
			record,
		};
	}
}
